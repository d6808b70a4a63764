package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.UnitKind;
import java.util.List;

/**
 * A {@code .network}'s addresses: each Gateway= and IPRange= belongs to the Subnet= in the same
 * position, so quadlet refuses them without a subnet, or when there are more of them than subnets.
 */
public final class NetworkUnitRule implements UnitRule {

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        return UnitWalk.problems(units, UnitWalk.ofKind(UnitKind.NETWORK), NetworkUnitRule::check);
    }

    private static void check(QuadletLookup q, List<Problem> out) {
        int subnets = q.all("Subnet").size();
        for (String key : List.of("Gateway", "IPRange")) {
            int n = q.all(key).size();
            if (n == 0) {
                continue;
            }
            if (subnets == 0) {
                out.add(q.error(key, key + "= without Subnet= is refused by quadlet: a gateway or range belongs to"
                        + " a subnet; add Subnet= (e.g. Subnet=10.89.0.0/24) before it"));
            } else if (n > subnets) {
                out.add(q.error(key, n + " " + key + "= for " + subnets + " Subnet=, and quadlet refuses more: each"
                        + " belongs to the Subnet= in the same position; add a Subnet= or remove a " + key + "="));
            }
        }
    }
}
