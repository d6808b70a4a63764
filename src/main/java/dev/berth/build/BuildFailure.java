package dev.berth.build;

import java.util.List;

/**
 * Reads a failed {@code podman build}'s output for the step that failed and Podman's error line, so the
 * message names both ("failed at STEP 2/3: COPY missing.txt /x: Error: ...").
 */
final class BuildFailure {

    private BuildFailure() {
    }

    static String describe(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String step = null;
        String error = null;
        for (String line : lines) {
            if (line.startsWith("STEP ") || line.startsWith("[") && line.contains("] STEP ")) {
                step = line.substring(line.indexOf("STEP "));
            } else if (line.startsWith("Error:") || line.startsWith("error ") || line.startsWith("Error ")) {
                error = line;
            }
        }
        if (error == null && !lines.isEmpty()) {
            error = lines.get(lines.size() - 1);
        }
        String where = step == null ? "before its first step" : "at " + step;
        return "failed " + where + (error == null ? "" : ": " + error);
    }
}
