package dev.berth.fleet;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The targeting rules of a repository, read from {@code berth.toml} at the root of what Berth deploys.
 *
 * @param hosts      declared hosts and their labels (used by {@code berth validate}, {@code berth plan --host},
 *                   and laid under the host's own labels when that host syncs)
 * @param groups     named sets of hosts
 * @param rules      tried in order; the first that covers a unit places it
 * @param defaultAll where units go that neither a rule nor their own {@code [X-Berth]} places: every host
 *                   (true, the default) or none
 * @param present    false when the repository has no berth.toml (every unit goes to every host)
 */
public record FleetFile(Map<String, Map<String, String>> hosts, Map<String, Group> groups, List<Rule> rules,
                        boolean defaultAll, boolean present) {

    public static final String FILE_NAME = "berth.toml";
    public static final FleetFile NONE = new FleetFile(Map.of(), Map.of(), List.of(), true, false);

    public FleetFile {
        Map<String, Map<String, String>> h = new TreeMap<>();
        hosts.forEach((k, v) -> h.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
        hosts = Collections.unmodifiableMap(h);
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
        rules = List.copyOf(rules);
    }

    /** The identity a host syncs with: the labels berth.toml declares for it, under its own labels. */
    public HostIdentity effective(HostIdentity local) {
        return local.withLabelsUnder(hosts.getOrDefault(local.name(), Map.of()));
    }

    /** Every declared host as an identity. */
    public List<HostIdentity> declaredHosts() {
        return hosts.entrySet().stream().map(e -> new HostIdentity(e.getKey(), e.getValue())).toList();
    }
}
