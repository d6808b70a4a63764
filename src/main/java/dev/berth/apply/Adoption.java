package dev.berth.apply;

import dev.berth.plan.Action;
import dev.berth.plan.ActionType;
import dev.berth.plan.Plan;
import dev.berth.repo.InstalledFile;
import dev.berth.state.AppliedState;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Units the user handed over with {@code berth adopt}: the host's own file of that name becomes Berth's
 * when the repository first writes it, so the apply's refusal to overwrite foreign files lets it through.
 */
final class Adoption {

    private Adoption() {
    }

    /** {@code applied} with the adopted plain-unit files this plan writes claimed (digest unknown). */
    static AppliedState claim(Plan plan, AppliedState applied, Set<String> adopted) {
        if (adopted.isEmpty()) {
            return applied;
        }
        Map<String, String> files = new HashMap<>(applied.files());
        boolean any = false;
        for (Action a : plan.ofType(ActionType.WRITE_FILE)) {
            String target = a.subject();
            if (target.startsWith(InstalledFile.UNIT_PREFIX) && !files.containsKey(target)
                    && adopted.contains(target.substring(InstalledFile.UNIT_PREFIX.length()))) {
                files.put(target, "");
                any = true;
            }
        }
        return any ? new AppliedState(applied.commit(), files, applied.units()) : applied;
    }
}
