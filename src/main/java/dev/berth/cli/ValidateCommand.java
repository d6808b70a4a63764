package dev.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.json.Json;
import dev.berth.repo.Problem;
import dev.berth.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth validate [DIR]}: checks a repository checkout before it is pushed or deployed. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a repository of quadlets and systemd units: syntax, references, supporting files, "
                + "host targeting (berth.toml: unknown groups, selectors and units no declared host gets, dependencies "
                + "per declared host), and (where podman is installed) a quadlet dry run. Exits 1 when there are errors.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "repository folder (default: the current folder)")
    Path dir = Path.of(".");

    @Option(names = "--json", description = "print the problems as JSON")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "also say what was checked and what was skipped")
    boolean verbose;

    @Option(names = "--podman-version", paramLabel = "X.Y", description = "check the quadlets as this Podman release's"
            + " quadlet would (keys and rules differ between 5.4 and 5.8); default: the installed Podman, else the newest"
            + " Berth knows")
    String podmanVersion;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        if (podmanVersion != null && !podmanVersion.strip().matches("\\d+\\.\\d+(\\.\\d+)?")) {
            // a usage error, printed as picocli prints one: throwing its ParameterException here would make every
            // start that uses the AOT cache (--version too) load picocli to check this class, and so open the jar
            PrintWriter err = spec.commandLine().getErr();
            err.println("--podman-version " + podmanVersion + " is not a Podman release: write it like 5.4 or 5.8.2");
            spec.commandLine().usage(err);
            return spec.exitCodeOnInvalidInput();
        }
        var validate = dev.berth.Berth.validate(dir);
        if (podmanVersion != null) {
            validate.podmanVersion(dev.berth.build.PodmanVersion.parse(podmanVersion));
        }
        ValidationReport report = validate.call();
        PrintWriter out = spec.commandLine().getOut();
        if (verbose) {
            report.notes().forEach(n -> spec.commandLine().getErr().println("berth: " + n));
        } else if (report.unitCount() > 0) {
            spec.commandLine().getErr().println("berth: checked against " + report.podman());
        }
        spec.commandLine().getErr().flush();
        if (json) {
            out.println(toJson(report));
        } else {
            report.problems().forEach(out::println);
            out.println(report.summary());
        }
        out.flush();
        return report.hasErrors() ? 1 : 0;
    }

    static String toJson(ValidationReport report) throws JsonProcessingException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("units", report.unitCount());
        doc.put("errors", report.errorCount());
        doc.put("warnings", report.warningCount());
        doc.put("podman", Map.of("version", report.podman().version().text(), "source", report.podman().source().name().toLowerCase(Locale.ROOT)));
        List<Map<String, Object>> problems = report.problems().stream().map(ValidateCommand::toMap).toList();
        doc.put("problems", problems);
        return Json.pretty().writeValueAsString(doc);
    }

    private static Map<String, Object> toMap(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
        m.put("file", p.file());
        m.put("line", p.line());
        m.put("message", p.message());
        return m;
    }
}
