package dev.berth.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} in Prometheus' text format, on the JDK's own HTTP server (one thread: scrapes are
 * rare and each one asks systemd for the units' states). Read-only; bind it to loopback or a
 * management network.
 */
public final class MetricsServer implements AutoCloseable {

    /** Makes one snapshot; may throw, which becomes a 500 with the message. */
    @FunctionalInterface
    public interface Source {
        MetricSnapshots scrape() throws Exception;
    }

    private final HttpServer server;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsServer(InetSocketAddress address, Source source) throws IOException {
        server = HttpServer.create(address, 8);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "berth-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", exchange -> handle(exchange, source));
        server.createContext("/", exchange -> reply(exchange, 404, "text/plain; charset=utf-8",
                "Berth serves Prometheus metrics at /metrics\n".getBytes(StandardCharsets.UTF_8)));
    }

    public void start() {
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange, Source source) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            reply(exchange, 405, "text/plain; charset=utf-8", "only GET\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writer.write(body, source.scrape());
            reply(exchange, 200, writer.getContentType(), body.toByteArray());
        } catch (Exception e) {
            reply(exchange, 500, "text/plain; charset=utf-8", ("cannot collect Berth's status: " + e.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void reply(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /** {@code HOST:PORT} (IPv6 as {@code [::1]:9390}) to an address, with a clear error. */
    public static InetSocketAddress parseAddress(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || colon == listen.length() - 1) {
            throw new IllegalArgumentException("--metrics-listen " + listen + ": write HOST:PORT, e.g. 127.0.0.1:9390");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics-listen " + listen + ": the port must be a number, e.g. 127.0.0.1:9390");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--metrics-listen " + listen + ": the port must be 0-65535");
        }
        return new InetSocketAddress(host, port);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
