package dev.berth.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.BerthOptions;
import dev.berth.http.HttpEndpoint;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.berth.mcp.AccessTokens;
import dev.berth.mcp.McpToken;
import dev.berth.mcp.OAuthSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's gate over real HTTP (Tomcat): sign-in, the cookie, CSRF, Origin, read-only, body size. */
class ConsoleServletTest {
    private static final McpToken TOKEN = new McpToken("c".repeat(64));
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> log = new ArrayList<>();
    @TempDir
    Path state;
    private HttpEndpoint http;
    private ConsoleMount console;

    private void start(boolean allowWrite) throws Exception {
        start(allowWrite, null);
    }

    private void start(boolean allowWrite, AccessTokens oauth) throws Exception {
        Berth berth = Berth.forCurrentUser(BerthOptions.defaults().withStateDir(state));
        console = new ConsoleMount(berth, new ConsoleSettings(TOKEN, Set.of("127.0.0.1", "localhost"), allowWrite,
                line -> {
                    synchronized (log) {
                        log.add(line);
                    }
                }, oauth));
        http = HttpEndpoint.builder().listen("127.0.0.1", 0).mount(console).start();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
            console.close();
        }
    }

    @Test
    void withoutSignInPagesRedirectAndEventsAndWritesAreRefused() throws Exception {
        start(true);
        HttpResponse<String> page = send("GET", "/", null, null);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/sign-in");
        assertThat(send("GET", "/events", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/sync", null, "csrf=x").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/sign-in", null, null).body()).contains("<label for=\"token\">Token</label>");
        assertThat(send("POST", "/sign-in", null, "token=wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/", "berth_console=forged", null).statusCode()).isEqualTo(303);
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieAndWritesNeedTheCsrfToken() throws Exception {
        start(true);
        String cookie = signIn();
        HttpResponse<String> live = send("GET", "/live", cookie, null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        String csrf = csrf(live.body());
        assertThat(send("POST", "/sync", cookie, "").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/sync", cookie, "csrf=" + "x".repeat(43)).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/units/nothere.service/restart", cookie, "csrf=" + csrf).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/sign-out", cookie, "csrf=" + csrf).statusCode()).isEqualTo(303);
        assertThat(send("GET", "/live", cookie, null).statusCode()).as("the session ended").isEqualTo(303);
        synchronized (log) {
            assertThat(log).contains("console: " + TOKEN.id() + " signed in");
        }
    }

    @Test
    void aReadOnlyConsoleRefusesWritesAndShowsNoWriteButtons() throws Exception {
        start(false);
        String cookie = signIn();
        HttpResponse<String> live = send("GET", "/live", cookie, null);
        String csrf = csrf(live.body());
        HttpResponse<String> sync = send("POST", "/sync", cookie, "csrf=" + csrf);
        assertThat(sync.statusCode()).isEqualTo(403);
        assertThat(sync.body()).contains("read-only");
    }

    @Test
    void crossOriginAndOversizedRequestsAreRefused() throws Exception {
        start(true);
        HttpResponse<String> evil = client.send(HttpRequest.newBuilder(uri("/sign-in")).header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN.value())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(send("POST", "/sign-in", null, "token=" + "a".repeat(ConsoleServlet.MAX_BODY)).statusCode()).isEqualTo(413);
    }

    @Test
    void anAccessTokenOfTheMcpIssuerSignsInAndWritesNeedItsWriteScope() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(key.toPublicJWK()));
        start(true, new AccessTokens(ISSUER, (selector, context) -> selector.select(published.get())));

        String reader = send("POST", "/sign-in", null, "token=" + jwt(key, "alice", "berth:read", AUDIENCE, 5)).headers()
                .firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
        String csrf = csrf(send("GET", "/live", reader, null).body());
        HttpResponse<String> refused = send("POST", "/sync", reader, "csrf=" + csrf);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("without the berth:write scope");

        String writer = send("POST", "/sign-in", null, "token=" + jwt(key, "bob", "berth:write", AUDIENCE, 5)).headers()
                .firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
        assertThat(send("POST", "/sync", writer, "csrf=" + csrf(send("GET", "/live", writer, null).body())).statusCode())
                .as("a write, logged with who made it").isEqualTo(303);

        HttpResponse<String> expired = send("POST", "/sign-in", null, "token=" + jwt(key, "carol", "berth:write", AUDIENCE, -5));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("access token was refused");
        assertThat(send("POST", "/sign-in", null, "token=" + jwt(key, "dave", "berth:write", "https://other.example/mcp", 5))
                .statusCode()).as("issued for another audience").isEqualTo(401);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertThat(send("POST", "/sign-in", null, "token=" + jwt(stranger, "eve", "berth:write", AUDIENCE, 5)).statusCode())
                .as("signed by a key the issuer does not publish").isEqualTo(401);
        assertThat(send("POST", "/sign-in", null, "token=" + jwt(key, "frank", "profile", AUDIENCE, 5)).statusCode())
                .as("no berth scope").isEqualTo(401);

        published.set(new JWKSet(stranger.toPublicJWK())); // the issuer rotated its keys: alice's token no longer checks out
        assertThat(send("GET", "/live", reader, null).statusCode()).as("the session ends with its token").isEqualTo(303);
        synchronized (log) {
            assertThat(log).contains("console: oauth:alice signed in").anyMatch(l -> l.startsWith("console: oauth:bob syncs"));
        }
    }

    private static final OAuthSettings ISSUER = new OAuthSettings(URI.create("http://127.0.0.1:1/"),
            URI.create("https://berth.lan:8765/mcp"), null);
    private static final String AUDIENCE = "https://berth.lan:8765/mcp";

    private static String jwt(RSAKey key, String subject, String scope, String audience, int minutes) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER.issuer().toString()).subject(subject).audience(audience)
                .claim("scope", scope).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(minutes)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(new JOSEObjectType("at+jwt"))
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String signIn() throws Exception {
        HttpResponse<String> r = send("POST", "/sign-in", null, "token=" + TOKEN.value());
        assertThat(r.statusCode()).isEqualTo(303);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
        return set.substring(0, set.indexOf(';'));
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF field in\n" + page).isTrue();
        return m.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + http.port() + path);
    }

    private HttpResponse<String> send(String method, String path, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method,
                form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
