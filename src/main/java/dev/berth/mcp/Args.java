package dev.berth.mcp;

import java.util.Map;
import java.util.regex.Pattern;

/** A tool call's arguments, read with type checks: a wrong type is a failure the caller can act on, not a crash. */
public final class Args {
    /** Names of containers, images, units: no option-looking or shell-looking input ever reaches podman or systemctl. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,254}");

    private final Map<String, Object> values;

    public Args(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    public String string(String name) throws ToolFailure {
        Object v = values.get(name);
        if (v == null) {
            throw new ToolFailure("missing argument '" + name + "'");
        }
        if (!(v instanceof String s)) {
            throw new ToolFailure("argument '" + name + "' must be a string, got " + typeOf(v));
        }
        return s;
    }

    public String optionalString(String name) throws ToolFailure {
        return values.get(name) == null ? null : string(name);
    }

    /** A name handed to podman or systemctl. */
    public String name(String name) throws ToolFailure {
        String s = string(name);
        if (!SAFE_NAME.matcher(s).matches()) {
            throw new ToolFailure("argument '" + name + "' is not a valid name: " + abbreviate(s)
                    + " (letters, digits and . _ : @ / + - only, not starting with a sign)");
        }
        return s;
    }

    public int integer(String name, int fallback, int min, int max) throws ToolFailure {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new ToolFailure("argument '" + name + "' must be an integer, got " + typeOf(v));
        }
        long l = n.longValue();
        if (l < min || l > max) {
            throw new ToolFailure("argument '" + name + "' must be between " + min + " and " + max + ", got " + l);
        }
        return (int) l;
    }

    public boolean bool(String name, boolean fallback) throws ToolFailure {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new ToolFailure("argument '" + name + "' must be true or false, got " + typeOf(v));
        }
        return b;
    }

    private static String typeOf(Object v) {
        return v instanceof Number ? "a number" : v instanceof String ? "a string" : v instanceof Boolean ? "a boolean"
                : v instanceof Map ? "an object" : v instanceof java.util.List ? "an array" : v.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? "'" + s.substring(0, 60) + "...'" : "'" + s + "'";
    }
}
