package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpLock;
import dev.berth.mcp.declaration.McpServerDeclaration;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which of a downstream server's live prompts Berth serves, named {@code SERVER__PROMPT} like its tools, and
 * why the others are withheld. A prompt is text an assistant follows, so it passes the same gates as a tool:
 * the declaration's allow and deny lists, {@code mcp.lock}, and the endpoint's own
 * {@code --allow-tools/--deny-tools} (on the namespaced name). Pure, so every rule is unit-tested.
 */
record ServedPrompts(List<Served> served, List<ServedTools.Withheld> withheld) {

    record Served(String downstreamName, McpSchema.Prompt prompt) {
    }

    ServedPrompts {
        served = List.copyOf(served);
        withheld = List.copyOf(withheld);
    }

    static ServedPrompts decide(McpServerDeclaration server, McpLock lock, List<McpSchema.Prompt> live, Predicate<String> nameAllowed) {
        List<Served> served = new ArrayList<>();
        List<ServedTools.Withheld> withheld = new ArrayList<>();
        for (McpSchema.Prompt p : live.stream().sorted(Comparator.comparing(McpSchema.Prompt::name)).toList()) {
            if (!server.declares(p.name())) {
                continue; // the declaration leaves it out: simply not offered, as with tools
            }
            String name = server.namespaced(p.name());
            String reason = lock.refusal(server.name(), p);
            if (reason == null && !nameAllowed.test(name)) {
                reason = "prompt refused by this endpoint's --allow-tools/--deny-tools";
            }
            if (reason == null) {
                served.add(new Served(p.name(), new McpSchema.Prompt(name, p.title(), p.description(), p.arguments(), p.meta(),
                        p.icons())));
            } else {
                withheld.add(new ServedTools.Withheld(name, reason));
            }
        }
        return new ServedPrompts(served, withheld);
    }
}
