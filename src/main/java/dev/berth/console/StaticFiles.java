package dev.berth.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The console's stylesheet and script, read from the jar once: no build step, nothing fetched from elsewhere. */
final class StaticFiles {
    private record File(String type, byte[] bytes) {
    }

    private static final Map<String, File> FILES = Map.of(
            "console.css", load("console.css", "text/css; charset=utf-8"),
            "console.js", load("console.js", "text/javascript; charset=utf-8"));

    private StaticFiles() {
    }

    static void serve(String name, HttpServletResponse res) throws IOException {
        File f = FILES.get(name);
        if (f == null) {
            ConsoleServlet.text(res, 404, "no such file");
            return;
        }
        res.setHeader("Cache-Control", "max-age=3600");
        res.setContentType(f.type());
        res.setContentLength(f.bytes().length);
        res.getOutputStream().write(f.bytes());
    }

    private static File load(String name, String type) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks dev/berth/console/" + name);
            }
            return new File(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
