package dev.berth.git;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The names a commit's tree may hold, for Berth to write it into a folder. Git's own tools never make the
 * others, but {@code git mktree} does, and a path made of them leaves the export folder: {@code ../../etc}.
 */
public final class TreePaths {

    private TreePaths() {
    }

    /**
     * Why the tree path (entries joined by {@code /}) may not be written, or empty when it may: it holds an
     * empty name, {@code .}, {@code ..} or {@code .git} (in any case, as git itself refuses it).
     */
    public static Optional<String> problem(String path) {
        for (String name : path.split("/", -1)) {
            Optional<String> p = nameProblem(name);
            if (p.isPresent()) {
                return Optional.of("'" + path + "' holds " + p.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("an empty name");
        }
        if (name.equals(".")) {
            return Optional.of("an entry named '.'");
        }
        if (name.equals("..")) {
            return Optional.of("an entry named '..', which leads out of the folder it is written to");
        }
        if (name.toLowerCase(Locale.ROOT).equals(".git")) {
            return Optional.of("an entry named '" + name + "', the name of git's own folder");
        }
        return Optional.empty();
    }

    /**
     * Where {@code path} goes under {@code root}, refusing a path that does not stay inside it once
     * normalised (the last line of defence: {@link #problem} already refuses the names that could).
     */
    public static Path inside(Path root, String path) throws UnsafeTreeException {
        Optional<String> p = problem(path);
        if (p.isPresent()) {
            throw new UnsafeTreeException(p.get());
        }
        Path out = root.resolve(path).normalize();
        if (!out.startsWith(root.normalize()) || out.equals(root.normalize())) {
            throw new UnsafeTreeException("'" + path + "' leads out of " + root);
        }
        return out;
    }
}
