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

/**
 * Reads and parses unit files and their drop-ins. A drop-in shared by several units (say
 * {@code container.d/10-log.conf}) is read once, so a problem with it is reported once.
 */
final class UnitLoader {

    private final RepositoryTree tree;
    private final ValidationLimits limits;
    private final List<Problem> problems;
    private final Map<String, Optional<Parsed>> cache = new HashMap<>();

    UnitLoader(RepositoryTree tree, ValidationLimits limits, List<Problem> problems) {
        this.tree = tree;
        this.limits = limits;
        this.problems = problems;
    }

    Optional<LoadedUnit> load(String path, UnitName name) {
        Optional<Parsed> main = parse(path);
        if (main.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> digests = new LinkedHashMap<>();
        digests.put(path, main.get().sha256());
        List<String> applied = new ArrayList<>();
        List<UnitFile> dropIns = new ArrayList<>();
        for (String dropIn : DropInResolver.dropInsFor(path, name, tree)) {
            Optional<Parsed> d = parse(dropIn);
            if (d.isPresent()) {
                applied.add(dropIn);
                dropIns.add(d.get().file());
                digests.put(dropIn, d.get().sha256());
            }
        }
        return Optional.of(new LoadedUnit(name, path, main.get().file().withDropIns(dropIns), applied, digests));
    }

    private Optional<Parsed> parse(String path) {
        return cache.computeIfAbsent(path, p -> TextFiles.readUnitText(tree, p, limits.maxUnitBytes(), problems).flatMap(text -> {
            try {
                return Optional.of(new Parsed(UnitParser.parse(p, text.text()), text.sha256()));
            } catch (UnitSyntaxException e) {
                problems.add(Problem.error(e.file(), e.line(), e.problem()));
                return Optional.empty();
            } catch (RuntimeException e) {
                // The parser is another team's code: a bug in it must not take validation down with it.
                problems.add(Problem.error(p, 0, "could not be parsed (" + e + "): please report this as a Berth bug"));
                return Optional.empty();
            }
        }));
    }

    private record Parsed(UnitFile file, String sha256) {
    }
}
