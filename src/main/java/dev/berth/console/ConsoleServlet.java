package dev.berth.console;

import dev.berth.Berth;
import dev.berth.mcp.AccessTokens;
import dev.berth.mcp.Caller;
import dev.berth.mcp.RequestGuard;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Every console request: Host and Origin checked as for MCP, then sign-in, then the page or the write. A write
 * is a POST from a signed-in browser carrying its session's CSRF token, on a console started with writes allowed.
 */
final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String COOKIE = "berth_console";
    /** Forms here carry a token and a commit id: anything larger is not the console's. */
    static final int MAX_BODY = 8 * 1024;

    private final transient Berth berth;
    private final transient ConsoleSettings settings;
    private final transient RequestGuard hosts;
    private final transient ConsoleSessions sessions;
    private final transient LiveSync live;
    private final transient ConsolePages pages;
    private final transient EventStream events;

    ConsoleServlet(Berth berth, ConsoleSettings settings, ConsoleSessions sessions, LiveSync live, UnitChanges changes) {
        this.berth = berth;
        this.settings = settings;
        this.hosts = new RequestGuard(settings.token(), settings.allowedHosts(), MAX_BODY);
        this.sessions = sessions;
        this.live = live;
        this.pages = new ConsolePages(berth, live, changes);
        this.events = new EventStream(live);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        res.setHeader("X-Content-Type-Options", "nosniff");
        // not no-referrer: with it, browsers send "Origin: null" on form posts, which the Origin check must refuse
        res.setHeader("Referrer-Policy", "same-origin");
        res.setHeader("Cache-Control", "no-store");
        RequestGuard.Verdict where = hosts.checkHost(req.getHeader("Host"), req.getHeader("Origin"));
        if (!where.ok()) {
            text(res, where.status(), where.message());
            return;
        }
        // as Tomcat decoded and normalized it (no "..", no "//")
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        boolean post = req.getMethod().equals("POST");
        if (!post && !req.getMethod().equals("GET")) {
            text(res, 405, "the console answers GET and POST only");
            return;
        }
        if (path.startsWith("/static/")) {
            StaticFiles.serve(path.substring(8), res);
            return;
        }
        if (post && req.getContentLengthLong() > MAX_BODY) {
            text(res, 413, "request body over " + MAX_BODY + " bytes");
            return;
        }
        if (path.equals("/sign-in")) {
            signIn(req, res, post);
            return;
        }
        Optional<ConsoleSessions.Session> session = sessions.find(cookie(req)).filter(this::stillValid);
        if (session.isEmpty()) {
            if (post || path.equals("/events")) {
                text(res, 401, "sign in first: " + req.getScheme() + "://" + req.getHeader("Host") + "/sign-in");
            } else {
                res.setStatus(303);
                res.setHeader("Location", "/sign-in");
            }
            return;
        }
        Html.Viewer viewer = new Html.Viewer(session.get().csrf(), settings.allowWrite() && session.get().mayWrite());
        if (post) {
            write(req, res, path, session.get());
            return;
        }
        if (path.equals("/events")) {
            events.stream(res, !"next".equals(req.getParameter("run")));
            return;
        }
        try {
            Optional<String> page = pages.get(path, viewer);
            if (page.isEmpty()) {
                html(res, 404, Html.close(Html.open("Not found", berth.identity().name(), viewer)
                        .append("<p>The console has no page ").append(Html.esc(path)).append(".</p>")));
                return;
            }
            html(res, 200, page.get());
        } catch (Exception e) {
            html(res, 500, Html.close(Html.open("Error", berth.identity().name(), viewer)
                    .append("<p class=\"error\">").append(Html.esc(String.valueOf(e.getMessage()))).append("</p>")));
        }
    }

    private void signIn(HttpServletRequest req, HttpServletResponse res, boolean post) throws IOException {
        String host = berth.identity().name();
        if (!post) {
            html(res, 200, SignInPage.render(host, null));
            return;
        }
        String credential = req.getParameter("token");
        Optional<ConsoleSessions.Session> s;
        if (credential != null && settings.oauth() != null && AccessTokens.looksLikeJwt(credential.strip())) {
            AccessTokens.Check check = settings.oauth().check(credential.strip());
            if (check instanceof AccessTokens.Invalid bad) {
                html(res, 401, SignInPage.render(host, "That access token was refused: " + bad.reason()));
                return;
            }
            Caller caller = ((AccessTokens.Valid) check).caller();
            if (!caller.canRead()) {
                html(res, 401, SignInPage.render(host, "That access token has neither the " + Caller.READ + " nor the "
                        + Caller.WRITE + " scope."));
                return;
            }
            s = sessions.open(caller.id(), credential.strip(), caller.canWrite());
        } else if (settings.token().matches(credential)) {
            s = sessions.open(settings.token().id());
        } else {
            html(res, 401, SignInPage.render(host, "That is not the token. Run 'berth mcp token' on the host to see it"
                    + (settings.oauth() == null ? "." : ", or sign in with an access token from " + settings.oauth().settings().issuer() + ".")));
            return;
        }
        if (s.isEmpty()) {
            res.setHeader("Retry-After", "60");
            html(res, 503, SignInPage.render(host, "Too many browsers are signed in; try again when one signs out or expires."));
            return;
        }
        res.addHeader("Set-Cookie", COOKIE + "=" + s.get().id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + sessions.idle().toSeconds() + (req.isSecure() ? "; Secure" : ""));
        settings.log().accept("console: " + s.get().tokenId() + " signed in");
        redirect(res, "/");
    }

    private void write(HttpServletRequest req, HttpServletResponse res, String path, ConsoleSessions.Session s) throws IOException {
        String csrf = req.getParameter("csrf");
        if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8))) {
            text(res, 403, "this form is not from this console (CSRF token missing or wrong): reload the page");
            return;
        }
        if (path.equals("/sign-out")) {
            sessions.end(s.id());
            res.addHeader("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
            redirect(res, "/sign-in");
            return;
        }
        if (!settings.allowWrite()) {
            text(res, 403, "the console is read-only: start the daemon with --console-allow-write to allow this");
            return;
        }
        if (!s.mayWrite()) {
            text(res, 403, "you signed in with an access token without the " + Caller.WRITE + " scope: it may only read");
            return;
        }
        String who = s.tokenId();
        if (path.equals("/sync")) {
            live.start(who + " syncs", ConsoleWrites.sync(berth, true));
        } else if (path.equals("/rollback") && req.getParameter("commit") != null
                && req.getParameter("commit").matches("[0-9a-f]{7,64}")) {
            String commit = req.getParameter("commit");
            live.start(who + " rolls back to " + Html.shortId(commit), ConsoleWrites.rollback(berth, commit));
        } else if (path.startsWith("/units/") && path.endsWith("/restart")) {
            String name = path.substring(7, path.length() - 8);
            Optional<String> unit = pages.managedSystemdName(name);
            if (unit.isEmpty()) {
                text(res, 404, "'" + name + "' is not a unit Berth manages on this host");
                return;
            }
            live.start(who + " restarts " + unit.get(), ConsoleWrites.restart(berth, unit.get()));
        } else {
            text(res, 404, "no such action: " + path);
            return;
        }
        redirect(res, "/live");
    }

    /** A session of an access token lasts only as long as the token does (it expires, or the issuer's keys change). */
    private boolean stillValid(ConsoleSessions.Session s) {
        if (s.accessToken() == null || settings.oauth().check(s.accessToken()) instanceof AccessTokens.Valid) {
            return true;
        }
        sessions.end(s.id());
        return false;
    }

    private static String cookie(HttpServletRequest req) {
        if (req.getCookies() == null) {
            return null;
        }
        for (Cookie c : req.getCookies()) {
            if (c.getName().equals(COOKIE)) {
                return c.getValue();
            }
        }
        return null;
    }

    private static void redirect(HttpServletResponse res, String to) {
        res.setStatus(303);
        res.setHeader("Location", to);
    }

    static void html(HttpServletResponse res, int status, String body) throws IOException {
        send(res, status, "text/html; charset=utf-8", body);
    }

    static void text(HttpServletResponse res, int status, String body) throws IOException {
        send(res, status, "text/plain; charset=utf-8", body + "\n");
    }

    private static void send(HttpServletResponse res, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        res.setStatus(status);
        res.setContentType(type);
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }
}
