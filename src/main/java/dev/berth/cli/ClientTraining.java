package dev.berth.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the launcher's client AOT cache ({@code berth-client.aot}): what {@code berth sync},
 * {@code status}, {@code history} and {@code plan} load when a running daemon answers them ({@link DaemonShortcut}):
 * parse the command line, connect, send, print. Such a JVM needs a few hundred classes; the main cache would map
 * and load ~3,000 at start, which made it no faster than no cache at all. The daemon here is a stand-in on a
 * scratch socket that answers every line with a fixed reply, so a daemon running on this host is never asked
 * anything. It prints nothing and leaves nothing behind.
 */
public final class ClientTraining {
    private static final String PROGRESS = "{\"progress\":\"start web.service\",\"done\":false,\"exitCode\":0}\n";
    private static final String ANSWER = "{\"progress\":null,\"done\":true,\"exitCode\":0,\"output\":\"UNIT  STATE\\nweb.service  active\\n\"}\n";

    private ClientTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path scratch = Files.createTempDirectory("berth-client-training");
        Path socket = scratch.resolve("berth.sock");
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        // the launcher's main class: loaded here, it comes from this cache too, and the ~20,000-entry jar is never opened
        Main.versionLines();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread.ofPlatform().daemon().name("training-daemon").start(() -> answerEach(server));
            for (List<String> command : List.of(List.of("status"), List.of("status", "--json"), List.of("history"),
                    List.of("plan"), List.of("sync", "-q"), List.of("sync"))) {
                DaemonShortcut.run(command.toArray(String[]::new), nowhere, nowhere, socket);
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(scratch);
        }
    }

    /** Answers each connection's request: a sync with a progress line first, as the daemon does. */
    private static void answerEach(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                String request = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8)).readLine();
                OutputStream out = Channels.newOutputStream(c);
                if (request != null && request.contains("\"command\":\"sync\"")) {
                    out.write(PROGRESS.getBytes(StandardCharsets.UTF_8));
                }
                out.write(ANSWER.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
