package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpLock;
import dev.berth.mcp.declaration.McpServerDeclaration;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which of a downstream server's live tools Berth serves, and why the others are withheld: the
 * declaration's allow and deny lists, then the lock (a definition that differs from {@code mcp.lock} is a
 * possible rug pull), then read-only mode (a tool is a write unless its annotations say it only reads).
 * Pure: the same inputs give the same answer, so every rule is unit-tested.
 *
 * @param served   the tools clients see, renamed {@code SERVER__TOOL}, with the downstream name they forward to
 * @param withheld the tools left out, each with the reason (for {@code status} and the log)
 */
public record ServedTools(List<Served> served, List<Withheld> withheld) {

    public record Served(String downstreamName, McpSchema.Tool tool) {
    }

    public record Withheld(String tool, String reason) {
    }

    public ServedTools {
        served = List.copyOf(served);
        withheld = List.copyOf(withheld);
    }

    public static ServedTools none() {
        return new ServedTools(List.of(), List.of());
    }

    public static ServedTools decide(McpServerDeclaration server, McpLock lock, List<McpSchema.Tool> live, boolean allowWrite) {
        List<Served> served = new ArrayList<>();
        List<Withheld> withheld = new ArrayList<>();
        for (McpSchema.Tool tool : live.stream().sorted(Comparator.comparing(McpSchema.Tool::name)).toList()) {
            String reason = refusal(server, lock, tool, allowWrite);
            if (reason == null) {
                served.add(new Served(tool.name(), renamed(server, tool)));
            } else if (server.declares(tool.name())) {
                withheld.add(new Withheld(server.namespaced(tool.name()), reason));
            }
        }
        return new ServedTools(served, withheld);
    }

    /** A tool the declaration itself leaves out is simply not offered; the others carry a reason worth reporting. */
    private static String refusal(McpServerDeclaration server, McpLock lock, McpSchema.Tool tool, boolean allowWrite) {
        if (!server.declares(tool.name())) {
            return "not in the declaration's allow list, or in its deny list";
        }
        String locked = lock.refusal(server.name(), tool);
        if (locked != null) {
            return locked;
        }
        if (!allowWrite && !readOnly(tool)) {
            return "not annotated read-only and this endpoint is read-only: start it with --allow-write"
                    + " (berth run --mcp-allow-write) to serve it";
        }
        return null;
    }

    /** Withholds the served tools whose namespaced name the endpoint's own --allow-tools/--deny-tools refuse. */
    public ServedTools filtered(java.util.function.Predicate<String> nameAllowed) {
        List<Served> kept = new ArrayList<>();
        List<Withheld> out = new ArrayList<>(withheld);
        for (Served s : served) {
            if (nameAllowed.test(s.tool().name())) {
                kept.add(s);
            } else {
                out.add(new Withheld(s.tool().name(), "refused by this endpoint's --allow-tools/--deny-tools"));
            }
        }
        return new ServedTools(kept, out);
    }

    static boolean readOnly(McpSchema.Tool tool) {
        return tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
    }

    private static McpSchema.Tool renamed(McpServerDeclaration server, McpSchema.Tool tool) {
        String title = tool.title() != null ? tool.title()
                : tool.annotations() != null && tool.annotations().title() != null ? tool.annotations().title() : tool.name();
        return McpSchema.Tool.builder()
                .name(server.namespaced(tool.name()))
                .title(server.name() + ": " + title)
                .description(tool.description())
                .inputSchema(tool.inputSchema())
                .outputSchema(tool.outputSchema())
                .annotations(tool.annotations())
                .meta(tool.meta())
                .icons(tool.icons())
                .build();
    }
}
