package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.unit.UnitWords;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hides secret values from what the MCP tools show an assistant, wherever Podman or systemd records them:
 * environment values (all of them: a name never says reliably whether its value is secret), the same
 * values inside command lines ({@code podman run -e DB_PASSWORD=...} as podman's {@code CreateCommand}, the
 * {@code ExecStart=} quadlet generates), and labels, annotations, options and {@code KEY=VALUE} arguments
 * whose key looks like a secret's. Podman secrets ({@code --secret NAME,...}, {@code Secret=}) keep their
 * names: a name is what an operator needs, and the value is never in the record. Pure: unit-tested.
 */
public final class SecretRedaction {
    static final String HIDDEN = "(hidden)";
    /** Words in a key that mark its value as a secret (case-insensitive, anywhere in the key). */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(pass|pwd|secret|token|key|credential|auth|cookie|private|signature|salt|session|dsn).*");
    private static final Set<String> ENV_FLAGS = Set.of("-e", "--env");
    private static final Set<String> KEYED_FLAGS = Set.of("-l", "--label", "--annotation");
    /** Podman's own flags whose value is a name, not a secret, though the flag's name looks like one. */
    private static final Set<String> NAMED_FLAGS = Set.of("--secret", "--authfile", "--cert-dir", "--creds-file");
    /** Unit-file keys whose value is a command line. */
    private static final Pattern COMMAND_KEY = Pattern.compile("(Exec[A-Za-z]*|PodmanArgs|GlobalArgs)");

    private SecretRedaction() {
    }

