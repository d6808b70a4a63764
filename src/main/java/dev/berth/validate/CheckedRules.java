package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The problems every rule found in one scan, kept so that the next scan of the same repository is checked
 * only where it changed. The reader hands over the units that did not change as the very same objects
 * ({@code RepositoryReader.readChanged}), so a unit that is not the same object is one to look at again:
 * <ul>
 *   <li>a {@link UnitRule}'s problems are the earlier ones, less those it finds in the changed units as
 *       they were, plus those it finds in them now; when the rule reads other units' names, only while no
 *       name changed ({@link ScanChanges#namesKept()});</li>
 *   <li>{@link DuplicateNamesRule} looks at names alone: its problems stay while no name changed;</li>
 *   <li>{@link DependencyCycleRule}'s stay while no name and no changed unit's dependencies changed and no
 *       cycle was reported at a changed unit (the line it names may have moved);</li>
 *   <li>{@link HostWideDropInRule} looks at units' names and drop-ins alone: its problems stay while no changed
 *       unit's drop-ins changed (the paths are the same, so the names are);</li>
 *   <li>every other rule, and every rule when the units are not the same list of paths, runs in full.</li>
 * </ul>
 * The lookups over all units the rules share ({@link ScanContext}) are kept too, and taken over while no name
 * changed. Problems are sorted ({@link Problem#BY_LOCATION}), as a report shows them: the same, however found.
 */
public final class CheckedRules {

    /** Beyond this share of changed units, checking everything is no slower. */
    private static final int FULL_BEYOND_ONE_IN = 4;

    private final RepositoryScan scan;
    /** the scan's lookups as the rules made them, for the next check */
    private final ScanContext context;
    private final PodmanTarget podman;
    private final List<List<Problem>> byRule;
    private final List<Problem> problems;

    private CheckedRules(ScanContext context, PodmanTarget podman, List<List<Problem>> byRule) {
        this.scan = context.scan();
        this.context = context;
        this.podman = podman;
        this.byRule = List.copyOf(byRule);
        List<Problem> all = new ArrayList<>();
        byRule.forEach(all::addAll);
        all.sort(Problem.BY_LOCATION);
        this.problems = List.copyOf(all);
    }

    /** The scan these problems are of. */
    RepositoryScan scan() {
        return scan;
    }

    /** Every rule's problems, sorted. */
    public List<Problem> problems() {
        return problems;
    }

    /** The rules for {@code podman} over {@code scan}, checking again only what changed since {@code earlier} (may be null). */
    public static CheckedRules check(RepositoryScan scan, PodmanTarget podman, CheckedRules earlier) {
        List<ValidationRule> rules = RepositoryValidator.rules(podman);
        ScanChanges changes = earlier == null || !earlier.podman.equals(podman) ? null : ScanChanges.between(earlier.scan, scan);
        boolean incremental = changes != null && changes.changedNow().size() * FULL_BEYOND_ONE_IN <= scan.units().size();
        ScanContext context = incremental && changes.namesKept() ? ScanContext.following(earlier.context, scan, changes)
                : new ScanContext(scan);
        List<List<Problem>> byRule = new ArrayList<>(rules.size());
        for (int r = 0; r < rules.size(); r++) {
            ValidationRule rule = rules.get(r);
            List<Problem> before = incremental ? earlier.byRule.get(r) : null;
            byRule.add(safely(rule, () -> before == null ? full(rule, context)
                    : again(rule, before, changes, earlier.context, context)));
        }
        return new CheckedRules(context, podman, byRule);
    }

    private static List<Problem> full(ValidationRule rule, ScanContext context) {
        return rule instanceof UnitRule unitRule ? unitRule.check(context, context.scan().units()) : rule.check(context.scan());
    }

    private static List<Problem> again(ValidationRule rule, List<Problem> before, ScanChanges changes, ScanContext then,
                                       ScanContext now) {
        if (rule instanceof UnitRule unitRule && (changes.namesKept() || !unitRule.readsOtherUnits())) {
            return replaced(before, unitRule.check(then, changes.changedThen()), unitRule.check(now, changes.changedNow()));
        }
        if (rule instanceof DuplicateNamesRule && changes.namesKept()) {
            return before;
        }
        if (rule instanceof HostWideDropInRule && changes.dropInsKept()) {
            return before;
        }
        if (rule instanceof DependencyCycleRule && changes.namesKept() && changes.dependenciesKept()
                && before.stream().noneMatch(p -> changes.changedPaths().contains(p.file()))) {
            return before;
        }
        return full(rule, now);
    }

    /** {@code before} less one of each of {@code gone}, plus {@code added}: problems repeat, so counted. */
    private static List<Problem> replaced(List<Problem> before, List<Problem> gone, List<Problem> added) {
        if (gone.isEmpty() && added.isEmpty()) {
            return before;
        }
        Map<Problem, Integer> toDrop = new HashMap<>();
        gone.forEach(p -> toDrop.merge(p, 1, Integer::sum));
        List<Problem> out = new ArrayList<>(before.size() + added.size());
        for (Problem p : before) {
            Integer n = toDrop.get(p);
            if (n != null && n > 0) {
                toDrop.put(p, n - 1);
            } else {
                out.add(p);
            }
        }
        out.addAll(added);
        return out;
    }

    /** A rule that fails becomes a problem: one bug must not hide what the other rules find. */
    static List<Problem> safely(ValidationRule rule, Supplier<List<Problem>> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return List.of(Problem.error(".", 0, rule.getClass().getSimpleName() + " failed (" + e
                    + "): please report this as a Berth bug"));
        }
    }
}
