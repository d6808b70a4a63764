package dev.berth.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git} and {@code ssh-keygen} of the build machine, as a user signs commits:
 * {@code ssh-keygen -t ed25519}, then {@code git -c gpg.format=ssh -c user.signingkey=KEY commit -S}.
 */
public final class GitCli {
    private GitCli() {
    }

    /** Makes a key with {@code ssh-keygen -t TYPE [-b BITS]} (no passphrase); returns the public key line. */
    public static String sshKeygen(Path privateKey, String type, int bits) throws IOException {
        Files.createDirectories(privateKey.toAbsolutePath().getParent());
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "berth-test", "-f", privateKey.toString()));
        if (bits > 0) {
            cmd.addAll(List.of("-b", Integer.toString(bits)));
        }
        run(privateKey.getParent(), Map.of(), cmd);
        return Files.readString(Path.of(privateKey + ".pub")).strip();
    }

    /**
     * Commits everything in {@code repo} with git, signed by the SSH key {@code privateKey}; {@code hashAlgorithm}
     * null for git's default (sha512) or "sha256" (through {@code ssh-keygen -O hashalg=sha256}).
     */
    public static String commitSshSigned(Path repo, String message, Path privateKey, String hashAlgorithm) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                "-c", "gpg.format=ssh", "-c", "user.signingkey=" + privateKey.toAbsolutePath()));
        if (hashAlgorithm != null) {
            Path wrapper = privateKey.toAbsolutePath().resolveSibling("ssh-keygen-" + hashAlgorithm);
            Files.writeString(wrapper, "#!/bin/sh\nexec ssh-keygen -O hashalg=" + hashAlgorithm + " \"$@\"\n");
            wrapper.toFile().setExecutable(true);
            cmd.addAll(List.of("-c", "gpg.ssh.program=" + wrapper));
        }
        return commit(repo, message, Map.of(), cmd);
    }

    /** Commits everything in {@code repo} with git, OpenPGP-signed by {@code keyId} from the gpg home {@code gnupgHome}. */
    public static String commitGpgSigned(Path repo, String message, Path gnupgHome, String keyId) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                "-c", "gpg.format=openpgp", "-c", "user.signingkey=" + keyId));
        return commit(repo, message, Map.of("GNUPGHOME", gnupgHome.toAbsolutePath().toString()), cmd);
    }

    private static String commit(Path repo, String message, Map<String, String> env, List<String> git) throws IOException {
        run(repo, env, List.of("git", "add", "-A"));
        List<String> cmd = new ArrayList<>(git);
        cmd.addAll(List.of("commit", "-q", "-S", "--allow-empty", "-m", message));
        run(repo, env, cmd);
        return run(repo, env, List.of("git", "rev-parse", "HEAD")).strip();
    }

    /** Runs a command in {@code dir}; its stdout, or an exception with its output when it fails. */
    public static String run(Path dir, Map<String, String> env, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }
}
