package dev.berth.mcp;

/**
 * The MCP tool annotations a client uses to decide whether to ask before calling a tool.
 *
 * @param readOnly    the tool changes nothing on the host
 * @param destructive a write that may stop or remove something (meaningful only when not read-only)
 * @param idempotent  calling it twice with the same arguments has no further effect
 * @param openWorld   it talks to something outside this host (a git remote, a registry)
 */
public record Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

    /** Looks at this host only and changes nothing. */
    public static final Hints READ = new Hints(true, false, true, false);

    /** Reads, but also asks a remote (fetches the git repository). */
    public static final Hints READ_REMOTE = new Hints(true, false, true, true);

    public static Hints write(boolean destructive, boolean idempotent, boolean openWorld) {
        return new Hints(false, destructive, idempotent, openWorld);
    }
}
