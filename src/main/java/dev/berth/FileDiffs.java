package dev.berth;

import dev.berth.apply.SyncOutcome;
import dev.berth.git.UnifiedDiff;
import dev.berth.host.HostLayout;
import dev.berth.plan.Action;
import dev.berth.plan.ActionType;
import dev.berth.repo.InstalledFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The unified diff of every file a planned sync would write or remove: what {@code berth diff} and the console show. */
public final class FileDiffs {
    private FileDiffs() {
    }

    /** One file's change: its target as the plan names it, and the unified diff (empty when the bytes are equal). */
    public record FileDiff(String target, String unified) {
    }

    /** @param planned a dry run's outcome, with its plan and checkout */
    public static List<FileDiff> of(HostLayout layout, SyncOutcome planned) throws IOException {
        List<FileDiff> diffs = new ArrayList<>();
        for (Action a : planned.plan().actions()) {
            if (a.type() == ActionType.WRITE_FILE || a.type() == ActionType.REMOVE_FILE) {
                Path onHost = layout.pathOf(a.subject());
                byte[] before = Files.isRegularFile(onHost) ? Files.readAllBytes(onHost) : new byte[0];
                InstalledFile f = planned.desired().files().get(a.subject());
                byte[] after = f == null ? new byte[0] : Files.readAllBytes(planned.checkout().resolve(f.source()));
                diffs.add(new FileDiff(a.subject(), UnifiedDiff.of(before.length == 0 ? "/dev/null" : onHost.toString(), before,
                        f == null ? "/dev/null" : "repository/" + f.source(), after)));
            }
        }
        return diffs;
    }
}
