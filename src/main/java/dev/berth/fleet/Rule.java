package dev.berth.fleet;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * One {@code [[rules]]} entry of {@code berth.toml}: the units it covers and the hosts that get them.
 *
 * @param number 1-based position in the file (rules are tried in order; the first that covers a unit wins)
 * @param units  glob patterns: a pattern with a {@code /} is matched against the unit's path in the
 *               repository ({@code web/**}), one without against its file name ({@code *.timer})
 * @param line   line of the rule in berth.toml, for messages (0 when unknown)
 */
public record Rule(int number, List<String> units, Selector selector, int line) {

    public Rule {
        units = List.copyOf(units);
    }

    /** The rule with its patterns compiled, for matching many units. */
    public Compiled compile() {
        List<PathMatcher> matchers = units.stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p))
                .toList();
        List<Boolean> byPath = units.stream().map(p -> p.contains("/")).toList();
        return new Compiled(this, matchers, byPath);
    }

    public record Compiled(Rule rule, List<PathMatcher> matchers, List<Boolean> byPath) {

        public boolean covers(String unitPath, String fileName) {
            for (int i = 0; i < matchers.size(); i++) {
                Path p = Path.of(byPath.get(i) ? unitPath : fileName);
                if (matchers.get(i).matches(p)) {
                    return true;
                }
            }
            return false;
        }
    }
}
