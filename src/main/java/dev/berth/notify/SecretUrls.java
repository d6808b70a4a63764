package dev.berth.notify;

import java.net.URI;
import java.util.Collection;

/**
 * Sink addresses carry secrets: a Slack or Mattermost webhook's path is its key, an ntfy topic is readable by anyone
 * who knows its name, tokens ride in query strings and user information. What any output shows of them is the
 * scheme, the host and the port; the rest is {@code ***}.
 */
final class SecretUrls {
    private SecretUrls() {
    }

    static String redact(URI url) {
        if (url == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        b.append(url.getScheme()).append("://");
        if (url.getRawUserInfo() != null) {
            b.append("***@");
        }
        b.append(url.getHost());
        if (url.getPort() >= 0) {
            b.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")) {
            b.append("/***");
        }
        if (url.getRawQuery() != null) {
            b.append("?***");
        }
        return b.toString();
    }

    /** {@code text} (an error message, a log line) with every secret in it replaced by {@code ***}. */
    static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && s.length() >= 4) {
                out = out.replace(s, "***");
            }
        }
        return out;
    }
}
