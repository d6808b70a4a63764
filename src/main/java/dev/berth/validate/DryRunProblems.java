package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryScan;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the quadlet generator's stderr into problems. Its messages look like
 * {@code quadlet-generator[42]: converting "web.container": no Image or Rootfs key specified}; the
 * quoted name (or path) tells which unit, and quadlet gives no line numbers.
 */
final class DryRunProblems {

    private static final Pattern PREFIX = Pattern.compile("^[\\w.-]*quadlet[\\w.-]*(\\[\\d+\\])?:\\s*");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    /** Progress quadlet prints for every unit (seen with podman 5.4): not a problem. */
    private static final Pattern INFO = Pattern.compile("^(Loading source unit file|Skipping|Generated|Writing) ");

    private DryRunProblems() {
    }

    static List<Problem> of(QuadletGenerator.DryRun run, RepositoryScan scan, String rootPrefix) {
        List<Problem> out = new ArrayList<>();
        for (String line : run.messages()) {
            String message = PREFIX.matcher(line).replaceFirst("");
            if (INFO.matcher(message).find() || message.isBlank()) {
                continue;
            }
            String file = fileNamed(message, scan, rootPrefix);
            String text = "quadlet: " + message;
            out.add(run.exitCode() == 0 ? Problem.warning(file, 0, text) : Problem.error(file, 0, text));
        }
        if (run.exitCode() != 0 && out.isEmpty()) {
            out.add(Problem.error(".", 0, "quadlet dry run failed (exit code " + run.exitCode() + ") without saying why: run "
                    + run.command() + " to see more"));
        }
        return out;
    }

    private static String fileNamed(String message, RepositoryScan scan, String rootPrefix) {
        Matcher m = QUOTED.matcher(message);
        while (m.find()) {
            String quoted = m.group(1);
            if (quoted.startsWith(rootPrefix)) {
                return quoted.substring(rootPrefix.length());
            }
            String name = quoted.substring(quoted.lastIndexOf('/') + 1);
            for (String path : scan.unitPaths()) {
                if (path.equals(quoted) || path.endsWith("/" + name) || path.equals(name)) {
                    return path;
                }
            }
        }
        return ".";
    }
}
