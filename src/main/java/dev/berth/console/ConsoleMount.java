package dev.berth.console;

import dev.berth.Berth;
import dev.berth.http.HttpEndpoint;
import dev.berth.http.Mount;
import dev.berth.mcp.RequestGuard;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The web console at {@code /}: every path no other feature of the listener serves. */
public final class ConsoleMount implements Mount {
    private final Berth berth;
    private final ConsoleSettings settings;

    public ConsoleMount(Berth berth, ConsoleSettings settings) {
        this.berth = berth;
        this.settings = settings;
    }

    @Override
    public void mountOn(HttpEndpoint.Builder http) {
        RequestGuard hosts = new RequestGuard(settings.token(), settings.allowedHosts(), 0);
        http.servlet("console", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                RequestGuard.Verdict v = hosts.checkHost(req.getHeader("Host"), req.getHeader("Origin"));
                res.setStatus(v.ok() ? 200 : v.status());
                res.setContentType("text/html; charset=utf-8");
                res.getOutputStream().write((v.ok() ? "<!doctype html><title>Berth</title><p>Berth on "
                        + berth.identity().name() : v.message()).getBytes(StandardCharsets.UTF_8));
            }
        }, "/");
    }
}
