package dev.berth.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;

/**
 * What JGit would otherwise fork processes to learn about the host, on the first fetch or clone of every process:
 * {@code git --version} and {@code git config --system --list} for where git's system config is, {@code sh -c umask}
 * for the umask (~100 ms together on a test host, more under load).
 */
final class JGitHostFacts {
    /** Where the git of Debian, Ubuntu, Fedora and RHEL (built with {@code prefix=/usr}) keeps its system config. */
    static final File DISTRIBUTION_SYSTEM_CONFIG = new File("/etc/gitconfig");

    private JGitHostFacts() {
    }

    /**
     * Everything Berth tells JGit before its first use, once per process: the facts below, and the file systems'
     * timestamp facts ({@link JGitOwnConfig}). Every class of this package that opens a repository calls it first.
     */
    static void tellOnce() {
        Once.DONE.hashCode(); // the holder's class initialisation runs it, once, thread-safely
    }

    private enum Once {
        DONE;

        static {
            // first: installing the config loads git's system config, whose place JGit would fork git to find
            tell(FS.DETECTED); // instead of the three processes JGit forks to learn them
            // a file system mounted after JGit read its config is still measured: in the background, not blocking
            FS.FileStoreAttributes.setBackground(true);
            JGitOwnConfig.install();
        }
    }

    /** Tells JGit's file system both facts, each only where it can be read without a fork. */
    static void tell(FS fs) {
        // GIT_CONFIG_NOSYSTEM is honoured by JGit before it asks for the file at all
        fs.setGitSystemConfig(systemConfig(System.getenv("GIT_CONFIG_SYSTEM")));
        if (fs instanceof FS_POSIX posix) {
            try {
                umask(Files.readString(Path.of("/proc/self/status"))).ifPresent(posix::setUmask);
            } catch (IOException | RuntimeException e) {
                // no /proc (not Linux): JGit asks sh, as before
            }
        }
    }

    /**
     * Git's system config file: the one {@code GIT_CONFIG_SYSTEM} names, as git itself reads, else /etc/gitconfig.
     * A git built with another prefix (say /usr/local) keeps its own elsewhere; JGit read that one only when that
     * git came first on the PATH.
     */
    static File systemConfig(String gitConfigSystemEnv) {
        return gitConfigSystemEnv == null || gitConfigSystemEnv.isBlank() ? DISTRIBUTION_SYSTEM_CONFIG : new File(gitConfigSystemEnv);
    }

    /** The {@code Umask:} line of {@code /proc/self/status} (Linux 4.7+), octal. */
    static OptionalInt umask(String procSelfStatus) {
        for (String line : procSelfStatus.split("\n")) {
            if (line.startsWith("Umask:")) {
                String v = line.substring("Umask:".length()).strip();
                if (!v.isEmpty() && v.length() <= 4 && v.chars().allMatch(c -> c >= '0' && c <= '7')) {
                    return OptionalInt.of(Integer.parseInt(v, 8));
                }
            }
        }
        return OptionalInt.empty();
    }
}
