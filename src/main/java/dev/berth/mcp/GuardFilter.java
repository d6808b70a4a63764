package dev.berth.mcp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * Puts {@link RequestGuard} in front of the SDK's servlet, and caps the requests in flight: beyond the cap
 * a client gets 429 at once instead of a queue that grows until the daemon runs out of threads.
 */
final class GuardFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final transient RequestGuard guard;
    private final transient Semaphore inFlight;
    private final transient java.util.function.Consumer<String> sessionEnded;

    /** @param sessionEnded told the id of each session a client ended (DELETE), so what it held is let go at once */
    GuardFilter(RequestGuard guard, int maxInFlight, java.util.function.Consumer<String> sessionEnded) {
        this.guard = guard;
        this.inFlight = new Semaphore(maxInFlight);
        this.sessionEnded = sessionEnded;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        RequestGuard.Verdict v = guard.check(req.getHeader("Host"), req.getHeader("Origin"), req.getHeader("Authorization"),
                req.getContentLengthLong());
        if (!v.ok()) {
            if (v.status() == 401) {
                res.setHeader("WWW-Authenticate", "Bearer realm=\"berth\"");
            }
            refuse(res, v.status(), v.message());
            return;
        }
        req.setAttribute(BerthMcpServer.CALLER, guard.token().id());
        // A GET is the long-lived event stream: it is not work in flight and must not hold a slot.
        if (!"POST".equals(req.getMethod())) {
            chain.doFilter(req, res);
            String session = req.getHeader("Mcp-Session-Id");
            if ("DELETE".equals(req.getMethod()) && session != null && res.getStatus() < 300) {
                sessionEnded.accept(session);
            }
            return;
        }
        if (!inFlight.tryAcquire()) {
            res.setHeader("Retry-After", "1");
            refuse(res, 429, "too many requests in flight; retry shortly");
            return;
        }
        try {
            byte[] body = BufferedBodyRequest.read(req.getInputStream(), guard.maxBody());
            if (body == null) {
                refuse(res, 413, "request body exceeds the limit of " + guard.maxBody() + " bytes");
                return;
            }
            JsonRpcShape.Verdict shape = JsonRpcShape.check(body);
            if (!shape.forward()) {
                refuse(res, 400, shape.message() == null ? "empty request body" : shape.message(),
                        shape.message() == null ? -32600 : shape.code(), shape.id());
                return;
            }
            chain.doFilter(new BufferedBodyRequest(req, body), res);
        } finally {
            inFlight.release();
        }
    }

    static void refuse(HttpServletResponse res, int status, String message) throws IOException {
        refuse(res, status, message, -32000, null);
    }

    static void refuse(HttpServletResponse res, int status, String message, int code,
                       com.fasterxml.jackson.databind.JsonNode id) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.getOutputStream().write(JsonRpcShape.errorResponse(code, message, id).getBytes(StandardCharsets.UTF_8));
    }
}
