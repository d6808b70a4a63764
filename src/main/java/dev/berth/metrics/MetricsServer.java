package dev.berth.metrics;

import dev.berth.http.HttpEndpoint;
import dev.berth.http.Mount;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} in Prometheus' text format, on a listener of its own ({@code --metrics-listen}: the
 * embedded Tomcat of {@link HttpEndpoint}, with one request thread) or as a {@link #mount} on the daemon's one
 * listener ({@code --listen}). Scrapes are rare and each one asks systemd for the units' states. Read-only and
 * unauthenticated, as Prometheus expects; bind it to loopback or a management network.
 */
public final class MetricsServer implements AutoCloseable {

    private static final String TEXT = "text/plain; charset=utf-8";

    /** Makes one snapshot; may throw, which becomes a 500 with the message. */
    @FunctionalInterface
    public interface Source {
        MetricSnapshots scrape() throws Exception;
    }

    private final InetSocketAddress address;
    private final Source source;
    private HttpEndpoint http;

    public MetricsServer(InetSocketAddress address, Source source) {
        this.address = address;
        this.source = source;
    }

    /** @throws IOException when the address cannot be bound */
    public void start() throws IOException {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        http = HttpEndpoint.builder().listen(host, address.getPort()).limits(HttpEndpoint.ConnectorLimits.threads(1))
                .mount(mount(source))
                .servlet("other", new NotHere(), "/")
                .start();
    }

    /** {@code GET /metrics} alone, for the daemon's shared listener ({@code berth run --listen}). */
    public static Mount mount(Source source) {
        Scrape scrape = new Scrape(source);
        return http -> http.servlet("metrics", scrape, "/metrics");
    }

    public InetSocketAddress address() {
        return http.addresses().getFirst();
    }

    private static final class Scrape extends HttpServlet {
        private final transient Source source;
        private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

        Scrape(Source source) {
            this.source = source;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
                reply(req, resp, 405, TEXT, "only GET\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            try {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                writer.write(body, source.scrape());
                reply(req, resp, 200, writer.getContentType(), body.toByteArray());
            } catch (Exception e) {
                reply(req, resp, 500, TEXT, ("cannot collect Berth's status: " + e.getMessage() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static final class NotHere extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            reply(req, resp, 404, TEXT, "Berth serves Prometheus metrics at /metrics\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void reply(HttpServletRequest req, HttpServletResponse resp, int code, String type, byte[] body)
            throws IOException {
        resp.setStatus(code);
        resp.setContentType(type);
        if (!req.getMethod().equals("HEAD")) {
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
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
        if (http != null) {
            http.close();
        }
    }
}
