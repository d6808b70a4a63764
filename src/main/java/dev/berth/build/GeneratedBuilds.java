package dev.berth.build;

import dev.berth.failure.FailureKind;
import dev.berth.host.ProcessResult;
import dev.berth.host.ProcessRunner;
import dev.berth.unit.UnitWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code podman build} command lines quadlet generates for the {@code .build} units of a folder. Asking
 * quadlet itself ({@code QUADLET_UNIT_DIRS=DIR quadlet -dryrun}) means Berth builds with exactly the flags,
 * context and tag the unit uses, whatever keys it sets.
 */
public final class GeneratedBuilds {
    private static final List<Path> QUADLET = List.of(
            Path.of("/usr/libexec/podman/quadlet"),
            Path.of("/usr/lib/systemd/system-generators/podman-system-generator"));

    private final ProcessRunner runner;

    public GeneratedBuilds(ProcessRunner runner) {
        this.runner = runner;
    }

    /** The build commands of the {@code .build} units under {@code dir}, by generated service name. */
    public Map<String, PodmanBuild> in(Path dir, boolean rootless) throws BuildException {
        Path quadlet = QUADLET.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new BuildException(FailureKind.HOST, "quadlet is not installed (looked for " + QUADLET + "): install podman"));
        String flag = quadlet.getFileName().toString().equals("quadlet") ? "-dryrun" : "--dryrun";
        List<String> cmd = new ArrayList<>(List.of("env", "QUADLET_UNIT_DIRS=" + dir.toAbsolutePath(), quadlet.toString(), flag));
        if (rootless) {
            cmd.add(flag.equals("-dryrun") ? "-user" : "--user");
        }
        ProcessResult r = runner.run(cmd, Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new BuildException("quadlet could not generate the units of " + dir + ": " + r.message());
        }
        return parse(r.stdout());
    }

    /** Parses the dry run's output: {@code ---name.service---} headers, each followed by that unit's text. */
    static Map<String, PodmanBuild> parse(String dryRunOutput) {
        Map<String, PodmanBuild> out = new HashMap<>();
        String service = null;
        String source = null;
        Path workDir = null;
        String exec = null;
        for (String line : (dryRunOutput + "\n---end---").split("\n")) {
            if (line.startsWith("---") && line.endsWith("---") && line.length() > 6) {
                if (service != null && source != null && source.endsWith(".build") && exec != null) {
                    String unit = source.substring(source.lastIndexOf('/') + 1);
                    out.put(service, new PodmanBuild(unit, service, workDir, UnitWords.split(exec, UnitWords.Mode.COMMAND_LINE)));
                }
                service = line.substring(3, line.length() - 3);
                source = null;
                workDir = null;
                exec = null;
            } else if (line.startsWith("SourcePath=")) {
                source = line.substring("SourcePath=".length()).strip();
            } else if (line.startsWith("WorkingDirectory=")) {
                workDir = Path.of(line.substring("WorkingDirectory=".length()).strip());
            } else if (line.startsWith("ExecStart=")) {
                exec = line.substring("ExecStart=".length());
            }
        }
        return out;
    }

    /** The build command of one unit, by its generated service name. */
    public Optional<PodmanBuild> of(Path dir, boolean rootless, String service) throws BuildException {
        return Optional.ofNullable(in(dir, rootless).get(service));
    }
}
