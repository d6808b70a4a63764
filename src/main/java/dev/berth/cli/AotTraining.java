package dev.berth.cli;

import dev.berth.agent.ControlReply;
import dev.berth.agent.ControlRequest;
import dev.berth.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run the {@code berth} launcher records its AOT cache from (JDK 25's {@code -XX:AOTCacheOutput}):
 * it runs the short commands a user times, on a scratch repository and an empty state folder, so the classes they
 * load (picocli's model, Jackson, validation, the control socket's messages) are loaded and linked from the cache
 * next time. It touches nothing outside its scratch folder and prints nothing.
 */
public final class AotTraining {
    private static final String UNIT = """
            [Unit]
            Description=AOT training unit

            [Container]
            Image=localhost/training:latest
            PublishPort=127.0.0.1:18999:8080
            Environment=A=1
            EnvironmentFile=./web.env
            Volume=./site:/www:ro
            Volume=data.volume:/data
            Network=training.network
            """;
    /** The other shapes a repository has (examples/demo's): references between units, a build, a pod, a timer. */
    private static final Map<String, String> OTHER_FILES = Map.of(
            "training.network", "[Network]\nLabel=app=training\n",
            "data.volume", "[Volume]\nLabel=app=training\n",
            "web/site/index.html", "hello\n",
            "hello/hello.build", "[Build]\nImageTag=localhost/training-hello:latest\nFile=./Containerfile\nSetWorkingDirectory=unit\n",
            "hello/Containerfile", "FROM scratch\n",
            "hello/hello.container", "[Unit]\nAfter=network-online.target\n\n[Container]\nImage=hello.build\nPod=cache.pod\n",
            "cache.pod", "[Pod]\nPublishPort=127.0.0.1:18998:8080\n",
            "backup.timer", "[Timer]\nOnCalendar=daily\nUnit=backup.service\n\n[Install]\nWantedBy=timers.target\n",
            "backup.service", "[Service]\nType=oneshot\nExecStart=/bin/true\n");

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path scratch = Files.createTempDirectory("berth-aot-training");
        try {
            Path repo = Files.createDirectories(scratch.resolve("repo/web"));
            Files.writeString(repo.resolve("web.container"), UNIT);
            Files.writeString(repo.resolve("web.env"), "GREETING=hello\n");
            for (var file : OTHER_FILES.entrySet()) {
                Path path = scratch.resolve("repo").resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            String state = scratch.resolve("state").toString();
            for (List<String> command : List.of(
                    List.of("--version"), List.of("--help"), List.of("status", "--help"),
                    List.of("validate", scratch.resolve("repo").toString()),
                    List.of("validate", "--json", scratch.resolve("repo").toString()),
                    List.of("status", "--state-dir", state), List.of("history", "--state-dir", state),
                    List.of("plan", "--state-dir", state))) {
                run(command);
            }
            // the first thing main does; only parsed: the daemon's socket does not depend on the state folder, and a
            // daemon running here must not be asked anything by a training run
            for (String command : List.of("sync", "status", "history", "plan")) {
                DaemonShortcut.parse(new String[] {command, "--state-dir", state}, null);
            }
            dev.berth.git.GitRehearsal.run(scratch.resolve("repo"), scratch); // what init and sync do with git
            // what `berth status` sends to and reads from a daemon
            byte[] query = Json.mapper().writeValueAsBytes(ControlRequest.query(List.of("status"), scratch));
            Json.mapper().readValue(query, ControlRequest.class);
            Json.mapper().readValue(Json.mapper().writeValueAsBytes(ControlReply.answer(0, "ok", "")), ControlReply.class);
        } finally {
            try (Stream<Path> all = Files.walk(scratch)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(List<String> command) {
        var cl = SingleCommandLine.of(command.toArray(String[]::new));
        cl.setOut(new PrintWriter(Writer.nullWriter()));
        cl.setErr(new PrintWriter(Writer.nullWriter()));
        cl.execute(command.toArray(String[]::new));
    }
}
