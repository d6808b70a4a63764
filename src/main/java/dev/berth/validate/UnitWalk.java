package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.UnitKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How a rule walks a scan: it names the units it looks at and gets each one read as quadlet reads it
 * ({@link QuadletLookup} on the unit's own section), in the scan's order, adding its problems to one list.
 */
final class UnitWalk {

    /** What a rule says about one unit. */
    @FunctionalInterface
    interface UnitCheck {
        void check(QuadletLookup unit, List<Problem> out);
    }

    private UnitWalk() {
    }

    /** The problems {@code check} finds in each of {@code units} that {@code which} accepts. */
    static List<Problem> problems(List<RepoUnit> units, Predicate<RepoUnit> which, UnitCheck check) {
        List<Problem> out = new ArrayList<>();
        for (RepoUnit u : units) {
            if (which.test(u)) {
                check.check(new QuadletLookup(u), out);
            }
        }
        return out;
    }

    /** Quadlet units ({@code .container}, {@code .network}, ...), not plain systemd units. */
    static Predicate<RepoUnit> quadlets() {
        return u -> u.name().kind().isQuadlet();
    }

    static Predicate<RepoUnit> ofKind(UnitKind kind) {
        return u -> u.name().kind() == kind;
    }

    /**
     * Units of these kinds that have their own section ({@code [Container]} in a {@code .container}): without
     * it there is nothing of the kind to check, and {@link RequiredSettingsRule} says the section is missing.
     */
    static Predicate<RepoUnit> withOwnSection(Set<UnitKind> kinds) {
        return u -> kinds.contains(u.name().kind()) && u.unit().hasSection(u.name().kind().mainSection());
    }

    static Predicate<RepoUnit> withOwnSection(UnitKind kind) {
        return withOwnSection(Set.of(kind));
    }
}
