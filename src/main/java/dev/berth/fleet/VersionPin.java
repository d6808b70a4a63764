package dev.berth.fleet;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Berth version a repository asks for: {@code [berth] version = "0.1.0"} in berth.toml, exact, or a prefix ending
 * in {@code .*} ({@code "0.1.*"}: any 0.1 release). Checked at every sync before anything else of the commit is read,
 * so an older Berth meeting a repository written for a newer one says which version to install rather than
 * stumbling over what it does not know.
 *
 * @param wanted what berth.toml says
 * @param line   its line in berth.toml (for messages)
 */
public record VersionPin(String wanted, int line) {
    /** A version as the package stamps them (0.1.0, 0.1.0-SNAPSHOT, 0.1.1~rc1+build), or such a prefix then {@code .*}. */
    static final Pattern SYNTAX = Pattern.compile("[0-9][A-Za-z0-9.+~-]*(\\.\\*)?");

    /** The version of the Berth that runs (the jar's Implementation-Version), or "dev" for classes not built into the jar. */
    public static String running() {
        String v = VersionPin.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * The pin of the repository folder {@code root}, if its berth.toml has a well-formed one. Reads nothing else of the
     * file and forgives everything else in it: a malformed file or pin is for {@link FleetFileReader} to report.
     */
    public static Optional<VersionPin> read(Path root) {
        Path file = root.resolve(FleetFile.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file);
            JsonNode version = FleetFileReader.Toml.MAPPER.readTree(text).path("berth").path("version");
            if (!version.isTextual() || !SYNTAX.matcher(version.asText()).matches()) {
                return Optional.empty();
            }
            return Optional.of(new VersionPin(version.asText(), lineOf(text)));
        } catch (JacksonException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when Berth {@code version} is what this pin asks for. */
    public boolean admits(String version) {
        return wanted.endsWith(".*") ? version.startsWith(wanted.substring(0, wanted.length() - 1)) : version.equals(wanted);
    }

    /** Why a sync by Berth {@code running} is refused, and what to do about it. */
    public String refusal(String commit, String running) {
        return "commit " + commit + " is refused: " + FleetFile.FILE_NAME + " line " + line + " asks for Berth " + wanted
                + ", this host runs Berth " + running + ". Install Berth " + wanted + " on this host (then the next sync"
                + " applies it), or change [berth] version in the repository. Nothing was changed.";
    }

    /** The line of {@code version =} in the [berth] table (1-based; 0 when not found). */
    private static int lineOf(String text) {
        String[] lines = text.split("\n", -1);
        boolean inBerth = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("[")) {
                inBerth = l.replace(" ", "").equals("[berth]");
            } else if (inBerth && l.matches("version\\s*=.*")) {
                return i + 1;
            }
        }
        return 0;
    }
}
