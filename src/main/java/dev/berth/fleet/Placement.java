package dev.berth.fleet;

/**
 * Where one unit goes, and what said so.
 *
 * @param everywhere true when the unit goes to every host (then {@code selector} is unused)
 * @param origin     for messages: "[X-Berth] of web/web.container", "rule 2 of berth.toml", "default"
 */
public record Placement(boolean everywhere, Selector selector, String origin) {

    public boolean matches(HostIdentity host, java.util.Map<String, Group> groups) {
        return everywhere || selector.matches(host, groups);
    }

    public String describe() {
        return (everywhere ? "every host" : selector.toString()) + " (" + origin + ")";
    }
}
