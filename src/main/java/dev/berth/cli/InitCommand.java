package dev.berth.cli;

import dev.berth.state.BerthConfig;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Follow a git repository: clone it, apply every unit, record the state.",
            "URL may be https://, ssh://, file:// or a local path."})
final class InitCommand extends HostCommand {

    @Parameters(paramLabel = "URL", description = "The repository to follow.")
    String remote;

    @Option(names = "--ref", paramLabel = "BRANCH|TAG", description = "Branch or tag to follow (default: the remote's default branch).")
    String ref;

    @Option(names = "--path", paramLabel = "SUBDIR", defaultValue = "", description = "Folder of the repository that holds the units (default: all of it).")
    String path;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s",
            description = "How often 'berth run' syncs, e.g. 30s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--ssh-key", paramLabel = "FILE", description = "Private key for ssh:// remotes.")
    String sshKey;

    @Option(names = "--host", paramLabel = "NAME",
            description = "This host's name for the repository's targeting rules (default: the system host name).")
    String hostName;

    @Option(names = "--label", paramLabel = "KEY=VALUE",
            description = "A label of this host for the targeting rules (repeatable), e.g. --label role=edge --label site=berlin.")
    java.util.List<String> labels;

    @Override
    public Integer call() throws Exception {
        java.util.Map<String, String> labelMap = dev.berth.fleet.LocalHost.parseLabels(labels);
        Duration every = Durations.parse(interval);
        if (sshKey != null) {
            java.nio.file.Path key = java.nio.file.Path.of(sshKey).toAbsolutePath();
            if (!java.nio.file.Files.isReadable(key)) {
                throw new IllegalArgumentException("--ssh-key " + key + ": no readable file there");
            }
            sshKey = key.toString();
        }
        Wiring w = wiring();
        BerthConfig config = new BerthConfig(remote, ref, path, every.toSeconds(), sshKey, null, null, hostName, labelMap);
        return locked(w, () -> report(w.deployer().init(config)));
    }
}
