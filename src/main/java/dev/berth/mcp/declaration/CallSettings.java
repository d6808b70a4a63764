package dev.berth.mcp.declaration;

import dev.berth.repo.EffectiveEntries;
import dev.berth.repo.Problem;
import dev.berth.repo.TimeSpan;
import dev.berth.unit.Entry;
import dev.berth.unit.UnitFile;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The settings both kinds of declaration share: which tools to serve and how calls are bounded. A
 * {@code .container} names them {@code MCPAllowTools=} and so on in {@code [X-Berth]}; a {@code .mcp}
 * file names them {@code AllowTools=} in {@code [MCP]}.
 *
 * @param allowTools         empty = every tool
 * @param denyTools          wins over allowTools
 * @param callTimeout        per forwarded call
 * @param maxConcurrentCalls per server
 */
record CallSettings(Set<String> allowTools, Set<String> denyTools, Duration callTimeout, int maxConcurrentCalls) {

    static final int MAX_CONCURRENT_CALLS = 1024;
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    CallSettings {
        allowTools = Set.copyOf(allowTools);
        denyTools = Set.copyOf(denyTools);
    }

    /**
     * @param prefix {@code MCP} for the keys in a container's {@code [X-Berth]}, empty in a {@code .mcp} file
     * @return the settings; errors (bad values) are added to {@code problems}, with defaults in their place
     */
    static CallSettings read(UnitFile unit, String section, String prefix, List<Problem> problems) {
        Set<String> allow = tools(unit, section, prefix + "AllowTools", true, problems);
        // a downstream tool whose name clients would refuse can still be denied by that name
        Set<String> deny = tools(unit, section, prefix + "DenyTools", false, problems);
        for (String both : allow) {
            if (deny.contains(both)) {
                Entry e = EffectiveEntries.list(unit, section, prefix + "DenyTools").getLast();
                problems.add(Problem.warning(e.file(), e.line(), "tool '" + both + "' is both allowed and denied:"
                        + " it is denied (the deny list wins); remove it from one of the lists"));
            }
        }
        Duration timeout = EffectiveEntries.single(unit, section, prefix + "Timeout").flatMap(e -> {
            Optional<Duration> d = TimeSpan.parse(e.value()).filter(x -> !x.isZero() && x.compareTo(MAX_TIMEOUT) <= 0);
            if (d.isEmpty()) {
                problems.add(Problem.error(e.file(), e.line(), e.key() + "='" + e.value() + "' is not a time span"
                        + " between 1ms and 1h: write e.g. 30s or 2min"));
            }
            return d;
        }).orElse(McpServerDeclaration.DEFAULT_CALL_TIMEOUT);
        int concurrent = EffectiveEntries.single(unit, section, prefix + "MaxConcurrentCalls").flatMap(e -> {
            Optional<Integer> n = positiveInt(e.value());
            if (n.isEmpty()) {
                problems.add(Problem.error(e.file(), e.line(), e.key() + "='" + e.value() + "' is not a whole number"
                        + " from 1 to " + MAX_CONCURRENT_CALLS + ": write e.g. " + McpServerDeclaration.DEFAULT_MAX_CONCURRENT_CALLS));
            }
            return n;
        }).orElse(McpServerDeclaration.DEFAULT_MAX_CONCURRENT_CALLS);
        return new CallSettings(allow, deny, timeout, concurrent);
    }

    /**
     * Space-separated tool names; the key may repeat, an empty assignment clears the list.
     *
     * @param servable whether each name must be one the gateway can serve (an MCP tool name)
     */
    private static Set<String> tools(UnitFile unit, String section, String key, boolean servable, List<Problem> problems) {
        Set<String> out = new LinkedHashSet<>();
        for (Entry e : EffectiveEntries.list(unit, section, key)) {
            for (String tool : e.value().split("[ \t]+")) {
                if (tool.isEmpty()) {
                    continue;
                }
                String problem = servable ? McpNames.toolNameProblem(tool) : null;
                if (problem != null) {
                    problems.add(Problem.error(e.file(), e.line(), key + " names '" + tool + "', which is not an MCP tool"
                            + " name: it " + problem + "; write the tool's name as the server lists it, without the"
                            + " server's prefix, separated by spaces"));
                } else {
                    out.add(tool);
                }
            }
        }
        return out;
    }

    private static Optional<Integer> positiveInt(String value) {
        String v = value.strip();
        if (!v.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(v);
        return n >= 1 && n <= MAX_CONCURRENT_CALLS ? Optional.of(n) : Optional.empty();
    }
}
