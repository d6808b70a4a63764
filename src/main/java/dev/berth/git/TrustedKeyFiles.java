package dev.berth.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks the files of trusted keys when they are configured, so a wrong file is a clear error then, not at the next sync. */
public final class TrustedKeyFiles {
    private TrustedKeyFiles() {
    }

    /** The absolute path of a readable allowed-signers file with at least one SSH key, or a clear error. */
    public static String checkedAllowedSigners(String given) throws IOException {
        Path p = Path.of(given).toAbsolutePath();
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException(p + ": no readable allowed-signers file there");
        }
        if (OpenPgpSignatures.looksLikeKeyring(p)) {
            throw new IllegalArgumentException(p + " is an OpenPGP keyring, not an SSH allowed-signers file: trust it with"
                    + " --trusted-keyring (init) or 'berth trust --keyring FILE'");
        }
        boolean anyKey = Files.readAllLines(p).stream().map(String::strip)
                .anyMatch(l -> !l.isEmpty() && !l.startsWith("#") && (l.contains("ssh-") || l.contains("ecdsa-") || l.contains("sk-")));
        if (!anyKey) {
            throw new IllegalArgumentException(p + " lists no SSH key: write lines like 'alice@example.com ssh-ed25519 AAAA...'");
        }
        return p.toString();
    }

    /** The absolute path of a readable OpenPGP keyring with at least one public key, or a clear error. */
    public static String checkedKeyring(String given) throws IOException {
        Path p = Path.of(given).toAbsolutePath();
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException(p + ": no readable OpenPGP keyring there");
        }
        try {
            OpenPgpSignatures.readKeyring(p);
        } catch (IOException | org.bouncycastle.openpgp.PGPException | RuntimeException e) {
            throw new IllegalArgumentException(p + " holds no OpenPGP public key (" + e.getMessage()
                    + "): export the keys to trust with 'gpg --export --armor KEYID > " + p.getFileName() + "'", e);
        }
        return p.toString();
    }
}
