package dev.berth.unit;

/** Writes a unit back in canonical form: one {@code [Section]} block per section, one assignment a line. */
public final class UnitPrinter {

    private UnitPrinter() {
    }

    public static String print(UnitFile unit) {
        StringBuilder out = new StringBuilder();
        for (Section s : unit.sections()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append('[').append(s.name()).append("]\n");
            for (Entry e : s.entries()) {
                out.append(e.key()).append('=').append(e.value()).append('\n');
            }
        }
        return out.toString();
    }
}
