package dev.berth.mcp;

import java.util.Set;

/**
 * Which tools a server lets clients call: read-only unless write was allowed explicitly, then narrowed
 * by an allowlist (empty = all) and a denylist. The denylist wins.
 */
public record ToolPolicy(boolean allowWrite, Set<String> allow, Set<String> deny) {

    public ToolPolicy {
        allow = Set.copyOf(allow);
        deny = Set.copyOf(deny);
    }

    public static ToolPolicy readOnly() {
        return new ToolPolicy(false, Set.of(), Set.of());
    }

    /** Why the tool may not be called, or null when it may. */
    public String refusal(ToolSpec tool) {
        if (deny.contains(tool.name())) {
            return "tool '" + tool.name() + "' is denied on this server (--deny-tools)";
        }
        if (!allow.isEmpty() && !allow.contains(tool.name())) {
            return "tool '" + tool.name() + "' is not in this server's --allow-tools list";
        }
        if (tool.writes() && !allowWrite) {
            return "tool '" + tool.name() + "' changes the host and this server is read-only: start it with --allow-write"
                    + " (berth mcp --allow-write, or berth run --mcp-allow-write) to permit it";
        }
        return null;
    }

    /** The allow and deny lists alone, for tools Berth serves on behalf of declared MCP servers. */
    public boolean allowsName(String name) {
        return !deny.contains(name) && (allow.isEmpty() || allow.contains(name));
    }

    /** Names in --allow-tools/--deny-tools that no tool has: almost certainly a typo the user wants to hear about. */
    public Set<String> unknownNames(Set<String> known) {
        java.util.TreeSet<String> unknown = new java.util.TreeSet<>(allow);
        unknown.addAll(deny);
        unknown.removeAll(known);
        return unknown;
    }
}
