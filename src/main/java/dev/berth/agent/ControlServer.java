package dev.berth.agent;

import dev.berth.state.DeploymentReason;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.apply.SyncOutcome;
import dev.berth.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The daemon's control socket: a unix socket speaking one JSON line per message. Every connection gets
 * its own (virtual) thread, so {@code status} answers at once while a sync runs.
 */
public final class ControlServer implements AutoCloseable {
    private static final int MAX_REQUEST = 64 * 1024;
    private static final ObjectMapper JSON = Json.mapper();

    private final Path socket;
    private final Agent agent;
    private final Supplier<String> status;
    private final Function<SyncOutcome, ControlReply> summary;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private ServerSocketChannel server;
    private volatile Function<ControlRequest, ControlReply> queries;

    public ControlServer(Path socket, Agent agent, Supplier<String> status, Function<SyncOutcome, ControlReply> summary) {
        this.socket = socket;
        this.agent = agent;
        this.status = status;
        this.summary = summary;
    }

    /** Answers {@code query} requests (read-only commands run for a client) with this; without it they are refused. */
    public void answerQueries(Function<ControlRequest, ControlReply> handler) {
        this.queries = handler;
    }

    /** Binds the socket; a stale one left by a crashed daemon is replaced, a live one is an error. */
    public void start() throws IOException {
        Files.createDirectories(socket.getParent());
        if (Files.exists(socket)) {
            if (ControlClient.connect(socket).isPresent()) {
                throw new IOException("another berth daemon is already listening on " + socket);
            }
            Files.delete(socket);
        }
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        Thread.ofVirtual().name("berth-control").start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread.ofVirtual().start(() -> serve(ch));
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private void serve(SocketChannel ch) {
        inFlight.incrementAndGet();
        try {
            serveOne(ch);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void serveOne(SocketChannel ch) {
        try (ch; OutputStream out = Channels.newOutputStream(ch)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            String line = readLimited(in);
            if (line == null) {
                return;
            }
            ControlRequest req;
            try {
                req = JSON.readValue(line, ControlRequest.class);
            } catch (IOException e) {
                send(out, ControlReply.done(2, "bad request: " + e.getMessage()));
                return;
            }
            switch (req.command() == null ? "" : req.command()) {
                case "ping" -> send(out, ControlReply.done(0, "pong"));
                case "status" -> send(out, ControlReply.done(0, status.get()));
                case "query" -> send(out, queries == null || req.args() == null || req.args().isEmpty()
                        ? ControlReply.done(2, "unknown command 'query': this daemon answers sync, status or ping")
                        : queries.apply(req));
                case "sync" -> {
                    long started = System.nanoTime();
                    var future = agent.submit(req.options(DeploymentReason.CONTROL_SOCKET), m -> {
                        try {
                            send(out, ControlReply.progress(m));
                        } catch (IOException gone) {
                            // the asker hung up; the sync goes on
                        }
                    });
                    try {
                        ControlReply done = summary.apply(future.get());
                        long ms = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                        send(out, ControlReply.done(done.exitCode(), done.output() + " (" + ms + " ms)"));
                    } catch (ExecutionException e) {
                        send(out, ControlReply.done(1, e.getCause().getMessage()));
                    }
                }
                default -> send(out, ControlReply.done(2, "unknown command '" + req.command() + "': use sync, status or ping"));
            }
        } catch (IOException | InterruptedException e) {
            // a client that goes away mid-request is not the daemon's problem
        }
    }

    private static String readLimited(BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() >= MAX_REQUEST) {
                return null;
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static synchronized void send(OutputStream out, ControlReply reply) throws IOException {
        out.write(JSON.writeValueAsBytes(reply));
        out.write('\n');
        out.flush();
    }

    /** Stops accepting, and gives requests in flight (the asker of a sync that restarts Berth) time to get their answer. */
    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        Files.deleteIfExists(socket);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
