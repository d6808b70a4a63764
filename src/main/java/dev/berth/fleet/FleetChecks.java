package dev.berth.fleet;

import dev.berth.repo.DesiredState;
import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code berth validate} checks about targeting, against the hosts berth.toml declares: selectors
 * that name an undeclared group (an error: a typo), selectors that match no declared host and units no
 * declared host gets (warnings: a host may join later with {@code berth init --label}), and, for every
 * declared host, the dependency rule of {@link Targeting}.
 */
public final class FleetChecks {

    private FleetChecks() {
    }

    public static List<Problem> check(DesiredState desired, FleetFile fleet) {
        List<Problem> out = new ArrayList<>();
        if (!fleet.present()) {
            return out;
        }
        Map<String, Placement> placements = Targeting.place(desired, fleet);
        for (Rule r : fleet.rules()) {
            checkSelector(r.selector(), "rule " + r.number(), FleetFile.FILE_NAME, r.line(), fleet, out);
        }
        for (RepoUnit u : desired.units().values()) {
            Placement p = placements.get(u.fileName());
            if (p.origin().startsWith("[X-Berth]")) {
                checkSelector(p.selector(), "[X-Berth]", u.path(), 0, fleet, out);
            }
            for (String d : u.dropIns()) {
                String[] t = HostDropIns.target(d);
                if (t != null && t[0].equals("group") && !fleet.groups().containsKey(t[1])) {
                    out.add(Problem.error(d, 0, "is a drop-in for group " + t[1] + ", which berth.toml does not declare:"
                            + " add [groups." + t[1] + "] or rename the file"));
                } else if (t != null && t[0].equals("host") && !fleet.hosts().isEmpty() && !fleet.hosts().containsKey(t[1])) {
                    out.add(Problem.warning(d, 0, "is a drop-in for host " + t[1] + ", which berth.toml does not declare:"
                            + " add [hosts." + t[1] + "] (or check the name)"));
                }
            }
        }
        if (fleet.hosts().isEmpty()) {
            return out;
        }
        Set<String> gotten = new HashSet<>();
        Set<Problem> dependencyProblems = new java.util.LinkedHashSet<>();
        for (HostIdentity host : fleet.declaredHosts()) {
            HostSelection s = Targeting.select(desired, placements, fleet, host);
            gotten.addAll(s.desired().units().keySet());
            dependencyProblems.addAll(s.problems());
        }
        out.addAll(dependencyProblems);
        for (RepoUnit u : desired.units().values()) {
            if (!gotten.contains(u.fileName())) {
                out.add(Problem.warning(u.path(), 0, "no host declared in berth.toml gets " + u.fileName() + " (placed by "
                        + placements.get(u.fileName()).describe() + "): check the rule, or declare the host it is for"));
            }
        }
        return out;
    }

    private static void checkSelector(Selector s, String what, String file, int line, FleetFile fleet, List<Problem> out) {
        for (String g : s.groups()) {
            if (!fleet.groups().containsKey(g)) {
                out.add(Problem.error(file, line, what + " names group '" + g + "', which berth.toml does not declare:"
                        + " add [groups." + g + "] with hosts or labels, or fix the name"));
            }
        }
        if (fleet.hosts().isEmpty()) {
            return;
        }
        for (String h : s.hosts()) {
            if (!fleet.hosts().containsKey(h)) {
                out.add(Problem.warning(file, line, what + " names host '" + h + "', which berth.toml does not declare:"
                        + " add [hosts." + h + "] or fix the name"));
            }
        }
        boolean anyMatch = fleet.declaredHosts().stream().anyMatch(h -> s.matches(h, fleet.groups()));
        if (!anyMatch) {
            out.add(Problem.warning(file, line, what + " selects " + s + ", which matches no host declared in berth.toml"));
        }
    }
}
