package dev.berth.mcp;

import java.util.Set;

/**
 * Who sent a request to the HTTP endpoint, as the guard authenticated it: the static bearer token (all
 * scopes; the server's own read-only/allow lists still apply) or an OAuth access token's subject and scopes.
 *
 * @param id names the caller in logs and counts its sessions, without revealing a secret
 */
public record Caller(String id, Set<String> scopes) {
    /** Reading: every tool, resource and prompt that changes nothing. */
    public static final String READ = "berth:read";
    /** Also the tools that change the host (where the server allows writes at all). */
    public static final String WRITE = "berth:write";

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    static Caller staticToken(McpToken token) {
        return new Caller(token.id(), Set.of(READ, WRITE));
    }

    public boolean canRead() {
        return scopes.contains(READ) || scopes.contains(WRITE);
    }

    public boolean canWrite() {
        return scopes.contains(WRITE);
    }
}
