package dev.berth.git;

import java.util.regex.Pattern;

/** Keeps credentials embedded in a remote URL ({@code https://user:token@host/...}) out of logs and status. */
public final class RemoteUrls {
    private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@");

    private RemoteUrls() {
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        return USERINFO.matcher(url).replaceAll("$1***@");
    }
}
