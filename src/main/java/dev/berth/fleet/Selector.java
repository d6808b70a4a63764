package dev.berth.fleet;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which hosts get something: a host is selected when its name is in {@code hosts}, or it belongs to one
 * of {@code groups}, or it carries every label of {@code labels}. The three ways add up (or); the labels
 * within one selector must all match (and). A selector with nothing in it selects no host.
 */
public record Selector(List<String> hosts, List<String> groups, Map<String, String> labels) {

    public static final Selector NONE = new Selector(List.of(), List.of(), Map.of());

    public Selector {
        hosts = List.copyOf(hosts);
        groups = List.copyOf(groups);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public boolean isEmpty() {
        return hosts.isEmpty() && groups.isEmpty() && labels.isEmpty();
    }

    public boolean matches(HostIdentity host, Map<String, Group> declaredGroups) {
        if (hosts.contains(host.name()) || host.hasAll(labels)) {
            return true;
        }
        for (String g : groups) {
            Group group = declaredGroups.get(g);
            if (group != null && group.contains(host)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (!hosts.isEmpty()) {
            s.append("hosts ").append(String.join(", ", hosts));
        }
        if (!groups.isEmpty()) {
            s.append(s.isEmpty() ? "" : "; ").append("groups ").append(String.join(", ", groups));
        }
        if (!labels.isEmpty()) {
            s.append(s.isEmpty() ? "" : "; ").append("labels ").append(labels);
        }
        return s.isEmpty() ? "no host" : s.toString();
    }
}
