package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a session may keep of its {@code initialize} request: the SDK holds the client's info and
 * capabilities for the session's life, and Berth writes the client's name into its logs, so both are
 * bounded (a 950 KB client name, sent 200 times, once ran the daemon out of heap).
 */
final class InitializeBounds {
    /** Largest initialize request: real clients send well under 2 KiB. */
    static final int MAX_INITIALIZE_BYTES = 16 * 1024;
    /** Longest clientInfo name, title or version. */
    static final int MAX_INFO_CHARS = 256;

    private InitializeBounds() {
    }

    /** Why this initialize request is refused, or null when it is within bounds. */
    static String check(JsonNode initialize, int bodyBytes) {
        if (bodyBytes > MAX_INITIALIZE_BYTES) {
            return "invalid params: an initialize request may be at most " + MAX_INITIALIZE_BYTES + " bytes (this one is "
                    + bodyBytes + ")";
        }
        JsonNode info = initialize.path("params").path("clientInfo");
        for (String field : new String[] {"name", "title", "version"}) {
            JsonNode v = info.get(field);
            if (v != null && v.isTextual() && v.asText().length() > MAX_INFO_CHARS) {
                return "invalid params: clientInfo." + field + " is " + v.asText().length() + " characters; at most "
                        + MAX_INFO_CHARS + " are accepted";
            }
        }
        return null;
    }
}
