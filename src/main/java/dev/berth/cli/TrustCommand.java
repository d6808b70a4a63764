package dev.berth.cli;

import dev.berth.git.TrustedKeyFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {"Apply only signed commits (from the next sync on): SSH signatures by a key in an allowed-signers file, " +
            "OpenPGP signatures by a key in a keyring, or either when both are set. " +
            "ALLOWED_SIGNERS: one key per line, 'PRINCIPAL [options] KEYTYPE KEY', e.g. 'alice@example.com ssh-ed25519 AAAA...': " +
            "the key decides (as with 'git verify-commit'), the principal is a label. " +
            "--keyring FILE: OpenPGP public keys, armored or binary, e.g. 'gpg --export --armor KEYID > FILE'. " +
            "The files are read again at every sync, so keys are rotated by editing them; this command only changes " +
            "which files are read."})
final class TrustCommand extends HostCommand {

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Parameters(paramLabel = "ALLOWED_SIGNERS", description = "The SSH allowed-signers file.")
        String allowedSigners;

        @Option(names = "--keyring", paramLabel = "FILE", description = "The OpenPGP keyring of trusted public keys.")
        String keyring;
    }

    @Override
    public Integer call() throws Exception {
        String signers = which.allowedSigners == null ? null : TrustedKeyFiles.checkedAllowedSigners(which.allowedSigners);
        String keyring = which.keyring == null ? null : TrustedKeyFiles.checkedKeyring(which.keyring);
        var berth = berth();
        return berth.exclusive(() -> {
            var settings = berth.safety().settings();
            settings = signers != null ? settings.withAllowedSigners(signers) : settings.withTrustedKeyring(keyring);
            berth.safety().saveSettings(settings);
            out().println(signers != null ? "commits signed with SSH must now be signed by a key in " + signers
                    : "commits signed with OpenPGP must now be signed by a key in " + keyring);
            return 0;
        });
    }
}
