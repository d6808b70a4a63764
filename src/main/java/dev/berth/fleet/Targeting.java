package dev.berth.fleet;

import dev.berth.repo.DesiredState;
import dev.berth.repo.DesiredSubset;
import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.UnitOptionsReader;
import dev.berth.unit.UnitFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which units of a repository a host runs. Pure: a desired state, the rules and a host identity in, that
 * host's share out. Where a unit goes is decided, in this order, by
 * <ol>
 *   <li>its own {@code [X-Berth]} keys {@code Hosts=}, {@code Groups=}, {@code Labels=} (any of them set);</li>
 *   <li>the first {@code [[rules]]} entry of {@code berth.toml} whose {@code units} patterns cover it;</li>
 *   <li>berth.toml's {@code default}: every host ("all", also without a berth.toml) or none.</li>
 * </ol>
 * Dependencies are not pulled in: what a host runs is exactly what the rules say. A unit placed on a host
 * that needs a unit the host does not get is an error for that host, so the host keeps what it runs.
 */
public final class Targeting {

    private Targeting() {
    }

    /** Where every unit goes; depends on the repository only, so a fleet computes it once. */
    public static Map<String, Placement> place(DesiredState desired, FleetFile fleet) {
        List<Rule.Compiled> rules = fleet.rules().stream().map(Rule::compile).toList();
        Placement byDefault = fleet.defaultAll()
                ? new Placement(true, Selector.NONE, "default")
                : new Placement(false, Selector.NONE, "berth.toml default = \"none\"");
        Map<String, Placement> out = new LinkedHashMap<>();
        for (RepoUnit u : desired.units().values()) {
            out.put(u.fileName(), placeOne(u, rules, byDefault));
        }
        return out;
    }

    private static Placement placeOne(RepoUnit u, List<Rule.Compiled> rules, Placement byDefault) {
        Selector own = ownSelector(u.unit());
        if (own != null) {
            return new Placement(false, own, "[X-Berth] of " + u.path());
        }
        for (Rule.Compiled r : rules) {
            if (r.covers(u.path(), u.fileName())) {
                return new Placement(false, r.rule().selector(), "rule " + r.rule().number() + " of berth.toml");
            }
        }
        return byDefault;
    }

    /** {@code [X-Berth] Hosts= Groups= Labels=}, space-separated and repeatable; null when none is set. */
    static Selector ownSelector(UnitFile unit) {
        String s = UnitOptionsReader.SECTION;
        List<String> hosts = words(unit.values(s, "Hosts"));
        List<String> groups = words(unit.values(s, "Groups"));
        Map<String, String> labels = new LinkedHashMap<>();
        for (String kv : words(unit.values(s, "Labels"))) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                labels.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        boolean anySet = !unit.values(s, "Hosts").isEmpty() || !unit.values(s, "Groups").isEmpty() || !unit.values(s, "Labels").isEmpty();
        return anySet ? new Selector(hosts, groups, labels) : null;
    }

    private static List<String> words(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String w : v.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** The share of {@code host} (its own identity: berth.toml's labels for it are added here). */
    public static HostSelection select(DesiredState desired, FleetFile fleet, HostIdentity host) {
        return select(desired, place(desired, fleet), fleet, host);
    }

    public static HostSelection select(DesiredState desired, Map<String, Placement> placements, FleetFile fleet,
                                       HostIdentity localHost) {
        HostIdentity host = fleet.effective(localHost);
        Set<String> selected = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        for (RepoUnit u : desired.units().values()) {
            Placement p = placements.get(u.fileName());
            if (p == null || p.matches(host, fleet.groups())) {
                selected.add(u.fileName());
            } else {
                skipped.add(u.fileName());
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (RepoUnit u : desired.units().values()) {
            if (!selected.contains(u.fileName())) {
                continue;
            }
            for (String dep : u.dependsOn()) {
                if (desired.units().containsKey(dep) && !selected.contains(dep)) {
                    problems.add(Problem.error(u.path(), 0, u.fileName() + " runs on host " + host.name() + " (placed by "
                            + placements.get(u.fileName()).describe() + ") but needs " + dep + ", which goes to "
                            + placements.get(dep).describe() + ": place " + dep + " on " + host.name()
                            + " too (Berth does not pull dependencies in), or move " + u.fileName() + " off it"));
                }
            }
        }
        DesiredState share = skipped.isEmpty() && !hasHostDropIns(desired) ? desired
                : DesiredSubset.of(desired, selected::contains, d -> HostDropIns.appliesTo(d, host, fleet.groups()));
        return new HostSelection(host, share, skipped, problems);
    }

    private static boolean hasHostDropIns(DesiredState desired) {
        for (RepoUnit u : desired.units().values()) {
            for (String d : u.dropIns()) {
                if (HostDropIns.target(d) != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
