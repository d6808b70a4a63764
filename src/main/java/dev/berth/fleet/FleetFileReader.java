package dev.berth.fleet;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.berth.repo.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code berth.toml}. Never throws for what the file holds: a file that cannot be used becomes an
 * error {@link Problem} naming the key and what to write instead, and the result is then {@link FleetFile#NONE}.
 */
public final class FleetFileReader {

    /**
     * Made on first use, so a repository without berth.toml (and {@code berth validate} of one) loads no TOML parser;
     * shared with {@link VersionPin}, which reads the same file first.
     */
    static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }
    private static final Set<String> TOP_KEYS = Set.of("default", "hosts", "groups", "rules", "berth");
    private static final Set<String> RULE_KEYS = Set.of("units", "hosts", "groups", "labels");

    private final List<Problem> problems = new ArrayList<>();
    private final String text;

    private FleetFileReader(String text) {
        this.text = text;
    }

    public record Result(FleetFile file, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    /** Reads {@code root/berth.toml}; a repository without one gets {@link FleetFile#NONE}. */
    public static Result read(Path root) {
        Path file = root.resolve(FleetFile.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new Result(FleetFile.NONE, List.of());
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return new Result(FleetFile.NONE, List.of(Problem.error(FleetFile.FILE_NAME, 0,
                    "cannot be read (" + e.getMessage() + "): it must be UTF-8 text")));
        }
    }

    public static Result parse(String text) {
        FleetFileReader r = new FleetFileReader(text);
        FleetFile file = r.parseFile();
        boolean bad = r.problems.stream().anyMatch(Problem::isError);
        return new Result(bad ? FleetFile.NONE : file, r.problems);
    }

    /** [berth] version = "0.1.0" (or "0.1.*"): checked at each sync by {@link VersionPin}; here only its form. */
    private void checkVersionPin(JsonNode berth) {
        if (berth == null) {
            return;
        }
        if (!berth.isObject()) {
            error(lineOf("berth"), "berth = " + berth + ": write a table, [berth] then version = \"0.1.0\"");
            return;
        }
        for (Iterator<String> it = berth.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            JsonNode v = berth.get(k);
            if (!k.equals("version")) {
                error(lineOf("[berth"), "[berth]: unknown key '" + k + "': [berth] has only version = \"0.1.0\"");
            } else if (!v.isTextual() || !VersionPin.SYNTAX.matcher(v.asText()).matches()) {
                error(lineOf("version"), "[berth] version = " + v + ": write the Berth version this repository needs, as a string:"
                        + " version = \"0.1.0\" (exactly) or version = \"0.1.*\" (any 0.1 release)");
            }
        }
    }

    private FleetFile parseFile() {
        JsonNode root;
        try {
            root = Toml.MAPPER.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            error(line, "is not valid TOML: " + e.getOriginalMessage());
            return FleetFile.NONE;
        }
        if (root == null || !root.isObject()) {
            return new FleetFile(Map.of(), Map.of(), List.of(), true, true);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                error(lineOf(key), "unknown key '" + key + "': berth.toml knows default, [berth], [hosts.NAME], [groups.NAME] and [[rules]]");
            }
        }
        checkVersionPin(root.get("berth"));
        boolean defaultAll = true;
        JsonNode def = root.get("default");
        if (def != null) {
            if (def.isTextual() && (def.asText().equals("all") || def.asText().equals("none"))) {
                defaultAll = def.asText().equals("all");
            } else {
                error(lineOf("default"), "default = " + def + ": write default = \"all\" (units no rule places run on every host)"
                        + " or default = \"none\" (they run nowhere)");
            }
        }
        Map<String, Map<String, String>> hosts = new LinkedHashMap<>();
        forEachTable(root, "hosts", (name, node) -> {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("labels")) {
                    error(lineOf("[hosts." + name), "[hosts." + name + "]: unknown key '" + k + "': a host has only labels = { key = \"value\" }");
                }
            }
            hosts.put(name, labels(node.get("labels"), "[hosts." + name + "] labels"));
        });
        Map<String, Group> groups = new LinkedHashMap<>();
        forEachTable(root, "groups", (name, node) -> {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("labels") && !k.equals("hosts")) {
                    error(lineOf("[groups." + name), "[groups." + name + "]: unknown key '" + k + "': a group has hosts = [...] and/or labels = {...}");
                }
            }
            Group g = new Group(name, strings(node.get("hosts"), "[groups." + name + "] hosts"),
                    labels(node.get("labels"), "[groups." + name + "] labels"));
            if (g.hosts().isEmpty() && g.labels().isEmpty()) {
                error(lineOf("[groups." + name), "[groups." + name + "] has no members: give hosts = [\"name\", ...] or labels = { key = \"value\" }");
            }
            groups.put(name, g);
        });
        List<Rule> rules = new ArrayList<>();
        JsonNode rulesNode = root.get("rules");
        if (rulesNode != null) {
            if (!rulesNode.isArray()) {
                error(lineOf("rules"), "rules must be a list of tables: write each rule as [[rules]] with units = [...] and hosts, groups or labels");
            } else {
                List<Integer> lines = linesOf("[[rules]]");
                for (int i = 0; i < rulesNode.size(); i++) {
                    int line = i < lines.size() ? lines.get(i) : 0;
                    rules.add(rule(i + 1, rulesNode.get(i), line));
                }
            }
        }
        return new FleetFile(hosts, groups, rules, defaultAll, true);
    }

    private Rule rule(int number, JsonNode node, int line) {
        String where = "rule " + number;
        if (!node.isObject()) {
            error(line, where + " is not a table: write it as [[rules]] followed by units = [...] and hosts, groups or labels");
            return new Rule(number, List.of(), Selector.NONE, line);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!RULE_KEYS.contains(k)) {
                error(line, where + ": unknown key '" + k + "': a rule has units, hosts, groups and labels");
            }
        }
        List<String> units = strings(node.get("units"), where + " units");
        if (units.isEmpty()) {
            error(line, where + " covers no unit: give units = [\"web/**\", \"*.timer\", \"db.container\"]");
        }
        for (String u : units) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + u);
            } catch (RuntimeException e) {
                error(line, where + ": '" + u + "' is not a glob pattern (" + e.getMessage() + ")");
            }
        }
        Selector s = new Selector(strings(node.get("hosts"), where + " hosts"), strings(node.get("groups"), where + " groups"),
                labels(node.get("labels"), where + " labels"));
        if (s.isEmpty()) {
            error(line, where + " sends its units to no host: give hosts = [...], groups = [...] or labels = {...}");
        }
        return new Rule(number, units, s, line);
    }

    private void forEachTable(JsonNode root, String key, java.util.function.BiConsumer<String, JsonNode> each) {
        JsonNode node = root.get(key);
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            error(lineOf(key), key + " must be tables: write [" + key + ".NAME]");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                error(lineOf(key), key + "." + e.getKey() + " must be a table: write [" + key + "." + e.getKey() + "]");
            } else {
                each.accept(e.getKey(), e.getValue());
            }
        }
    }

    private List<String> strings(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (n.isTextual() && !n.asText().isBlank()) {
                    out.add(n.asText());
                } else {
                    error(0, where + ": " + n + " is not a name: write a list of quoted strings");
                }
            }
        } else {
            error(0, where + " must be a list of quoted strings, e.g. [\"a\", \"b\"]");
        }
        return out;
    }

    private Map<String, String> labels(JsonNode node, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            error(0, where + " must be a table of labels, e.g. labels = { role = \"edge\", site = \"berlin\" }");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                error(0, where + ": label " + e.getKey() + " must be a plain value, e.g. " + e.getKey() + " = \"edge\"");
            }
        }
        return out;
    }

    private void error(int line, String message) {
        problems.add(Problem.error(FleetFile.FILE_NAME, line, message));
    }

    /** Line of the first line starting with {@code prefix} (after blanks), for messages; 0 if none. */
    private int lineOf(String prefix) {
        List<Integer> l = linesOf(prefix);
        return l.isEmpty() ? 0 : l.get(0);
    }

    private List<Integer> linesOf(String prefix) {
        List<Integer> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith(prefix)) {
                out.add(i + 1);
            }
        }
        return out;
    }
}
