package dev.berth.mcp;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks OAuth access tokens (JWTs, RFC 9068) with nimbus-jose-jwt: signed (RSA or EC) by a key in the
 * issuer's JWKS, {@code iss} the configured issuer, {@code aud} this endpoint, not expired. The scopes come
 * from {@code scope} (space-separated) or {@code scp} (a list).
 */
public final class AccessTokens {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** What a token is: a caller, or why it was refused (said to the client in the 401's error_description). */
    public sealed interface Check {
    }

    public record Valid(Caller caller) implements Check {
    }

    public record Invalid(String reason) implements Check {
    }

    private final OAuthSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** @param keys the issuer's signing keys (JWKS), fetched and cached by nimbus */
    public AccessTokens(OAuthSettings settings, JWKSource<SecurityContext> keys) {
        this.settings = settings;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // RFC 9068 types access tokens "at+jwt"; many issuers still say "JWT" or nothing
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(settings.audience().toString()),
                new JWTClaimsSet.Builder().issuer(settings.issuer().toString()).build(), Set.of("exp"), null));
    }

    /** Keys from the issuer: its JWKS URI if given, else the one its metadata names (found on first use). */
    public static AccessTokens forIssuer(OAuthSettings settings) {
        JWKSource<SecurityContext> keys;
        if (settings.jwksUri() != null) {
            keys = remote(settings.jwksUri());
        } else {
            keys = new DiscoveredKeys(settings.issuer());
        }
        return new AccessTokens(settings, keys);
    }

    static JWKSource<SecurityContext> remote(java.net.URI jwks) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(jwks.toURL()).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + jwks, e);
        }
    }

    public OAuthSettings settings() {
        return settings;
    }

    /** Whether a bearer credential looks like a JWT (three dot-separated parts), rather than the static token. */
    public static boolean looksLikeJwt(String credential) {
        return credential.chars().filter(c -> c == '.').count() == 2;
    }

    public Check check(String jwt) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (java.text.ParseException e) {
            return new Invalid("the access token is not a well-formed JWT");
        } catch (com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            return new Invalid("the access token was rejected: " + explain(e.getMessage(), jwt));
        }
        String subject = claims.getSubject();
        if (subject == null) {
            Object clientId = claims.getClaim("client_id");
            subject = clientId == null ? null : clientId.toString();
        }
        if (subject == null || subject.isBlank()) {
            return new Invalid("the access token has neither 'sub' nor 'client_id'");
        }
        return new Valid(new Caller("oauth:" + abbreviate(subject), scopes(claims)));
    }

    /** Nimbus says which check failed; the client also needs the value it sent and the one expected. */
    private String explain(String failure, String jwt) {
        String m = failure == null ? "" : failure;
        try {
            JWTClaimsSet unverified = com.nimbusds.jwt.JWTParser.parse(jwt).getJWTClaimsSet(); // for the message only
            if (m.contains("aud")) {
                return "its audience (aud) " + abbreviate(String.valueOf(unverified.getAudience())) + " is not this endpoint, "
                        + settings.audience() + " (" + m + ")";
            }
            if (m.contains("iss")) {
                return "its issuer (iss) '" + abbreviate(String.valueOf(unverified.getIssuer())) + "' is not " + settings.issuer()
                        + " (" + m + ")";
            }
            if (m.startsWith("Expired")) {
                return "it expired at " + unverified.getExpirationTime().toInstant() + " (" + m + ")";
            }
        } catch (java.text.ParseException | RuntimeException e) {
            // the bare reason then
        }
        if (m.contains("signature") || m.contains("matching key")) {
            return "its signature does not verify with a key of the issuer's key set (" + m + ")";
        }
        return m;
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> out = new HashSet<>();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s) {
            out.addAll(List.of(s.strip().split("\\s+")));
        }
        Object scp = claims.getClaim("scp");
        if (scp instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        } else if (scp instanceof String s) {
            out.addAll(List.of(s.strip().split("\\s+")));
        }
        out.remove("");
        return out;
    }

    /** A subject goes into logs and session counts: keep a hostile one short. */
    private static String abbreviate(String s) {
        return s.length() <= 128 ? s : s.substring(0, 128) + "...";
    }
}
