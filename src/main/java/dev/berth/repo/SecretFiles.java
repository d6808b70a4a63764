package dev.berth.repo;

import dev.berth.unit.Entry;
import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitKind;
import dev.berth.unit.UnitName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The repository's encrypted secrets: a file {@code NAME.age} anywhere in the repository defines the Podman
 * secret {@code NAME}, and a container that says {@code Secret=NAME[,options]} uses it, so the encrypted
 * file is one of that container's supporting files (a changed secret restarts exactly the units using it).
 */
public final class SecretFiles {
    public static final String EXTENSION = ".age";
    /**
     * Largest {@code .age} file: Podman keeps a secret under 512,000 bytes, and age adds a header and 16 bytes
     * per 64 KiB, so a real secret's file is far smaller. Bigger ones are refused before they are read.
     */
    public static final long MAX_AGE_BYTES = 1L << 20;
    // what podman accepts as a secret name, kept to characters that are safe in a file name as well
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,252}");

    private SecretFiles() {
    }

    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Secret name → repository path of its {@code .age} file; bad names and duplicates become errors. */
    public static Map<String, String> index(RepositoryTree tree, List<Problem> problems) {
        Map<String, String> byName = new TreeMap<>();
        Map<String, List<String>> all = new TreeMap<>();
        for (String path : tree.files()) {
            String fileName = RepoPaths.fileName(path);
            if (!fileName.endsWith(EXTENSION)) {
                continue;
            }
            String name = fileName.substring(0, fileName.length() - EXTENSION.length());
            if (!isValidName(name)) {
                problems.add(Problem.error(path, 0, "'" + name + "' is not a valid secret name (a file NAME.age defines the"
                        + " Podman secret NAME): use letters, digits, '_', '.' and '-', starting with a letter or digit"));
                continue;
            }
            long size = sizeOf(tree, path);
            if (size > MAX_AGE_BYTES) {
                problems.add(Problem.error(path, 0, "is " + size + " bytes, over the limit of " + (MAX_AGE_BYTES >> 20)
                        + " MiB for a .age file (Podman keeps secrets under 512,000 bytes): encrypt only the secret's value"
                        + " ('berth secret encrypt'), or remove the file"));
            }
            all.computeIfAbsent(name, n -> new ArrayList<>()).add(path);
        }
        all.forEach((name, paths) -> {
            if (paths.size() > 1) {
                for (String p : paths) {
                    problems.add(Problem.error(p, 0, "defines the secret '" + name + "' again (also in "
                            + String.join(", ", paths.stream().filter(o -> !o.equals(p)).toList())
                            + "): each secret name may have one .age file; remove or rename one"));
                }
            } else {
                byName.put(name, paths.get(0));
            }
        });
        return byName;
    }

    private static long sizeOf(RepositoryTree tree, String path) {
        try {
            return java.nio.file.Files.size(tree.resolve(path));
        } catch (java.io.IOException e) {
            return 0; // reading it reports the problem, naming the file
        }
    }

    /** The secret names a container's {@code Secret=} lines use, in order: {@code Secret=NAME[,type=env,...]}. */
    public static List<String> usedBy(UnitName name, UnitFile unit) {
        if (name.kind() != UnitKind.CONTAINER) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : EffectiveEntries.list(unit, name.kind().mainSection(), "Secret")) {
            String v = e.value().strip();
            int comma = v.indexOf(',');
            String secret = (comma < 0 ? v : v.substring(0, comma)).strip();
            if (!secret.isEmpty()) {
                names.add(secret);
            }
        }
        return List.copyOf(names);
    }
}
