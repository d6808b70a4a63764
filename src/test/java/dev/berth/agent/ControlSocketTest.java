package dev.berth.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.apply.SyncOutcome;
import dev.berth.state.DeploymentReason;
import dev.berth.state.SyncReport;
import dev.berth.state.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSocketTest {
    @TempDir
    Path tmp;

    private static SyncOutcome ok(String commit) {
        return new SyncOutcome(null, new SyncReport(0, SyncResult.OK, commit, null, List.of(), List.of()), true, commit,
                false, null, null);
    }

    @Test
    void syncRequestStreamsProgressAndStatusAnswersWhileASyncRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Agent agent = new Agent((options, progress) -> {
            progress.step("working on it");
            release.await(10, TimeUnit.SECONDS);
            return ok("abc");
        }, Duration.ofHours(1), m -> { });
        Path socket = tmp.resolve("run/berth.sock");
        try (ControlServer server = new ControlServer(socket, agent, () -> "{\"status\":true}",
                o -> ControlReply.done(0, "deployed " + o.commit()))) {
            server.start();
            List<String> progress = new CopyOnWriteArrayList<>();
            CountDownLatch syncRunning = new CountDownLatch(1);
            CompletableFuture<ControlReply> syncReply = CompletableFuture.supplyAsync(() -> {
                try (ControlClient c = ControlClient.connect(socket).orElseThrow()) {
                    return c.send(ControlRequest.sync(false, false), m -> {
                        progress.add(m);
                        syncRunning.countDown();
                    });
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            assertThat(syncRunning.await(10, TimeUnit.SECONDS)).as("the sync reported progress").isTrue();
            try (ControlClient c = ControlClient.connect(socket).orElseThrow()) {
                assertThat(c.send(new ControlRequest("status", false, false), m -> { }).output()).isEqualTo("{\"status\":true}");
            }
            assertThat(syncReply).as("the sync is still running while status answers").isNotDone();
            release.countDown();
            assertThat(syncReply.get(10, TimeUnit.SECONDS).output()).matches("deployed abc \\(\\d+ ms\\)");
            assertThat(progress).contains("working on it");
        } finally {
            agent.close();
        }
    }

    @Test
    void noRollbackTravelsWithTheSyncRequestAndIsFalseWhenAnOlderClientLeavesItOut() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Agent agent = new Agent((options, progress) -> {
            seen.add(options.reason() + " noRollback=" + (options.onFailure() == dev.berth.pipeline.SyncOptions.OnFailure.KEEP_FAILED));
            return ok("x");
        }, Duration.ofHours(1), m -> { });
        Path socket = tmp.resolve("berth.sock");
        try (ControlServer server = new ControlServer(socket, agent, () -> "{}", o -> ControlReply.done(0, "done"))) {
            server.start();
            try (ControlClient c = ControlClient.connect(socket).orElseThrow()) {
                assertThat(c.send(ControlRequest.sync(false, false, true), m -> { }).exitCode()).isZero();
            }
            assertThat(rawRequest(socket, "{\"command\":\"sync\",\"dryRun\":false,\"resume\":false}"))
                    .as("the line an older client sends").contains("\"done\":true").contains("\"exitCode\":0");
            try (ControlClient c = ControlClient.connect(socket).orElseThrow()) {
                c.send(ControlRequest.sync(false, false), m -> { });
            }
            agent.trigger(DeploymentReason.INTERVAL).get(5, TimeUnit.SECONDS);
        } finally {
            agent.close();
        }
        assertThat(seen).containsExactly("control socket noRollback=true", "control socket noRollback=false",
                "control socket noRollback=false", "interval noRollback=false");
    }

    @Test
    void aSyncRequestWithoutNoRollbackIsTheLineOlderDaemonsKnow() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.writeValueAsString(ControlRequest.sync(true, false)))
                .isEqualTo("{\"command\":\"sync\",\"dryRun\":true,\"resume\":false}");
        assertThat(json.writeValueAsString(ControlRequest.sync(false, false, true))).contains("\"noRollback\":true");
        assertThat(json.readValue("{\"command\":\"sync\",\"noRollback\":true}", ControlRequest.class))
                .isEqualTo(new ControlRequest("sync", false, false, true));
    }

    /** Sends one hand-written line and returns the daemon's last reply line. */
    private static String rawRequest(Path socket, String line) throws Exception {
        try (var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(socket));
            var out = java.nio.channels.Channels.newOutputStream(ch);
            out.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(java.nio.channels.Channels.newInputStream(ch),
                    java.nio.charset.StandardCharsets.UTF_8));
            String last = null;
            for (String l; (l = in.readLine()) != null; ) {
                last = l;
                if (l.contains("\"done\":true")) {
                    break;
                }
            }
            return last;
        }
    }

    @Test
    void aStaleSocketIsReplacedAndALiveOneRefused() throws Exception {
        Path socket = tmp.resolve("berth.sock");
        Files.createFile(socket); // left behind by a crashed daemon
        Agent agent = new Agent((options, p) -> ok("x"), Duration.ofHours(1), m -> { });
        try (ControlServer first = new ControlServer(socket, agent, () -> "{}", o -> ControlReply.done(0, ""))) {
            first.start();
            try (ControlClient c = ControlClient.connect(socket).orElseThrow()) {
                assertThat(c.send(new ControlRequest("ping", false, false), m -> { }).output()).isEqualTo("pong");
            }
            ControlServer second = new ControlServer(socket, agent, () -> "{}", o -> ControlReply.done(0, ""));
            assertThatThrownBy(second::start).hasMessageContaining("already listening");
        } finally {
            agent.close();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void badRequestsGetAClearAnswerNotACrash() throws Exception {
        Path socket = tmp.resolve("berth.sock");
        Agent agent = new Agent((options, p) -> ok("x"), Duration.ofHours(1), m -> { });
        try (ControlServer server = new ControlServer(socket, agent, () -> "{}", o -> ControlReply.done(0, ""))) {
            server.start();
            try (ControlClient c = ControlClient.connect(socket).orElseThrow()) {
                assertThat(c.send(new ControlRequest("explode", false, false), m -> { }))
                        .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                        .satisfies(r -> assertThat(r.output()).contains("unknown command"));
            }
        } finally {
            agent.close();
        }
    }

    @Test
    void triggersWhileASyncIsQueuedJoinIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Agent agent = new Agent((options, p) -> {
            runs.incrementAndGet();
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            return ok("x");
        }, Duration.ofHours(1), m -> { });
        try {
            var running = agent.trigger(DeploymentReason.START);
            started.await(5, TimeUnit.SECONDS);
            var a = agent.trigger(DeploymentReason.INTERVAL);
            var b = agent.trigger(DeploymentReason.SIGHUP);
            assertThat(a).isSameAs(b);
            release.countDown();
            running.get(5, TimeUnit.SECONDS);
            a.get(5, TimeUnit.SECONDS);
            assertThat(runs.get()).isEqualTo(2);
        } finally {
            agent.close();
        }
    }
}
