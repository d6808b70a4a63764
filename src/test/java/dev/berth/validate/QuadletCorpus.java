package dev.berth.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Podman's own quadlet test files (src/test/resources/quadlet-corpus, see its README) and the manifest
 * that says, per file, which files go with it and whether quadlet of Podman 5.4 and 5.8 accepts it.
 * Each case becomes a repository the way Podman's test harness lays it out: the file, the files it
 * depends on, and its drop-in folders.
 */
final class QuadletCorpus {

    static final String MANIFEST = "/quadlet-corpus/manifest.tsv";
    static final String FILES = "/quadlet-corpus/files";
    static final List<String> VERSIONS = List.of("5.4", "5.8");
    static final Set<String> QUADLET_EXTENSIONS = Set.of("container", "volume", "network", "kube", "image", "build", "pod", "artifact");

    /**
     * One corpus case.
     *
     * @param file          the case's file, relative to the corpus folder
     * @param with          files Podman's test puts next to it (the units it references)
     * @param quadlet       per version in {@link #VERSIONS}: true when quadlet accepts the case
     * @param berthStricter why Berth rejects the case where quadlet accepts it, empty when it must not:
     *                      {@link Stricter#REFERENCE} or {@link Stricter#SAME_SERVICE}
     */
    record Case(String file, List<String> with, List<Boolean> quadlet, Set<Stricter> berthStricter) {

        boolean quadletAccepts(String version) {
            return quadlet.get(VERSIONS.indexOf(version));
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** The reasons Berth may have to reject what quadlet accepts. */
    enum Stricter {
        /** the case names a unit or file that a repository of this one file (and its "with" files) does not hold */
        REFERENCE("reference"),
        /** two of the case's units become the same service (basic.container and basic.kube both make basic.service):
         *  quadlet writes one over the other */
        SAME_SERVICE("same-service");

        final String word;

        Stricter(String word) {
            this.word = word;
        }

        static Stricter of(String word) {
            for (Stricter s : values()) {
                if (s.word.equals(word)) {
                    return s;
                }
            }
            throw new IllegalStateException("berth-stricter is reference or same-service, not '" + word + "'");
        }
    }

    private QuadletCorpus() {
    }

    static Path files() {
        try {
            return Path.of(QuadletCorpus.class.getResource(FILES).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        try (InputStream in = QuadletCorpus.class.getResourceAsStream(MANIFEST)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 5) {
                    throw new IllegalStateException("manifest line has " + f.length + " columns, not 5: " + line);
                }
                out.add(new Case(f[0], list(f[1]), List.of(verdict(f[2], line), verdict(f[3], line)), list(f[4]).stream().map(Stricter::of).collect(java.util.stream.Collectors.toUnmodifiableSet())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every quadlet file of the corpus (drop-ins and YAML are not cases), relative to its folder. */
    static List<String> unitFiles() {
        try (Stream<Path> walk = Files.walk(files())) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> files().relativize(p).toString())
                    .filter(p -> !p.contains(".d/"))
                    .filter(p -> QUADLET_EXTENSIONS.contains(p.substring(p.lastIndexOf('.') + 1)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays out {@code c} in {@code dir} as Podman's test harness does, and returns dir. */
    static Path layOut(Case c, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : concat(c.file(), c.with())) {
            Files.copy(files().resolve(f), dir.resolve(Path.of(f).getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        String name = Path.of(c.file()).getFileName().toString();
        List<String> dropIns = new ArrayList<>(List.of(name + ".d"));
        int at = name.indexOf('@');
        int dot = name.lastIndexOf('.');
        if (at > 0 && at + 1 < dot) { // an instance: its template's drop-ins apply too
            dropIns.add(name.substring(0, at + 1) + name.substring(dot) + ".d");
        }
        for (String d : dropIns) {
            Path from = files().resolve(d);
            if (Files.isDirectory(from)) {
                try (Stream<Path> walk = Files.walk(from)) {
                    for (Path p : walk.toList()) {
                        Path to = dir.resolve(d).resolve(from.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
        return dir;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static List<String> list(String field) {
        return field.equals("-") ? List.of() : Arrays.asList(field.split(","));
    }

    private static boolean verdict(String field, String line) {
        return switch (field) {
            case "accept" -> true;
            case "reject" -> false;
            default -> throw new IllegalStateException("verdict is accept or reject, not '" + field + "': " + line);
        };
    }
}
