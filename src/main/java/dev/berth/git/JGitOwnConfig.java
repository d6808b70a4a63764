package dev.berth.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's own settings file ({@code ~/.config/jgit/config}) as Berth gives it to JGit: in memory, never read or
 * written, holding for every mounted file system the timestamp facts JGit would otherwise measure.
 *
 * <p>Why: the first time a process touches a file system JGit has no facts for, it starts a thread that writes a
 * probe file in the repository's folder for over 3 s (the state folder's clone, or a local repository being
 * fetched from), waits up to 100 ms for it, and saves the result to the user's {@code ~/.config/jgit/config} when it
 * is done. A CLI process exits before that, so every {@code berth sync} paid the wait, raced the probe on the second
 * core, never saved the result, and at times printed the probe's {@code FileNotFoundException} when the JVM's exit
 * deleted it mid-loop. A daemon did finish, and wrote to root's home: a file outside Berth's own.
 *
 * <p>The facts given are JGit's own fall-backs, what every short-lived process used anyway: a 2 s timestamp
 * resolution (a file changed within 2 s of being read is read again, never trusted as unchanged) and a 10 ms racy
 * interval. Berth reads bare clones and exports trees, so it never depends on a finer resolution for speed. The
 * file systems are read from {@code /proc/mounts} (JGit's key is the file system's name, the first field there),
 * not listed through {@code FileSystems}, which stats every mount point and so blocks on a hung network mount. One
 * mounted later is measured by JGit in the background, as before. Git's own config files ({@code /etc/gitconfig},
 * {@code ~/.gitconfig}) are read as before.
 */
final class JGitOwnConfig extends FileBasedConfig {
    static final Duration TIMESTAMP_RESOLUTION = Duration.ofSeconds(2);
    static final Duration MIN_RACY_INTERVAL = Duration.ofMillis(10);
    private static final Path MOUNTS = Path.of("/proc/mounts");

    private volatile boolean loaded;

    private JGitOwnConfig(Config base, FS fs) {
        super(base, new File("/dev/null"), fs); // never opened: load and save are Berth's own
    }

    /**
     * Makes JGit take this config as its own, for the whole process, keeping the rest of its system reader, and
     * loads the chain of configs it ends (this, git's system and user configs) at once: JGit looks the facts up on
     * a thread of its own and waits only 100 ms for the answer before it takes its fall-back and asks again next
     * time, and reading these files cold on that thread took 70 ms or more.
     */
    static void install() {
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public FileBasedConfig openJGitConfig(Config parent, FS fs) {
                return new JGitOwnConfig(parent, fs);
            }
        });
        try {
            SystemReader.getInstance().getUserConfig();
        } catch (IOException | ConfigInvalidException e) {
            // JGit reports a broken ~/.gitconfig or /etc/gitconfig itself, where a repository is opened
        }
    }

    /** JGit's key for a file system's facts: the JVM's vendor and version, and the file system's name. */
    static String keyOf(String fileSystemName) {
        return System.getProperty("java.vendor") + '|' + System.getProperty("java.version") + '|' + fileSystemName;
    }

    /**
     * The names of the mounted file systems: the first field of each line of {@code /proc/mounts}, with the octal
     * escapes the kernel writes for a space, tab, newline or backslash undone (as {@code getmntent} does).
     */
    static Set<String> fileSystemNames(List<String> procMounts) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : procMounts) {
            int space = line.indexOf(' ');
            if (space > 0) {
                names.add(line.substring(0, space).replace("\\040", " ").replace("\\011", "\t")
                        .replace("\\012", "\n").replace("\\134", "\\"));
            }
        }
        return names;
    }

    @Override
    public void load() {
        clear();
        List<String> mounts;
        try {
            mounts = Files.readAllLines(MOUNTS);
        } catch (IOException e) {
            mounts = List.of(); // not Linux: JGit measures, as it always did there
        }
        for (String name : fileSystemNames(mounts)) {
            String key = keyOf(name);
            setString(ConfigConstants.CONFIG_FILESYSTEM_SECTION, key, ConfigConstants.CONFIG_KEY_TIMESTAMP_RESOLUTION,
                    TIMESTAMP_RESOLUTION.toMillis() + " milliseconds");
            setString(ConfigConstants.CONFIG_FILESYSTEM_SECTION, key, ConfigConstants.CONFIG_KEY_MIN_RACY_THRESHOLD,
                    MIN_RACY_INTERVAL.toMillis() + " milliseconds");
        }
        loaded = true;
    }

    @Override
    public void save() throws IOException {
        // nothing is kept: the facts are the same in every process
    }

    @Override
    public boolean isOutdated() {
        return !loaded;
    }
}
