package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.UnitKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * User namespace settings of a {@code .container}, {@code .pod} or {@code .kube} that quadlet refuses:
 * the deprecated {@code Remap*} keys next to explicit mappings (UserNS=, UIDMap=, ...), RemapUid= or
 * RemapGid= without RemapUsers=, an unknown RemapUsers= mode, keep-id with more than one mapping, and
 * RemapUsers=manual in a {@code .kube}.
 */
public final class UserMappingRule implements UnitRule {

    private static final Set<UnitKind> KINDS = Set.of(UnitKind.CONTAINER, UnitKind.POD, UnitKind.KUBE);
    private static final List<String> REMAP_KEYS = List.of("RemapUsers", "RemapUid", "RemapGid");

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        return UnitWalk.problems(units, UnitWalk.withOwnSection(KINDS), (q, out) -> check(q, q.unit().name().kind(), out));
    }

    private static void check(QuadletLookup q, UnitKind kind, List<Problem> out) {
        boolean explicit = q.hasValue("UserNS") || !q.words("UIDMap").isEmpty() || !q.words("GIDMap").isEmpty()
                || q.hasValue("SubUIDMap") || q.hasValue("SubGIDMap");
        if (explicit) {
            REMAP_KEYS.stream().filter(k -> q.last(k).isPresent()).findFirst().ifPresent(k -> out.add(q.error(k,
                    k + "= (deprecated) is set next to UserNS=, UIDMap=, GIDMap=, SubUIDMap= or SubGIDMap=, and quadlet"
                    + " refuses the mix: keep the explicit mapping and remove the Remap keys")));
            return;
        }
        List<String> uids = q.words("RemapUid");
        List<String> gids = q.words("RemapGid");
        String mode = q.last("RemapUsers").map(e -> e.value()).orElse("");
        switch (mode) {
            case "" -> Stream.of("RemapUid", "RemapGid").filter(k -> !q.words(k).isEmpty()).findFirst()
                    .ifPresent(k -> out.add(q.error(k, k + "= without RemapUsers= is refused by quadlet: set RemapUsers=auto"
                            + " (or keep-id, or manual), or map IDs with UIDMap=/GIDMap= instead")));
            case "manual" -> {
                if (kind == UnitKind.KUBE) {
                    out.add(q.error("RemapUsers", "RemapUsers=manual is not supported in a .kube (podman kube play has no"
                            + " --uidmap): use RemapUsers=auto or keep-id, or UserNS="));
                }
            }
            case "auto" -> { }
            case "keep-id" -> {
                if (uids.size() > 1) {
                    out.add(q.error("RemapUid", "RemapUsers=keep-id takes one RemapUid=, not " + uids.size()
                            + ": keep one, or use RemapUsers=auto"));
                }
                if (gids.size() > 1) {
                    out.add(q.error("RemapGid", "RemapUsers=keep-id takes one RemapGid=, not " + gids.size()
                            + ": keep one, or use RemapUsers=auto"));
                }
            }
            default -> out.add(q.error("RemapUsers", "RemapUsers=" + mode + " is not a mode quadlet knows: write auto,"
                    + " keep-id" + (kind == UnitKind.KUBE ? "" : " or manual")));
        }
    }
}
