package dev.berth.hooks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code POST /hooks/FORGE}: the HTTP side of {@link WebhookReceiver}. Only POST; the body is read into a
 * bounded buffer and refused (413) past {@link #MAX_BODY_BYTES}, before any of it is verified or parsed. Every
 * delivery is answered with a short reason (the forge shows it in its delivery log), told to the daemon's log,
 * and kept as the host's {@link LastWebhook}. Mount it at {@code /hooks/*}.
 */
public final class WebhookServlet extends HttpServlet {
    /** GitHub caps its payloads at 25 MB, but a push of a few commits is a few KiB; 1 MiB leaves room for 20 commits' file lists. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final int CHUNK = 8192;

    private final transient WebhookReceiver receiver;
    private final transient Path stateDir;
    private final transient Consumer<String> log;
    private final transient Clock clock;

    /** @param log the daemon's log: one line per delivery, never the secret or the body */
    public WebhookServlet(WebhookReceiver receiver, Path stateDir, Consumer<String> log, Clock clock) {
        this.receiver = receiver;
        this.stateDir = stateDir;
        this.log = log;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String word = req.getPathInfo() == null ? "" : req.getPathInfo().replaceFirst("^/", "");
        Optional<Forge> forge = Forge.byWord(word);
        if (forge.isEmpty()) {
            answer(resp, 404, "no such hook: use /hooks/github, /hooks/gitea, /hooks/forgejo, /hooks/gogs, /hooks/gitlab"
                    + " or /hooks/standard");
            return;
        }
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            answer(resp, 405, "webhooks are delivered with POST");
            return;
        }
        long received = clock.millis();
        Optional<byte[]> body = readBounded(req);
        Reception r = body.isEmpty()
                ? Reception.refused(413, "body over " + (MAX_BODY_BYTES >> 10) + " KiB", forge.get().deliveryId(new Delivery(headers(req), new byte[0])).orElse(null))
                : receiver.receive(forge.get(), new Delivery(headers(req), body.get()));
        answer(resp, r.status(), r.outcome() + ": " + r.reason());
        resp.flushBuffer(); // the forge has its answer; keeping the record (an fsync) need not delay it
        LastWebhook last = LastWebhook.of(received, forge.get(), r);
        log.accept("webhook " + last.summary());
        try {
            last.write(stateDir);
        } catch (IOException e) {
            log.accept("webhook: cannot record it in the state folder: " + e.getMessage());
        }
    }

    /** The body, or empty if it is longer than the limit (declared so, or found so while reading). */
    private static Optional<byte[]> readBounded(HttpServletRequest req) throws IOException {
        if (req.getContentLengthLong() > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, (int) Math.min(req.getContentLengthLong(), CHUNK)));
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = req.getInputStream()) {
            for (int n; (n = in.read(chunk)) != -1; ) {
                if (out.size() + n > MAX_BODY_BYTES) {
                    return Optional.empty();
                }
                out.write(chunk, 0, n);
            }
        }
        return Optional.of(out.toByteArray());
    }

    private static Map<String, String> headers(HttpServletRequest req) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.putIfAbsent(name, req.getHeader(name));
        }
        return headers;
    }

    private static void answer(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
