package dev.berth.repo;

import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitName;
import dev.berth.unit.UnitParser;
import dev.berth.unit.UnitSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads and parses unit files and their drop-ins. Each file is read once: a drop-in shared by several
 * units (say {@code container.d/10-log.conf}) is parsed once, so a problem with it is reported once.
 *
 * <p>Reading and parsing are independent from file to file, so they run in parallel, in two rounds:
 * unit files first, then the drop-ins of the units that could be read (a unit that cannot be read is
 * skipped whole, so its drop-ins are neither read nor reported on). Results are gathered in path order,
 * so they do not depend on which thread read what.
 */
final class UnitLoader {

    private final RepositoryTree tree;
    private final ValidationLimits limits;
    private final Reuse reuse;
    private final Map<String, ParsedFile> parsed = new HashMap<>();
    private final List<List<String>> candidatesOfLoaded = new ArrayList<>();

    /** @param reuse what an earlier read of the same checkout found for paths that have not changed since */
    UnitLoader(RepositoryTree tree, ValidationLimits limits, Reuse reuse) {
        this.tree = tree;
        this.limits = limits;
        this.reuse = reuse;
    }

    /** The units that could be read, in the order of {@code found} (path order). */
    List<LoadedUnit> loadAll(Map<String, UnitName> found, List<Problem> problems) {
        parseAll(found.keySet(), problems);
        List<Map.Entry<String, UnitName>> readable = found.entrySet().stream()
                .filter(u -> parsed.get(u.getKey()).file().isPresent())
                .toList();
        List<List<String>> dropInsOfEach = readable.parallelStream()
                .map(u -> DropInResolver.dropInsFor(u.getKey(), u.getValue(), tree))
                .toList();
        TreeSet<String> dropIns = new TreeSet<>();
        dropInsOfEach.forEach(dropIns::addAll);
        parseAll(dropIns, problems);

        List<LoadedUnit> loaded = new ArrayList<>(readable.size());
        for (int i = 0; i < readable.size(); i++) {
            loaded.add(assemble(readable.get(i).getKey(), readable.get(i).getValue(), dropInsOfEach.get(i)));
            candidatesOfLoaded.add(dropInsOfEach.get(i));
        }
        return loaded;
    }

    /** For each unit {@link #loadAll} gave, in its order: the drop-ins that may apply, read or not (its inputs). */
    List<List<String>> dropInCandidates() {
        return candidatesOfLoaded;
    }

    /**
     * One unit loaded again from its file and the drop-ins that may apply, each taken from the earlier read
     * unless it changed; empty when its file can no longer be read. Problems of the files go to no list: the
     * caller takes them from {@link #parsed()}.
     */
    Optional<LoadedUnit> reload(String path, UnitName name, List<String> candidates) {
        List<String> paths = new ArrayList<>(candidates.size() + 1);
        paths.add(path);
        paths.addAll(candidates);
        parseAll(paths, new ArrayList<>());
        return parsed.get(path).file().isPresent() ? Optional.of(assemble(path, name, candidates)) : Optional.empty();
    }

    /**
     * sha256 of every unit file and drop-in that could be read (parsed or not), by repository path, for
     * the same files used as supporting files: they are not read a second time.
     */
    Map<String, String> digestsRead() {
        Map<String, String> out = new HashMap<>();
        parsed.forEach((path, p) -> p.sha256().ifPresent(d -> out.put(path, d)));
        return out;
    }

    /** Every file read and parsed by this read (or reused), by repository path: for the next read's {@link Reuse}. */
    Map<String, ParsedFile> parsed() {
        return parsed;
    }

    private void parseAll(java.util.Collection<String> paths, List<Problem> problems) {
        List<String> unread = paths.stream().filter(p -> !parsed.containsKey(p)).toList();
        // a file unchanged since the earlier read parses as it did then: same path, same bytes, same limits
        List<ParsedFile> results = unread.parallelStream()
                .map(p -> reuse.parsed(p).orElseGet(() -> parse(p)))
                .toList();
        for (int i = 0; i < unread.size(); i++) {
            parsed.put(unread.get(i), results.get(i));
            problems.addAll(results.get(i).problems());
        }
    }

    private LoadedUnit assemble(String path, UnitName name, List<String> dropInPaths) {
        ParsedFile main = parsed.get(path);
        Map<String, String> digests = new LinkedHashMap<>();
        digests.put(path, main.sha256().orElseThrow());
        List<String> applied = new ArrayList<>();
        List<UnitFile> dropIns = new ArrayList<>();
        for (String dropIn : dropInPaths) {
            ParsedFile d = parsed.get(dropIn);
            if (d.file().isPresent()) {
                applied.add(dropIn);
                dropIns.add(d.file().get());
                digests.put(dropIn, d.sha256().orElseThrow());
            }
        }
        return new LoadedUnit(name, path, main.file().get().withDropIns(dropIns), applied, digests);
    }

    /** Reads and parses one file; touches no shared state, so it can run on any thread. */
    private ParsedFile parse(String path) {
        List<Problem> problems = new ArrayList<>();
        Optional<TextFiles.LoadedText> text = TextFiles.readUnitText(tree, path, limits.maxUnitBytes(), problems);
        if (text.isEmpty()) {
            return new ParsedFile(Optional.empty(), Optional.empty(), problems);
        }
        Optional<String> sha256 = Optional.of(text.get().sha256());
        try {
            return new ParsedFile(Optional.of(UnitParser.parse(path, text.get().text())), sha256, problems);
        } catch (UnitSyntaxException e) {
            problems.add(Problem.error(e.file(), e.line(), e.problem()));
        } catch (RuntimeException e) {
            // The parser is another team's code: a bug in it must not take validation down with it.
            problems.add(Problem.error(path, 0, "could not be parsed (" + e + "): please report this as a Berth bug"));
        }
        return new ParsedFile(Optional.empty(), sha256, problems);
    }
}
