package dev.berth.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The files Berth generated into an exported checkout (the reproducible-build drop-ins), listed next to it
 * in {@code NAME.generated}. A checkout reused for the same commit must look exactly like the commit again,
 * or the next read takes Berth's own drop-in for one the repository holds, and refuses it.
 */
public final class GeneratedFiles {
    private GeneratedFiles() {
    }

    static Path listOf(Path checkout) {
        return checkout.resolveSibling(checkout.getFileName() + ".generated");
    }

    /** Adds these repository-relative paths to the checkout's list (written before the files themselves). */
    static void record(Path checkout, Collection<String> paths) throws IOException {
        Set<String> all = new LinkedHashSet<>(read(checkout));
        all.addAll(paths);
        Files.writeString(listOf(checkout), String.join("\n", all) + "\n", StandardCharsets.UTF_8);
    }

    /** Deletes every generated file from the checkout, then the list: the checkout is the commit's again. */
    public static void removeAll(Path checkout) throws IOException {
        for (String path : read(checkout)) {
            Path p = checkout.resolve(path).normalize();
            if (p.startsWith(checkout)) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(listOf(checkout));
    }

    private static Set<String> read(Path checkout) throws IOException {
        try {
            Set<String> out = new LinkedHashSet<>();
            for (String line : Files.readAllLines(listOf(checkout), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            return Set.of();
        }
    }
}
