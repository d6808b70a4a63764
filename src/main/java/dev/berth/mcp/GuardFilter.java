package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Puts {@link RequestGuard} in front of the SDK's servlet, and bounds what clients can make the daemon hold:
 * requests in flight and the bytes of their bodies (beyond either, 429 at once instead of a queue or a heap
 * that grows until the daemon dies), sessions ({@link SessionRegistry}: 429/503 with Retry-After), and what
 * a session keeps of its initialize request ({@link InitializeBounds}). The OAuth metadata passes unauthenticated.
 */
final class GuardFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final String SESSION_HEADER = "Mcp-Session-Id";

    private final transient RequestGuard guard;
    private final transient Semaphore inFlight;
    private final transient Semaphore bodyKib;
    private final transient SessionRegistry sessions;
    private final transient Consumer<String> sessionEnded;
    private final transient Predicate<String> writesTool;

    /**
     * @param maxBodyBytesInFlight the request bodies held at once, in bytes: each is parsed twice, so this bounds
     *                             the heap that concurrent large requests take
     * @param sessionEnded         told the id of each session a client ended (DELETE), so what it held is let go at once
     * @param writesTool           whether a tool (by name) may change the host: an OAuth token needs berth:write to call it
     */
    GuardFilter(RequestGuard guard, int maxInFlight, long maxBodyBytesInFlight, SessionRegistry sessions,
                Consumer<String> sessionEnded, Predicate<String> writesTool) {
        this.guard = guard;
        this.inFlight = new Semaphore(maxInFlight);
        this.bodyKib = new Semaphore((int) (maxBodyBytesInFlight / 1024));
        this.sessions = sessions;
        this.sessionEnded = sessionEnded;
        this.writesTool = writesTool;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (ProtectedResourceMetadata.isMetadataPath(req.getRequestURI())) {
            chain.doFilter(req, res); // public: MetadataServlet checks Host and Origin itself
            return;
        }
        RequestGuard.Verdict v = guard.check(req.getHeader("Host"), req.getHeader("Origin"), req.getHeader("Authorization"),
                req.getContentLengthLong());
        if (!v.ok()) {
            if (v.challenge() != null) {
                res.setHeader("WWW-Authenticate", v.challenge());
            }
            refuse(res, v.status(), v.message());
            return;
        }
        Caller caller = v.caller();
        req.setAttribute(BerthMcpServer.CALLER, caller.id());
        req.setAttribute(BerthMcpServer.CAN_WRITE, caller.canWrite());
        String session = req.getHeader(SESSION_HEADER);
        if (session != null && !sessions.touch(session, caller.id())) {
            // the SDK's own answer to an unknown session: the client starts a new one with initialize
            refuse(res, 404, "no open MCP session '" + abbreviate(session) + "' for this client (ended, expired after "
                    + sessions.limits().idle().toSeconds() + " s idle, or never opened): initialize a new one");
            return;
        }
        // A GET is the long-lived event stream: it is not work in flight and must not hold a slot.
        if (!"POST".equals(req.getMethod())) {
            chain.doFilter(req, res);
            if ("DELETE".equals(req.getMethod()) && session != null && res.getStatus() < 300) {
                sessions.end(session);
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
            long declared = req.getContentLengthLong();
            int kib = (int) ((declared < 0 ? guard.maxBody() : declared) / 1024 + 1);
            if (!bodyKib.tryAcquire(kib)) {
                res.setHeader("Retry-After", "1");
                refuse(res, 429, "too many request bytes in flight; retry shortly");
                return;
            }
            try {
                forward(req, res, chain, caller, session);
            } finally {
                bodyKib.release(kib);
            }
        } finally {
            inFlight.release();
        }
    }

    private void forward(HttpServletRequest req, HttpServletResponse res, FilterChain chain, Caller caller, String session)
            throws IOException, ServletException {
        // Without a session only initialize is valid, and it is small: a larger body is refused unread.
        long limit = session == null ? InitializeBounds.MAX_INITIALIZE_BYTES : guard.maxBody();
        byte[] body = req.getContentLengthLong() > limit ? null : BufferedBodyRequest.read(req.getInputStream(), limit);
        if (body == null) {
            refuse(res, 413, session == null
                    ? "a request without an Mcp-Session-Id can only be initialize, and that may be at most " + limit + " bytes"
                    : "request body exceeds the limit of " + limit + " bytes");
            return;
        }
        JsonRpcShape.Verdict shape = JsonRpcShape.check(body);
        if (!shape.forward()) {
            refuse(res, 400, shape.message() == null ? "empty request body" : shape.message(),
                    shape.message() == null ? -32600 : shape.code(), shape.id());
            return;
        }
        JsonNode message = shape.parsed();
        String method = message.path("method").asText("");
        if (method.equals("initialize") && session == null) {
            String tooBig = InitializeBounds.check(message, body.length);
            if (tooBig != null) {
                refuse(res, 400, tooBig, -32602, message.get("id"));
                return;
            }
            openSession(new BufferedBodyRequest(req, body), res, chain, caller);
            return;
        }
        if (method.equals("tools/call") && !caller.canWrite() && writesTool.test(message.path("params").path("name").asText(""))) {
            if (guard.oauth() != null) {
                res.setHeader("WWW-Authenticate", ProtectedResourceMetadata.insufficientScope(guard.oauth().settings(), Caller.WRITE));
            }
            refuse(res, 403, "tool '" + message.path("params").path("name").asText("") + "' changes the host: the access token"
                    + " needs the scope " + Caller.WRITE, -32000, message.get("id"));
            return;
        }
        chain.doFilter(new BufferedBodyRequest(req, body), res);
    }

    /** An initialize request: admitted only under the session limits; the session the SDK opens is recorded. */
    private void openSession(HttpServletRequest req, HttpServletResponse res, FilterChain chain, Caller caller)
            throws IOException, ServletException {
        SessionRegistry.Admission admission = sessions.admit(caller.id());
        if (admission instanceof SessionRegistry.Refused r) {
            res.setHeader("Retry-After", Long.toString(r.retryAfterSeconds()));
            refuse(res, r.status(), r.message());
            return;
        }
        SessionRegistry.Admitted slot = (SessionRegistry.Admitted) admission;
        boolean opened = false;
        try {
            chain.doFilter(req, res);
            String id = res.getHeader(SESSION_HEADER);
            if (id != null && res.getStatus() < 300) {
                sessions.confirm(slot, id);
                opened = true;
            }
        } finally {
            if (!opened) {
                sessions.cancel(slot);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
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
