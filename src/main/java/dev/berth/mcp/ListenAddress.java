package dev.berth.mcp;

/** Where an HTTP listener (--listen, --mcp-listen) listens: {@code HOST:PORT} or just {@code PORT} (then 127.0.0.1). */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        return parse(text, "--mcp-listen");
    }

    /** @param option the option the text was given to, named in the error */
    public static ListenAddress parse(String text, String option) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : t.substring(0, colon);
        String port = colon < 0 ? t : t.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException(option + " '" + text + "' has no host: use HOST:PORT, e.g. 127.0.0.1:8765");
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "': '" + port + "' is not a port number (use HOST:PORT, e.g. 127.0.0.1:8765)");
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException(option + " '" + text + "': port must be 0-65535");
        }
        return new ListenAddress(host, p);
    }

    public boolean loopback() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }
}
