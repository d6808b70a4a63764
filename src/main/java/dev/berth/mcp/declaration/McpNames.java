package dev.berth.mcp.declaration;

import java.util.regex.Pattern;

/**
 * The names the gateway puts in front of clients. A server's name prefixes its tools
 * ({@code SERVER__TOOL}), so it must never contain the separator itself, and the namespaced tool name
 * must still be a valid MCP tool name (1 to 128 of {@code A-Z a-z 0-9 _ - .}).
 */
public final class McpNames {

    /** Keeps room for the tool's own name within the 128 characters a namespaced name may have. */
    public static final int MAX_SERVER_NAME = 64;
    public static final int MAX_TOOL_NAME = 128;
    private static final Pattern SERVER = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.-]+");

    private McpNames() {
    }

    /** What is wrong with a server name, or null when it is valid. */
    public static String serverNameProblem(String name) {
        if (name.length() > MAX_SERVER_NAME) {
            return "is longer than " + MAX_SERVER_NAME + " characters (its tools' names must fit in " + MAX_TOOL_NAME + ")";
        }
        if (!SERVER.matcher(name).matches()) {
            return "is not a valid MCP server name: use lower-case letters and digits, words joined by single dashes"
                    + " (e.g. " + suggestion(name) + ")";
        }
        return null;
    }

    public static boolean isValidServerName(String name) {
        return serverNameProblem(name) == null;
    }

    /** What is wrong with a tool name as clients would see it, or null when it is valid. */
    public static String toolNameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_TOOL_NAME) {
            return "must be 1 to " + MAX_TOOL_NAME + " characters long";
        }
        if (!TOOL.matcher(name).matches()) {
            return "may contain only letters, digits, '_', '-' and '.'";
        }
        return null;
    }

    /** A valid name close to what was written, for the error message. */
    static String suggestion(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_SERVER_NAME) {
            s = s.substring(0, MAX_SERVER_NAME).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "my-server" : s;
    }
}
