package dev.berth.fleet;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named set of hosts from {@code berth.toml}: the hosts listed by name, and every host carrying all of
 * {@code labels} (when labels are given).
 */
public record Group(String name, List<String> hosts, Map<String, String> labels) {

    public Group {
        hosts = List.copyOf(hosts);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public boolean contains(HostIdentity host) {
        return hosts.contains(host.name()) || host.hasAll(labels);
    }
}
