package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short commands a user times start a JVM that loads only what they use: none of the MCP SDK, Tomcat, the TOML
 * parser or JGit (and {@code --version} not even picocli's model of the commands). Each runs as its own process, with the JVM's class
 * loading log, since a class loaded once in this test JVM stays loaded.
 */
class LazyLoadingTest {
    private static final List<String> HEAVY = List.of("io.modelcontextprotocol.", "org.apache.catalina.", "org.apache.tomcat.",
            "org.apache.coyote.", "com.fasterxml.jackson.dataformat.toml.", "org.eclipse.jgit.", "reactor.core.");

    @TempDir
    Path tmp;

    /** The classes a fresh JVM loaded to run {@code berth ARGS}. */
    private List<String> loadedBy(String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("berth " + String.join(" ", args) + " finished").isTrue();
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int end = line.indexOf(" source:");
            if (end > 0) {
                classes.add(line.substring(line.lastIndexOf(' ', end - 1) + 1, end));
            }
        }
        assertThat(classes).as("the class log of berth " + String.join(" ", args)).contains(Main.class.getName());
        return classes;
    }

    private static List<String> heavy(List<String> classes) {
        return classes.stream().filter(c -> HEAVY.stream().anyMatch(c::startsWith)).toList();
    }

    @Test
    void versionBuildsNoPicocliModelAndLoadsNoOtherCode() throws Exception {
        List<String> classes = loadedBy("--version");
        // not even picocli's classes: they cannot be in the AOT cache, and reading the first of them opens the jar
        // (tens of ms for its ~20,000 entries); Main's public methods name none of them (the launcher reflects on them)
        assertThat(classes).noneMatch(c -> c.startsWith("picocli.")).noneMatch(c -> c.startsWith("com.fasterxml."))
                .noneMatch(c -> c.startsWith("dev.berth.") && !c.startsWith("dev.berth.cli."));
        assertThat(Files.readString(tmp.resolve("out.txt"))).startsWith("berth ").contains("Java " + Runtime.version().feature());
    }

    @Test
    void helpStatusHistoryAndValidateLoadNoMcpTomcatTomlOrJgit() throws Exception {
        Path state = tmp.resolve("state");
        assertThat(heavy(loadedBy("--help"))).isEmpty();
        assertThat(heavy(loadedBy("status", "--state-dir", state.toString()))).isEmpty();
        assertThat(heavy(loadedBy("history", "--state-dir", state.toString()))).isEmpty();
        List<String> validate = loadedBy("validate", Path.of("examples/demo").toAbsolutePath().toString());
        assertThat(validate).as("validate did validate").anyMatch(c -> c.startsWith("dev.berth.validate."));
        assertThat(heavy(validate)).isEmpty();
    }
}
