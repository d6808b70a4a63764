package dev.berth.mcp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Serves the OAuth protected resource metadata (RFC 9728): public, but only under an allowed Host and Origin. */
final class MetadataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient RequestGuard guard;

    MetadataServlet(RequestGuard guard) {
        this.guard = guard;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        RequestGuard.Verdict host = guard.checkHost(req.getHeader("Host"), req.getHeader("Origin"));
        if (!host.ok()) {
            GuardFilter.refuse(res, host.status(), host.message());
            return;
        }
        res.setStatus(200);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "max-age=300");
        res.getOutputStream().write(ProtectedResourceMetadata.json(guard.oauth().settings()).getBytes(StandardCharsets.UTF_8));
    }
}
