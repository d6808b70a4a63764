package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.build.GeneratedFiles;
import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Writes the target commit's files into a checkout folder of the state folder: {@code current} for a sync,
 * {@code preview} for a dry run (the deployed checkout stays as it is), {@code rollback} for the automatic rollback.
 */
final class ExportCommit implements Step {
    static final String CURRENT = "current";

    @Override
    public String name() {
        return "export";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.CONFIG, Fact.TARGET);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of(Fact.CHECKOUT);
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        String commit = run.target().id();
        String subPath = run.subPath();
        Path checkouts = parts.store().checkoutsDir();
        try {
            if (!run.followed()) {
                Path checkout = checkouts.resolve("rollback");
                GeneratedFiles.removeAll(checkout); // an earlier rollback's list would otherwise grow into this one's
                run.source().export(commit, subPath, checkout);
                run.checkout(checkout);
            } else if (run.dryRun()) {
                Path checkout = checkouts.resolve("preview");
                run.source().export(commit, subPath, checkout);
                run.checkout(checkout);
            } else {
                Path checkout = checkouts.resolve(CURRENT);
                run.checkout(checkout, exportIfNeeded(run.source(), commit, subPath, checkout));
            }
        } catch (GitException | IOException e) {
            return Outcomes.failed(run, parts, null, run.followed() ? e.getMessage()
                    : "cannot export the last good commit for the rollback: " + e.getMessage());
        }
        return Flow.NEXT;
    }

    // Re-exporting an unchanged commit is the bulk of a no-change sync; a marker records what is there.
    // True when the folder was exported now (then it is exactly the commit's tree, not a folder kept from before).
    private static boolean exportIfNeeded(GitSource source, String commit, String path, Path checkout) throws GitException {
        Path marker = checkout.resolveSibling(CURRENT + ".commit");
        String want = commit + " " + path;
        try {
            if (Files.isDirectory(checkout) && Files.exists(marker) && Files.readString(marker).equals(want)) {
                GeneratedFiles.removeAll(checkout); // the build step adds them again, for this sync
                return false;
            }
            Files.deleteIfExists(marker);
            GeneratedFiles.removeAll(checkout); // and the list: it describes the checkout being replaced
            source.export(commit, path, checkout);
            Files.writeString(marker, want);
            return true;
        } catch (IOException e) {
            throw new GitException("cannot export commit " + commit + ": " + e.getMessage(), e);
        }
    }
}
