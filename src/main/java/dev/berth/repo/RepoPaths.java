package dev.berth.repo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Repository-relative paths ({@code /}-separated, {@code ""} for the root) and how relative references join them. */
final class RepoPaths {

    private RepoPaths() {
    }

    /** The folder a repository path is in: {@code ""} for a file at the root. */
    static String parent(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    static String fileName(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /**
     * {@code value} resolved against {@code baseDir} and normalised ({@code .} and {@code ..} removed);
     * empty when the result would leave the repository.
     */
    static Optional<String> resolve(String baseDir, String value) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : (baseDir + "/" + value).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return Optional.of(String.join("/", parts));
    }
}
