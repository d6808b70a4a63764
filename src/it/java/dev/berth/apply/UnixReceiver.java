package dev.berth.apply;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the test host's daemon sends to the test, received in this JVM. The host has a network of its own (loopback
 * only), so the test listens on a Unix socket in the shared folder, and {@code systemd-socket-proxyd} inside the host
 * forwards a loopback port to it. Two protocols, each small: HTTP/1.1 requests (one per connection) and SMTP.
 */
abstract class UnixReceiver<T> implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path path;
    private final BlockingQueue<T> received = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    UnixReceiver(Path path) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (c; InputStream in = Channels.newInputStream(c); OutputStream out = Channels.newOutputStream(c)) {
                        serve(in, out).forEach(received::add);
                    } catch (IOException e) {
                        // the sender hung up: what it sent in full is recorded
                    }
                });
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Serves one connection; returns what it received. */
    abstract java.util.List<T> serve(InputStream in, OutputStream out) throws IOException;

    /** The next item received, waiting up to {@code within}; fails the test if none comes. */
    T next(Duration within) throws InterruptedException {
        T t = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (t == null) {
            throw new AssertionError("nothing received on " + path + " within " + within);
        }
        return t;
    }

    /** The next item received within {@code within}, or null: for checking that nothing more came. */
    T poll(Duration within) throws InterruptedException {
        return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        Files.deleteIfExists(path);
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            b.write(c);
        }
        if (c == -1 && b.size() == 0) {
            throw new IOException("end of stream");
        }
        return b.toString(StandardCharsets.UTF_8).replaceAll("\r$", "");
    }

    record Request(String method, String path, Map<String, String> headers, String body) {
    }

    /** HTTP/1.1: answers each request 200 with {@code {}} and closes the connection. */
    static final class Http extends UnixReceiver<Request> {
        Http(Path path) throws IOException {
            super(path);
        }

        @Override
        java.util.List<Request> serve(InputStream in, OutputStream out) throws IOException {
            String[] start = line(in).split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return java.util.List.of(new Request(start[0], start[1], headers, body));
        }
    }

    /** SMTP as a relay that accepts everything: each message's DATA, headers and body as sent. */
    static final class Smtp extends UnixReceiver<String> {
        Smtp(Path path) throws IOException {
            super(path);
        }

        @Override
        java.util.List<String> serve(InputStream in, OutputStream out) throws IOException {
            java.util.List<String> messages = new java.util.ArrayList<>();
            reply(out, "220 notify-it ESMTP");
            while (true) {
                String command = line(in).toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-notify-it\r\n250 8BITMIME");
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder m = new StringBuilder();
                    for (String l = line(in); !l.equals("."); l = line(in)) {
                        m.append(l.startsWith("..") ? l.substring(1) : l).append('\n');
                    }
                    messages.add(m.toString());
                    reply(out, "250 queued");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return messages;
                } else {
                    reply(out, "250 ok");
                }
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
