package dev.berth.repo;

import dev.berth.unit.Entry;
import dev.berth.unit.UnitFile;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Berth's own settings from a unit's {@code [X-Berth]} section. systemd and quadlet ignore
 * sections whose name starts with {@code X-}, so they can live in the unit file itself.
 */
public final class UnitOptionsReader {

    public static final String SECTION = "X-Berth";
    private static final Set<String> KEYS = Set.of("AutoStart", "Self", "HealthTimeout",
            "Hosts", "Groups", "Labels", // host targeting, read by dev.berth.fleet.Targeting
            "MCP", "MCPName", "MCPAllowTools", "MCPDenyTools", "MCPTimeout", "MCPMaxConcurrentCalls"); // dev.berth.mcp.gateway
    private static final Set<String> TRUE = Set.of("1", "yes", "y", "true", "t", "on");
    private static final Set<String> FALSE = Set.of("0", "no", "n", "false", "f", "off");

    private UnitOptionsReader() {
    }

    /**
     * @param defaultAutoStart false for units something else starts (a repository timer, socket or
     *                         path unit) and for templates, which cannot be started without an instance
     */
    public static UnitOptions read(UnitFile unit, boolean defaultAutoStart, List<Problem> problems) {
        for (Entry e : unit.entries(SECTION)) {
            if (!KEYS.contains(e.key())) {
                problems.add(Problem.warning(e.file(), e.line(), "unknown setting '" + e.key() + "' in [" + SECTION
                        + "]: Berth knows " + String.join(", ", KEYS.stream().sorted().toList())));
            }
        }
        boolean autoStart = bool(unit, "AutoStart", problems).orElse(defaultAutoStart);
        boolean self = bool(unit, "Self", problems).orElse(false);
        Duration timeout = EffectiveEntries.single(unit, SECTION, "HealthTimeout").flatMap(e -> {
            Optional<Duration> d = TimeSpan.parse(e.value()).filter(x -> !x.isZero());
            if (d.isEmpty()) {
                problems.add(Problem.error(e.file(), e.line(), "HealthTimeout='" + e.value()
                        + "' is not a time span: write e.g. 30s, 2min or 1h 30min"));
            }
            return d;
        }).orElse(UnitOptions.DEFAULT_HEALTH_TIMEOUT);
        return new UnitOptions(autoStart, self, timeout);
    }

    private static Optional<Boolean> bool(UnitFile unit, String key, List<Problem> problems) {
        return EffectiveEntries.single(unit, SECTION, key).flatMap(e -> {
            Optional<Boolean> b = parseBoolean(e.value());
            if (b.isEmpty()) {
                problems.add(Problem.error(e.file(), e.line(), key + "='" + e.value()
                        + "' is not a boolean: write true or false"));
            }
            return b;
        });
    }

    /** systemd's booleans: 1/yes/y/true/t/on and 0/no/n/false/f/off, in any case. */
    public static Optional<Boolean> parseBoolean(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return Optional.of(true);
        }
        if (FALSE.contains(v)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    static boolean isTrue(String value) {
        return parseBoolean(value).orElse(false);
    }
}
