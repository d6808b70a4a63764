package dev.berth.validate;

import dev.berth.repo.EffectiveEntries;
import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.unit.Entry;
import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a unit the way quadlet's generator reads it, so Berth's checks agree with quadlet's verdict:
 * a single-valued key is its last assignment, even an empty one ({@code Image=} counts as set, to
 * nothing); a list-valued key is every assignment after the last empty one; a value loses trailing
 * blanks and one pair of surrounding double quotes.
 */
final class QuadletLookup {

    private final RepoUnit unit;
    private final String section;

    QuadletLookup(RepoUnit unit) {
        this(unit, unit.name().kind().mainSection());
    }

    QuadletLookup(RepoUnit unit, String section) {
        this.unit = unit;
        this.section = section;
    }

    /** The same unit's other section ({@code [Service]}, {@code [Unit]}). */
    QuadletLookup section(String other) {
        return new QuadletLookup(unit, other);
    }

    RepoUnit unit() {
        return unit;
    }

    /** The last assignment of {@code key}, also when it assigns nothing. */
    Optional<Entry> last(String key) {
        return unit.unit().lastEntry(section, key);
    }

    /** The value quadlet sees for a single-valued key: "" when unset or empty. */
    String value(String key) {
        return last(key).map(e -> clean(e.value())).orElse("");
    }

    boolean hasValue(String key) {
        return !value(key).isEmpty();
    }

    /** The assignments of a list-valued key that count. */
    List<Entry> all(String key) {
        return EffectiveEntries.list(unit.unit(), section, key);
    }

    /** Every word of every assignment that counts (quadlet's {@code LookupAllStrv}: blanks separate, quotes group). */
    List<String> words(String key) {
        List<String> out = new ArrayList<>();
        for (Entry e : all(key)) {
            out.addAll(UnitWords.split(e.value(), UnitWords.Mode.LIST));
        }
        return out;
    }

    /** An error at the last assignment of {@code key} (in the drop-in that made it), else at the section header. */
    Problem error(String key, String message) {
        return at(key, Problem.Severity.ERROR, message);
    }

    Problem warning(String key, String message) {
        return at(key, Problem.Severity.WARNING, message);
    }

    /** A problem at one assignment. */
    static Problem error(Entry e, String message) {
        return Problem.error(e.file(), e.line(), message);
    }

    private Problem at(String key, Problem.Severity severity, String message) {
        Optional<Entry> e = key == null ? Optional.empty() : last(key);
        return e.map(x -> new Problem(severity, x.file(), x.line(), message))
                .orElseGet(() -> new Problem(severity, unit.path(), sectionLine(), message));
    }

    /** The header line of this section in the unit file itself (0 when it is only in a drop-in, or absent). */
    int sectionLine() {
        return unit.unit().sections().stream()
                .filter(s -> s.name().equals(section) && s.file().equals(unit.path()))
                .mapToInt(s -> s.line()).findFirst().orElse(0);
    }

    UnitFile file() {
        return unit.unit();
    }

    private static String clean(String v) {
        String s = v.stripTrailing();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
