package dev.berth.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.json.Json;
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

/** Talks to a running daemon over its control socket. */
public final class ControlClient implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
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
        out.write(JSON.writeValueAsBytes(request));
        out.write('\n');
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            ControlReply reply = JSON.readValue(line, ControlReply.class);
            if (reply.done()) {
                return reply;
            }
            onProgress.accept(reply.progress());
        }
        throw new IOException("the daemon closed the connection before answering");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