    static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** A command line with every environment value and every secret-looking option or assignment hidden. */
    static List<String> commandLine(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size());
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            String next = i + 1 < argv.size() ? argv.get(i + 1) : null;
            int eq = arg.indexOf('=');
            String flag = arg.startsWith("-") && eq > 0 ? arg.substring(0, eq) : arg;
            String inline = arg.startsWith("-") && eq > 0 ? arg.substring(eq + 1) : null;
            if (NAMED_FLAGS.contains(flag)) {
                out.add(arg); // --secret NAME,type=env,target=API_KEY: a podman secret's name, shown as it is
                if (inline == null && next != null) {
                    out.add(next);
                    i++;
                }
            } else if (ENV_FLAGS.contains(flag) || KEYED_FLAGS.contains(flag)) {
                boolean env = ENV_FLAGS.contains(flag);
                if (inline != null) {
                    out.add(flag + "=" + assignment(inline, env));
                } else {
                    out.add(arg);
                    if (next != null) {
                        out.add(assignment(next, env));
                        i++;
                    }
                }
            } else if (arg.startsWith("-") && isSecretKey(flag.replaceFirst("^-+", ""))) {
                // --password=x, --api-token x: the value of an option named like a secret
                if (inline != null) {
                    out.add(flag + "=" + HIDDEN);
                } else {
                    out.add(arg);
                    if (next != null && !next.startsWith("-")) {
                        out.add(HIDDEN);
                        i++;
                    }
                }
            } else if (!arg.startsWith("-") && eq > 0) {
                out.add(assignment(arg, false)); // DB_PASSWORD=x as an argument (env, a shell, the server's own syntax)
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    /** {@code KEY=VALUE} with the value hidden if {@code always} or the key looks like a secret's. */
    private static String assignment(String kv, boolean always) {
        int eq = kv.indexOf('=');
        if (eq < 0) {
            return kv; // -e NAME passes the caller's value on: nothing recorded here
        }
        return always || isSecretKey(kv.substring(0, eq)) ? kv.substring(0, eq + 1) + HIDDEN : kv;
    }

    /**
     * {@code podman container inspect} of one container, with its secrets hidden in place, wherever in the
     * document podman puts them (labels and annotations appear under {@code Config} and {@code HostConfig}, and
     * may move between versions): every {@code Env} array, every {@code Labels}/{@code Annotations} object and
     * every command-line array, at any depth. Then each secret value found is hidden in every other string too
     * (a health check's command, a mount option), so a value hidden in one place shows nowhere else.
     */
    static void inspect(ObjectNode container) {
        Set<String> values = new java.util.TreeSet<>();
        collectSecretValues(container, values);
        hide(container, values);
    }

    private static final Set<String> COMMAND_FIELDS = Set.of("CreateCommand", "Cmd", "Entrypoint", "Args");
    private static final Set<String> KEYED_FIELDS = Set.of("Labels", "Annotations");
    /** Shorter values are not hunted for elsewhere: they would match by accident, and guessing them is easy anyway. */
    private static final int SHORTEST_HUNTED = 4;

    private static void collectSecretValues(JsonNode node, Set<String> values) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("Env") && e.getValue().isArray()) {
                    e.getValue().forEach(kv -> secretValue(kv.asText(), values));
                } else if (KEYED_FIELDS.contains(e.getKey()) && e.getValue() instanceof ObjectNode map) {
                    map.fields().forEachRemaining(kv -> {
                        if (isSecretKey(kv.getKey())) {
                            hunt(kv.getValue().asText(), values);
                        }
                    });
                } else if (COMMAND_FIELDS.contains(e.getKey()) && e.getValue().isArray()) {
                    e.getValue().forEach(a -> secretValue(a.asText(), values));
                } else {
                    collectSecretValues(e.getValue(), values);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(n -> collectSecretValues(n, values));
        }
    }

    /** The value of a {@code KEY=VALUE} whose key looks like a secret's. */
    private static void secretValue(String kv, Set<String> values) {
        int eq = kv.indexOf('=');
        if (eq > 0 && isSecretKey(kv.substring(0, eq))) {
            hunt(kv.substring(eq + 1), values);
        }
    }

    private static void hunt(String value, Set<String> values) {
        if (value.length() >= SHORTEST_HUNTED && !value.equals(HIDDEN)) {
            values.add(value);
        }
    }

    private static void hide(JsonNode node, Set<String> values) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (e.getKey().equals("Env") && v instanceof ArrayNode env) {
                    for (int i = 0; i < env.size(); i++) {
                        env.set(i, TextNode.valueOf(assignment(env.get(i).asText(), true)));
                    }
                } else if (KEYED_FIELDS.contains(e.getKey()) && v instanceof ObjectNode) {
                    hideSecretKeys(v);
                } else if (COMMAND_FIELDS.contains(e.getKey()) && (v.isArray() || v.isTextual())) {
                    hideArray(o, e.getKey());
                } else if (v.isTextual()) {
                    e.setValue(TextNode.valueOf(scrub(v.asText(), values)));
                    continue;
                } else {
                    hide(v, values);
                    continue;
                }
                hide(o.get(e.getKey()), values);   // what is left in it (an argument the rules let through)
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(scrub(a.get(i).asText(), values)));
                } else {
                    hide(a.get(i), values);
                }
            }
        }
    }

    private static String scrub(String text, Set<String> values) {
        String out = text;
        for (String v : values) {
            out = out.replace(v, HIDDEN);
        }
        return out;
    }

    private static void hideArray(ObjectNode parent, String key) {
        if (parent.path(key) instanceof ArrayNode array) {
            List<String> argv = new ArrayList<>();
            array.forEach(a -> argv.add(a.asText()));
            ArrayNode hidden = parent.putArray(key);
            commandLine(argv).forEach(hidden::add);
        } else if (parent.path(key).isTextual()) {
            parent.put(key, String.join(" ", commandLine(List.of(parent.path(key).asText().split(" ")))));
        }
    }

    private static void hideSecretKeys(JsonNode map) {
        if (map instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSecretKey(e.getKey())) {
                    e.setValue(TextNode.valueOf(HIDDEN));
                }
            }
        }
    }

    /**
     * A unit file (or {@code systemctl cat}) with its secrets hidden: every {@code Environment=} value, the
     * command lines of {@code Exec*=}, {@code PodmanArgs=} and {@code GlobalArgs=}, and {@code Label=} or
     * {@code Annotation=} values with secret-looking keys. Continued lines ({@code \} at the end) are joined.
     */
    public static String unitText(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.replace("\\\n", " ").split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int eq = line.indexOf('=');
            String key = eq > 0 && !line.startsWith("#") && !line.startsWith(";") ? line.substring(0, eq).strip() : "";
            String value = eq > 0 ? line.substring(eq + 1) : "";
            if (key.equals("Environment")) {
                line = key + "=" + String.join(" ", UnitWords.split(value, UnitWords.Mode.ARGUMENTS).stream().map(w -> quoted(assignment(w, true))).toList());
            } else if (key.equals("Label") || key.equals("Annotation")) {
                line = key + "=" + String.join(" ", UnitWords.split(value, UnitWords.Mode.ARGUMENTS).stream().map(w -> quoted(assignment(w, false))).toList());
            } else if (COMMAND_KEY.matcher(key).matches()) {
                line = key + "=" + String.join(" ", commandLine(UnitWords.split(value, UnitWords.Mode.ARGUMENTS)).stream().map(SecretRedaction::quoted).toList());
            }
            out.append(line);
            if (n < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** The word as a unit file would write it; the C escapes the split decoded are written back, so a line stays one line. */
    private static String quoted(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || c == '"' || c == '\'' || c == '\\')) {
            return word;
        }
        StringBuilder out = new StringBuilder("\"");
        word.chars().forEach(c -> out.append(switch (c) {
            case '\\' -> "\\\\";
            case '"' -> "\\\"";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            default -> Character.isISOControl(c) ? String.format("\\x%02x", c) : Character.toString(c);
        }));
        return out.append('"').toString();
    }
}
