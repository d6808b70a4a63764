package dev.berth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {"Apply only commits signed with a key in this SSH allowed-signers file (from the next sync on).",
            "Each line: 'PRINCIPAL [options] KEYTYPE KEY', e.g. 'alice@example.com ssh-ed25519 AAAA...': the key",
            "decides (as with 'git verify-commit'), the principal is a label. The file is read again at every sync, so keys are rotated by editing",
            "it; this command only changes which file is read."})
final class TrustCommand extends HostCommand {

    @Parameters(paramLabel = "ALLOWED_SIGNERS", description = "The allowed-signers file.")
    String file;

    @Override
    public Integer call() throws Exception {
        String path = checkedAllowedSigners(file);
        Wiring w = wiring();
        return locked(w, () -> {
            w.safety().saveSettings(w.safety().settings().withAllowedSigners(path));
            out().println("commits must now be signed by a key in " + path);
            return 0;
        });
    }

    /** The absolute path of a readable allowed-signers file with at least one key, or a clear error. */
    static String checkedAllowedSigners(String given) throws java.io.IOException {
        Path p = Path.of(given).toAbsolutePath();
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException(p + ": no readable allowed-signers file there");
        }
        boolean anyKey = Files.readAllLines(p).stream().map(String::strip)
                .anyMatch(l -> !l.isEmpty() && !l.startsWith("#") && (l.contains("ssh-") || l.contains("ecdsa-") || l.contains("sk-")));
        if (!anyKey) {
            throw new IllegalArgumentException(p + " lists no SSH key: write lines like 'alice@example.com ssh-ed25519 AAAA...'");
        }
        return p.toString();
    }
}
