package dev.berth.cli;

import dev.berth.state.BerthConfig;
import dev.berth.state.SafetySettings;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Follow a git repository: clone it, apply every unit, record the state. " +
            "URL may be https://, ssh://, file:// or a local path."})
final class InitCommand extends HostCommand {

    @Parameters(paramLabel = "URL", description = "The repository to follow.")
    String remote;

    @Option(names = "--ref", paramLabel = "BRANCH|TAG", description = {"Branch or tag to follow (default: the remote's default branch). Recorded in full: a name that is " +
                "both a branch and a tag must be given as refs/heads/NAME or refs/tags/NAME."})
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

    @Option(names = "--no-rollback", description = {"When a new commit's units do not come up (healthy), keep it applied and retry " +
            "its failed units at the next sync, instead of rolling back to the last good commit (the default)."})
    boolean noRollback;

    @Option(names = "--verify-commits", paramLabel = "ALLOWED_SIGNERS",
            description = {"Apply only commits signed with an SSH key listed in this allowed-signers file " +
                "(format of 'ssh-keygen -Y verify': 'NAME KEYTYPE KEY' per line; the key decides, NAME is a label). The file is read at every sync: " +
                "rotate keys by editing it; 'berth trust FILE' points Berth at another file. With verification, a commit that does " +
                "not descend from the deployed one (the ref moved back or rewritten) is refused until accepted with 'berth rollback COMMIT'."})
    String verifyCommits;

    @Option(names = "--trusted-keyring", paramLabel = "FILE",
            description = {"Apply only signed commits, and trust OpenPGP (gpg) signatures by the public keys in this keyring " +
                "(armored or binary: 'gpg --export --armor KEYID > FILE'). Alone or with --verify-commits (then either kind of " +
                "signature passes). Read at every sync; 'berth trust --keyring FILE' points Berth at another file."})
    String trustedKeyring;

    @Option(names = "--adopt", paramLabel = "UNIT", description = {"Hand a unit of the host over to Berth (repeatable): the repository may " +
            "install a unit of this name although the host already has one. See 'berth adopt'."})
    java.util.List<String> adopt = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        java.util.Map<String, String> labelMap = dev.berth.fleet.LocalHost.parseLabels(labels);
        String signers = verifyCommits == null ? null : dev.berth.git.TrustedKeyFiles.checkedAllowedSigners(verifyCommits);
        String keyring = trustedKeyring == null ? null : dev.berth.git.TrustedKeyFiles.checkedKeyring(trustedKeyring);
        Duration every = Durations.parse(interval);
        if (sshKey != null) {
            java.nio.file.Path key = java.nio.file.Path.of(sshKey).toAbsolutePath();
            if (!java.nio.file.Files.isReadable(key)) {
                throw new IllegalArgumentException("--ssh-key " + key + ": no readable file there");
            }
            sshKey = key.toString();
        }
        BerthConfig config = new BerthConfig(remote, ref, path, every.toSeconds(), sshKey, null, null, hostName, labelMap);
        return report(berth().init(config).safety(new SafetySettings(noRollback, signers, adopt, keyring)).call());
    }
}
