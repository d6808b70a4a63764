package dev.berth.fleet;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who a host is, for targeting: its name and its labels (key → value).
 *
 * @param name   the host name ({@code berth init --host NAME}, else the system's host name)
 * @param labels labels given with {@code berth init --label K=V} or {@code berth label set}
 */
public record HostIdentity(String name, Map<String, String> labels) {

    public HostIdentity {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
    }

    /** These labels with {@code more} laid over them (a key in {@code more} wins). */
    public HostIdentity withLabelsUnder(Map<String, String> declared) {
        Map<String, String> merged = new TreeMap<>(declared);
        merged.putAll(labels);
        return new HostIdentity(name, merged);
    }

    /** True when every wanted label is set to the wanted value; an empty map is matched by nobody. */
    boolean hasAll(Map<String, String> wanted) {
        if (wanted.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return labels.isEmpty() ? name : name + " " + labels;
    }
}
