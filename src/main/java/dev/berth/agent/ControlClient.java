package dev.berth.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Talks to a running daemon over its control socket. It writes and reads the JSON lines with Jackson's streaming
 * API, not its object mapper: a {@code berth sync} or {@code status} answered by the daemon then loads a few dozen
 * of Jackson's classes instead of some six hundred, which was most of its start-up. (The daemon reads and writes
 * the same lines with its mapper; {@code ControlSocketTest} checks that both agree.)
 */
public final class ControlClient implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private final SocketChannel channel;

    private ControlClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects if a daemon is listening; empty when there is no socket or only a stale one. */
    public static Optional<ControlClient> connect(Path socket) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return Optional.of(new ControlClient(ch));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Sends one request, passes progress lines on, and returns the final reply. */
    public ControlReply send(ControlRequest request, Consumer<String> onProgress) throws IOException {
        OutputStream out = Channels.newOutputStream(channel);
        out.write(json(request));
        out.write('\n');
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            ControlReply reply = reply(line);
            if (reply.done()) {
                return reply;
            }
            onProgress.accept(reply.progress());
        }
        throw new IOException("the daemon closed the connection before answering");
    }

    /** The request as {@code ControlRequest}'s JSON: {@code noRollback} only when true, {@code args} and {@code stateDir} only when set. */
    static byte[] json(ControlRequest request) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("command", request.command());
            g.writeBooleanField("dryRun", request.dryRun());
            g.writeBooleanField("resume", request.resume());
            if (request.noRollback()) {
                g.writeBooleanField("noRollback", true);
            }
            if (request.args() != null) {
                g.writeArrayFieldStart("args");
                for (String a : request.args()) {
                    g.writeString(a);
                }
                g.writeEndArray();
            }
            if (request.stateDir() != null) {
                g.writeStringField("stateDir", request.stateDir());
            }
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /** One line of the daemon's: a {@code ControlReply} object; fields this client does not know are skipped. */
    static ControlReply reply(String line) throws IOException {
        String progress = null, output = null, error = null;
        boolean done = false;
        int exitCode = 0;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the daemon sent something other than a JSON object: " + line);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                String text = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                switch (field) {
                    case "progress" -> progress = text;
                    case "output" -> output = text;
                    case "error" -> error = text;
                    case "done" -> done = p.getValueAsBoolean();
                    case "exitCode" -> exitCode = p.getValueAsInt();
                    default -> p.skipChildren();
                }
            }
        }
        return new ControlReply(progress, done, exitCode, output, error);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
