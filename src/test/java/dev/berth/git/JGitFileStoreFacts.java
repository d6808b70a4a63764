package dev.berth.git;

import java.nio.file.Path;
import org.eclipse.jgit.util.FS;

/**
 * Run in a JVM of its own by {@link JGitOwnConfigTest} (JGit keeps its file-system facts per process): prints the
 * timestamp facts JGit uses for a folder, in milliseconds, with Berth's set-up of JGit ({@code berth}) or without.
 */
public final class JGitFileStoreFacts {
    private JGitFileStoreFacts() {
    }

    public static void main(String[] args) throws Exception {
        if (args[1].equals("berth")) {
            JGitHostFacts.tellOnce();
        } else {
            FS.FileStoreAttributes.setBackground(true); // as Berth had it before: JGit measures on a thread of its own
        }
        FS.FileStoreAttributes facts = FS.FileStoreAttributes.get(Path.of(args[0]));
        System.out.println(facts.getFsTimestampResolution().toMillis() + " " + facts.getMinimalRacyInterval().toMillis());
    }
}
