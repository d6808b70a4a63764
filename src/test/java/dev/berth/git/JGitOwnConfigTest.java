package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JGit measures nothing in a Berth process: the first use of a file system would otherwise start a 3 s probe in the
 * repository's folder, block for 100 ms, and write the result to the user's home.
 */
class JGitOwnConfigTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private record Child(String out, String err) {
    }

    private static Child factsOf(Path dir, String setUp, Path home) throws Exception {
        Path out = home.resolve("out");
        Path err = home.resolve("err");
        // a git first on the PATH that notes each time it is run: JGit forks git to find git's system config
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path git = bin.resolve("git");
        Files.writeString(git, "#!/bin/sh\necho \"git $*\" >> " + home.resolve("git-runs") + "\n");
        git.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder(JAVA, "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                JGitFileStoreFacts.class.getName(), dir.toString(), setUp)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return new Child(Files.readString(out).strip(), Files.readString(err));
    }

    private static List<String> probes(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".probe-")).toList();
        }
    }

    @Test
    void berthsProcessesTakeJGitsFallbackFactsFromItsOwnConfigAndMeasureNothing(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo.git"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Child berth = factsOf(repo, "berth", home);
        assertThat(berth.out()).as("2 s resolution, 10 ms racy interval, from JGitOwnConfig").isEqualTo("2000 10");
        assertThat(berth.err()).isEmpty();
        assertThat(probes(repo)).isEmpty();
        assertThat(home.resolve(".config/jgit/config")).as("nothing written to the user's home").doesNotExist();
        assertThat(home.resolve("git-runs")).as("JGitHostFacts told JGit where git's system config is first").doesNotExist();
    }

    @Test
    void withoutItJGitWouldStillBeMeasuringAfterItsHundredMillisecondWait(@TempDir Path tmp) throws Exception {
        // the behaviour JGitOwnConfig is there for: the answer is the fall-back (no racy interval), not yet measured
        Path repo = Files.createDirectories(tmp.resolve("repo.git"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        assertThat(factsOf(repo, "plain", home).out()).isEqualTo("2000 0");
    }

    @Test
    void fileSystemsAreNamedAsJavaNamesThemFromProcMounts(@TempDir Path tmp) throws Exception {
        assertThat(JGitOwnConfig.fileSystemNames(List.of(
                "/dev/vda1 / ext4 rw,relatime 0 0",
                "tmpfs /tmp tmpfs rw 0 0",
                "//nas/my\\040share /mnt/nas cifs rw 0 0",
                "tmpfs /run tmpfs rw 0 0",
                "")))
                .containsExactly("/dev/vda1", "tmpfs", "//nas/my share");
        // the key JGit looks up is the FileStore's name: the same as read here, for a real folder of this machine
        assertThat(JGitOwnConfig.fileSystemNames(Files.readAllLines(Path.of("/proc/mounts"))))
                .contains(Files.getFileStore(tmp).name());
    }

    @Test
    void jgitsOwnConfigIsNeverWritten() throws Exception {
        JGitHostFacts.tellOnce();
        var config = org.eclipse.jgit.util.SystemReader.getInstance().getJGitConfig();
        assertThat(config).isInstanceOf(JGitOwnConfig.class);
        config.setString("filesystem", "x", "timestampResolution", "1 nanoseconds");
        config.save(); // a no-op: JGit saves its measurements here
        assertThat(Files.size(Path.of("/dev/null"))).isZero();
        assertThat(config.getString("filesystem", "x", "timestampResolution")).as("kept in memory").isEqualTo("1 nanoseconds");
    }
}
