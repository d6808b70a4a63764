package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpServerDeclaration;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which of a downstream server's live resources Berth serves, each under a URI of its server's own
 * ({@value #SCHEME}{@code SERVER/ORIGINAL-URI}), so two servers offering the same URI are both served and a
 * downstream can never pose as one of Berth's own {@code berth://} resources. The declaration's allow and
 * deny lists apply to the original URI, the endpoint's {@code --allow-tools/--deny-tools} to the namespaced
 * one. Resources are data, not instructions, so they are not pinned in {@code mcp.lock}. Pure.
 */
record ServedResources(List<Served> served, List<ServedTools.Withheld> withheld) {
    static final String SCHEME = "mcp://";

    record Served(String downstreamUri, McpSchema.Resource resource) {
    }

    ServedResources {
        served = List.copyOf(served);
        withheld = List.copyOf(withheld);
    }

    /** The URI clients see for one of this server's resources. */
    static String namespaced(McpServerDeclaration server, String uri) {
        return SCHEME + server.name() + "/" + uri;
    }

    /** Whether a URI names one of Berth's own resources, in any case ({@code BERTH://} is the same scheme). */
    static boolean isBerths(String uri) {
        return uri.toLowerCase(Locale.ROOT).startsWith("berth:");
    }

    static ServedResources decide(McpServerDeclaration server, List<McpSchema.Resource> live, Predicate<String> nameAllowed) {
        List<Served> served = new ArrayList<>();
        List<ServedTools.Withheld> withheld = new ArrayList<>();
        for (McpSchema.Resource r : live.stream().sorted(Comparator.comparing(McpSchema.Resource::uri)).toList()) {
            if (!server.declares(r.uri())) {
                continue;
            }
            String uri = namespaced(server, r.uri());
            String reason = isBerths(r.uri()) ? "resource '" + r.uri() + "' uses Berth's own scheme berth: (a server posing as Berth)"
                    : !nameAllowed.test(uri) ? "resource refused by this endpoint's --allow-tools/--deny-tools" : null;
            if (reason == null) {
                served.add(new Served(r.uri(), new McpSchema.Resource(uri, r.name(), r.title(), r.description(), r.mimeType(),
                        r.size(), r.annotations(), r.meta(), r.icons())));
            } else {
                withheld.add(new ServedTools.Withheld(uri, reason));
            }
        }
        return new ServedResources(served, withheld);
    }
}
