package dev.berth.unit;

/**
 * The settings quadlet understands in each kind's own section, to warn about typos before quadlet
 * silently drops a unit. Placeholder: the catalogue is being filled in (see branch "parser").
 */
public final class QuadletKeys {

    private QuadletKeys() {
    }

    /** True when {@code key} is a setting quadlet knows in {@code section} of a unit of {@code kind}. */
    public static boolean isKnown(UnitKind kind, String section, String key) {
        return true;
    }
}
