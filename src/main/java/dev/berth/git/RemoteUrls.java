package dev.berth.git;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials embedded in a remote URL ({@code https://user:token@host/...}): kept out of logs and status,
 * and out of the clone's git config (they are handed to git as a credentials provider instead).
 *
 * <p>The user information runs to the <em>last</em> {@code @} before the host's path, so a password that
 * holds an {@code @} ({@code http://u:p@ss@host/}) is taken, and hidden, whole.
 */
public final class RemoteUrls {
    private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s]*@");
    // http(s) only: in ssh://git@host/ the user name says which account to log in as and must stay
    private static final Pattern WITH_USERINFO = Pattern.compile("((?i:https?)://)([^/\\s]*)@([^\\s]*)");

    /** A user name and password (or token) from a remote URL, percent-decoded. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }

    private RemoteUrls() {
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        return USERINFO.matcher(url).replaceAll("$1***@");
    }

    /** An http(s) URL without its user information: what the clone's config may hold. Others are returned as given. */
    public static String withoutUserInfo(String url) {
        Matcher m = url == null ? null : WITH_USERINFO.matcher(url);
        return m != null && m.matches() ? m.group(1) + m.group(3) : url;
    }

    /** The user name and password of an http(s) {@code url}, empty when it has none (a token alone is a user name). */
    public static Optional<Credentials> credentials(String url) {
        Matcher m = url == null ? null : WITH_USERINFO.matcher(url);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        String info = m.group(2);
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? "" : info.substring(colon + 1);
        return Optional.of(new Credentials(decode(user), decode(password)));
    }

    // percent-encoding only: a '+' in a token is a '+', not a space as in form encoding
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
