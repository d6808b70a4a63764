package dev.berth.apply;

import dev.berth.host.HostLayout;
import dev.berth.state.AppliedState;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The files Berth recorded, as they are on disk now: what the planner compares against for drift. */
public final class ObservedFiles {

    private ObservedFiles() {
    }

    /** target → sha256 on disk; missing files are absent from the map, unreadable ones never match. */
    public static Map<String, String> of(HostLayout layout, AppliedState applied) {
        Map<String, String> observed = new HashMap<>();
        for (String target : applied.files().keySet()) {
            try {
                // hashed again only when its stamp changed, or on the full check's interval (InstalledFileHashes)
                InstalledFileHashes.PROCESS.sha256(layout.pathOf(target)).ifPresent(sha -> observed.put(target, sha));
            } catch (IOException e) {
                // unreadable counts as changed: the planner rewrites it
                observed.put(target, "unreadable");
            }
        }
        return observed;
    }
}
