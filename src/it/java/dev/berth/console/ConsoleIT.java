package dev.berth.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver) against {@code berth run --listen} on the test host: one daemon and one browser for all the
 * steps, in order. The browser reaches the host's network namespace through socat (see {@link Tunnel}).
 * Screenshots go to target/console-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    private static final int PORT = 18795;
    private static final String UNIT = "berth-console-it";
    private static final String IMAGE = "localhost:5000/busybox:test";
    private static final Path SHOTS = Path.of(System.getProperty("user.dir"), "target/console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final TestHost host = TestHost.get();
    private TestGitRepo repo;
    private Tunnel tunnel;
    private WebDriver browser;
    private WebDriverWait wait;
    private String base;
    private String token;
    private String first;
    private String second;

    @BeforeAll
    void hostDaemonAndBrowser() throws Exception {
        Path dir = host.hostPath("/srv/share/console-it");
        if (Files.exists(dir)) {
            dev.berth.host.FileTrees.deleteRecursively(dir);
        }
        repo = TestGitRepo.create(dir);
        repo.write("web.container", """
                [Container]
                Image=%s
                ContainerName=console-web
                Exec=busybox httpd -f -p 8080 -h /www
                """.formatted(IMAGE));
        // "flaky" comes up, then dies after a few seconds: a failing unit whose logs the console shows
        repo.write("flaky.container", """
                [Container]
                Image=%s
                ContainerName=console-flaky
                Exec=sh -c 'sleep 3; echo flaky gave up on purpose >&2; exit 3'
                """.formatted(IMAGE));
        first = repo.commit("web and flaky");
        stopDaemon();
        host.berth("prune", "-q"); // a host another run left initialized
        host.berth("init", "/srv/share/console-it").orThrow();
        waitInHost("systemctl is-failed -q flaky.service", "flaky.service to fail");
        token = host.berth("mcp", "token").orThrow().stdout().strip();
        startDaemon("--console-allow-write");
        tunnel = Tunnel.open(leaderPid(), PORT);
        base = "http://127.0.0.1:" + tunnel.port();
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(), options);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterAll
    void stopAll() {
        if (browser != null) {
            browser.quit();
        }
        if (tunnel != null) {
            tunnel.close();
        }
        stopDaemon();
        host.berth("prune", "-q");
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    @Order(1)
    void signInAndSeeTheDeployedCommitAndTheUnits() {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/sign-in");
        browser.findElement(By.id("token")).sendKeys("not the token");
        browser.findElement(By.cssSelector("form.sign-in button")).click();
        assertThat(find(By.id("sign-in-error")).getText()).contains("not the token");
        shot("01-sign-in-refused");
        signIn();
        assertThat(browser.findElement(By.id("deployed")).getText()).contains(first.substring(0, 12)).contains("web and flaky")
                .contains("by t <t@example.invalid>").contains("signature: not required");
        String units = browser.findElement(By.id("units")).getText();
        assertThat(units).contains("web.container").contains("flaky.container").contains("Degraded")
                .as("the commit that last changed each unit").contains(first.substring(0, 12));
        assertThat(browser.findElement(By.cssSelector(".states")).getText()).contains("Synced").contains("Degraded");
        shot("02-overview");
    }

    @Test
    @Order(2)
    void aFailingUnitsLogsCanBeRead() {
        browser.get(base + "/");
        browser.findElement(By.linkText("flaky.container")).click();
        assertThat(find(By.cssSelector("pre[aria-label^='journal']")).getText()).contains("flaky gave up on purpose");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("ContainerName=console-flaky");
        shot("03-failing-unit");
    }

    @Test
    @Order(3)
    void aPushedCommitIsPendingWithItsDiffAndSyncLandsLive() throws Exception {
        repo.write("web.container", greeting("two"));
        second = repo.commit("web: greet twice");
        browser.get(base + "/pending");
        String plan = browser.findElement(By.cssSelector("pre[aria-label='plan']")).getText();
        assertThat(plan).contains("web.container");
        assertThat(browser.findElement(By.cssSelector("pre.diff")).getText()).contains("+Environment=GREETING=two");
        shot("04-pending-diff");
        browser.get(base + "/");
        assertThat(browser.findElement(By.id("waiting")).getText()).contains(second.substring(0, 12)).contains("web: greet twice");
        assertThat(browser.findElement(By.cssSelector(".states")).getText()).contains("OutOfSync");
        pressAndAwaitTheLivePage(browser.findElement(By.cssSelector("form[action='/sync'] button")));
        assertThat(browser.findElement(By.id("live-result")).getText()).contains("Done: deployed " + second.substring(0, 12));
        assertThat(browser.findElements(By.cssSelector("#live li")).size()).as("steps shown as they ran").isGreaterThan(2);
        shot("05-sync-live");
        browser.get(base + "/");
        assertThat(browser.findElement(By.id("deployed")).getText()).contains(second.substring(0, 12));
        assertThat(journal()).contains("console: token:").contains("syncs: deployed " + second.substring(0, 12));
    }

    @Test
    @Order(4)
    void rollbackToAGoodDeployment() {
        browser.get(base + "/history");
        shot("06-history");
        pressAndAwaitTheLivePage(browser.findElement(By.xpath("//button[text()='Roll back to " + first.substring(0, 12) + "']")));
        assertThat(browser.findElement(By.id("live-result")).getText()).contains("Done: deployed " + first.substring(0, 12));
        browser.get(base + "/");
        assertThat(browser.findElement(By.id("deployed")).getText()).contains(first.substring(0, 12));
        assertThat(browser.findElement(By.cssSelector(".states")).getText()).contains("Pinned");
        shot("07-rolled-back");
        assertThat(host.exec("cat", "/etc/containers/systemd/berth/web.container").stdout()).doesNotContain("GREETING");
    }

    @Test
    @Order(5)
    void aSyncTheConsoleDidNotStartStreamsToTheOpenOverview() throws Exception {
        repo.write("web.container", greeting("three"));
        String third = repo.commit("web: greet thrice");
        browser.get(base + "/");
        assertThat(browser.findElement(By.id("overview-live")).isDisplayed()).as("hidden while nothing runs").isFalse();
        // berth sync on the host, handed to the daemon: not started by the console
        host.exec("systemd-run", "--unit=console-it-cli-sync", "--collect", "/opt/berth/berth", "sync", "--resume").orThrow();
        // read at once, in the page: the overview reloads itself 1.5 s after the result, which a loaded machine's
        // next WebDriver calls could miss or meet halfway
        Map<?, ?> seen = wait.until(d -> (Map<?, ?>) ((JavascriptExecutor) d).executeScript("""
                const r = document.getElementById("live-result");
                return r && r.dataset.state ? {result: r.textContent, steps: document.querySelectorAll("#live li").length} : null;"""));
        shot("08-outside-sync-live");
        assertThat(seen.get("result").toString()).contains("Done: deployed " + third.substring(0, 12));
        assertThat(((Number) seen.get("steps")).intValue()).as("steps shown as they ran").isGreaterThan(2);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deployed"), third.substring(0, 12))); // reloaded
    }

    @Test
    @Order(6)
    void withoutSignInOrFromAnotherOriginRequestsAreRefused() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(303);
        assertThat(post(http, "/sync", null, "csrf=x", null).statusCode()).isEqualTo(401);
        String cookie = "berth_console=" + browser.manage().getCookieNamed("berth_console").getValue();
        assertThat(post(http, "/sync", cookie, "", null).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(post(http, "/sync", cookie, "csrf=x", "http://evil.example").statusCode()).as("cross-origin").isEqualTo(403);
        assertThat(post(http, "/sign-in", null, "token=" + token, "http://evil.example").statusCode()).isEqualTo(403);
        String foreignHost = host.exec("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: evil.example",
                "http://127.0.0.1:" + PORT + "/sign-in").stdout().strip();
        assertThat(foreignHost).as("DNS rebinding: a foreign Host").isEqualTo("403");
    }

    @Test
    @Order(7)
    void readOnlyShowsNoWriteButtonsAndWorksOnAPhone() throws Exception {
        startDaemon();
        signIn();
        assertThat(browser.findElements(By.cssSelector("form.write"))).isEmpty();
        browser.get(base + "/history");
        assertThat(browser.findElements(By.cssSelector("form.write"))).isEmpty();
        assertThat(browser.findElement(By.id("history")).getText()).contains(second.substring(0, 12));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(base + "/");
        shot("09-read-only-phone");
    }

    /** web.container with a GREETING: each value is a change that restarts it. */
    private static String greeting(String value) {
        return """
                [Container]
                Image=%s
                ContainerName=console-web
                Environment=GREETING=%s
                Exec=busybox httpd -f -p 8080 -h /www
                """.formatted(IMAGE, value);
    }

    /**
     * Presses a write button and waits for the progress page it leads to to show the run's result. The page the
     * button was on is gone first: the overview has a live-result element of its own (for syncs started
     * elsewhere), which a lookup made before the navigation would find and then lose. The old page is marked and
     * the wait asks the window for the mark, not the button for staleness: Chromium answers a question about an
     * element of a page it is leaving with "Node with given id does not belong to the document" (an unknown
     * error, not a stale element), which failed this test on a loaded CI machine.
     */
    private void pressAndAwaitTheLivePage(org.openqa.selenium.WebElement button) {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.berthPressedHere = true");
        button.click();
        new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class) // asked mid-navigation
                .until(d -> Boolean.TRUE.equals(page.executeScript("return window.berthPressedHere === undefined")));
        wait.until(ExpectedConditions.attributeToBeNotEmpty(find(By.id("live-result")), "data-state"));
    }

    /** An element of the page a click led to: waits for the navigation (a click does not). */
    private org.openqa.selenium.WebElement find(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private void signIn() {
        browser.get(base + "/sign-in");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("form.sign-in button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deployed")));
    }

    private HttpResponse<String> post(HttpClient http, String path, String cookie, String form, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void shot(String name) {
        try {
            Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void startDaemon(String... options) {
        stopDaemon();
        List<String> cmd = new java.util.ArrayList<>(List.of("systemd-run", "--unit=" + UNIT, "--collect", "/opt/berth/berth",
                "run", "--interval", "1h", "--listen", "127.0.0.1:" + PORT));
        cmd.addAll(List.of(options));
        host.exec(cmd.toArray(String[]::new)).orThrow();
        waitInHost("[ \"$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:" + PORT + "/sign-in)\" = 200 ]",
                "the console to answer\n" + journal());
    }

    private void stopDaemon() {
        host.exec("systemctl", "stop", UNIT);
        host.exec("systemctl", "reset-failed", UNIT);
    }

    private String journal() {
        return host.exec("journalctl", "-u", UNIT, "--no-pager", "-n", "200").stdout();
    }

    private void waitInHost(String script, String what) {
        TestHost.Result r = host.exec("sh", "-c", "for i in $(seq 1 240); do " + script + " && exit 0; sleep 0.25; done; exit 1");
        assertThat(r.exitCode()).as("waiting for " + what + "\n" + r).isZero();
    }

    private static int leaderPid() throws Exception {
        Process p = new ProcessBuilder(System.getProperty("berth.testbed"), "status").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.startsWith("leader_pid=")).map(l -> Integer.parseInt(l.substring(11).strip()))
                .findFirst().orElseThrow(() -> new AssertionError("no leader_pid in testbed status:\n" + out));
    }

    /**
     * A loopback port on the build machine whose connections socat carries into the test host's network
     * namespace (nsenter), to the daemon's port there: the browser runs here, the daemon there.
     */
    record Tunnel(Process socat, int port) implements AutoCloseable {
        static Tunnel open(int leaderPid, int targetPort) throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Process p = new ProcessBuilder("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr",
                    "EXEC:nsenter -t " + leaderPid + " -n socat STDIO TCP\\:127.0.0.1\\:" + targetPort)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < until) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    return new Tunnel(p, port);
                } catch (java.net.ConnectException notYet) {
                    if (!p.isAlive()) {
                        throw new AssertionError("socat ended: is it installed? scripts/test installs it");
                    }
                    Thread.sleep(50); // socat binds in a few ms
                }
            }
            p.destroy();
            throw new AssertionError("socat did not listen on " + port + " within 10 s");
        }

        @Override
        public void close() {
            socat.destroy();
        }
    }
}
