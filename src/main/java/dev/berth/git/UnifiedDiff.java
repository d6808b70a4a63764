package dev.berth.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A unified diff of two versions of a file, with JGit's histogram diff. */
public final class UnifiedDiff {

    private UnifiedDiff() {
    }

    public static String of(String oldLabel, byte[] before, String newLabel, byte[] after) {
        RawText a = new RawText(before);
        RawText b = new RawText(after);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.format(edits, a, b);
            f.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (edits.isEmpty()) {
            return "";
        }
        return "--- " + oldLabel + "\n+++ " + newLabel + "\n" + out.toString(StandardCharsets.UTF_8);
    }
}
