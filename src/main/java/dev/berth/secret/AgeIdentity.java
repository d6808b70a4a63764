package dev.berth.secret;

import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import dev.berth.state.StateStore;
import dev.berth.failure.FailureKind;
import dev.berth.host.StateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Instant;

/**
 * A host's age X25519 identity: the secret key ({@code AGE-SECRET-KEY-1...}) that decrypts the repository's
 * secrets, and its public recipient ({@code age1...}) that users encrypt to. Stored in the format of
 * {@code age-keygen}, so {@code age -d -i FILE} reads it too.
 */
public record AgeIdentity(String secretKey, String recipient) {
    public static final String FILE_NAME = StateStore.AGE_IDENTITY_FILE;
    private static final String PUBLIC_KEY_COMMENT = "# public key: ";

    /** Never show the secret key, wherever a record is printed. */
    @Override
    public String toString() {
        return "AgeIdentity[recipient=" + recipient + "]";
    }

    public static Path fileIn(Path stateDir) {
        return stateDir.resolve(FILE_NAME);
    }

    public static AgeIdentity generate() {
        try {
            KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
            return new AgeIdentity(pair.getPrivate().toString(), pair.getPublic().toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no X25519 key agreement: " + e.getMessage(), e);
        }
    }

    /** Reads an identity file; a missing file says to run {@code berth secret keygen}. */
    public static AgeIdentity read(Path file) throws SecretException {
        if (!Files.exists(file)) {
            throw new SecretException("this host has no age key (" + file + "): run 'berth secret keygen' on the host,"
                    + " then encrypt secrets to the recipient it prints");
        }
        String key = null;
        String recipient = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.startsWith(PUBLIC_KEY_COMMENT)) {
                    recipient = l.substring(PUBLIC_KEY_COMMENT.length()).strip();
                } else if (l.startsWith("AGE-SECRET-KEY-1")) {
                    key = l;
                }
            }
        } catch (IOException e) {
            throw new SecretException("cannot read the host's age key " + file + " (" + e.getMessage() + "): check its permissions", e);
        }
        if (key == null || recipient == null || !recipient.startsWith("age1")) {
            throw new SecretException(file + " is not an age key file with a '# public key: age1...' line: make a new one"
                    + " with 'berth secret keygen --force' and re-encrypt the secrets to its recipient");
        }
        return new AgeIdentity(key, recipient);
    }

    /**
     * Writes the identity readable by its owner only into the state folder {@code file} is in: the file is created
     * 0600 before the key is written, and moved into place so a crash leaves no half-written key.
     */
    public void writeTo(Path file, boolean force) throws SecretException {
        if (Files.exists(file) && !force) {
            throw new SecretException(FailureKind.REFUSED, "this host already has an age key (" + file + "): 'berth secret recipient' prints its"
                    + " recipient; use --force to replace it (secrets encrypted to the old key then no longer decrypt)");
        }
        String content = "# created: " + Instant.now() + "\n" + PUBLIC_KEY_COMMENT + recipient + "\n" + secretKey + "\n";
        try {
            new StateFiles(file.getParent()).write(file.getFileName().toString(), content.getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw new SecretException(FailureKind.STATE, "cannot write " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SecretException(FailureKind.STATE, "cannot write the host's age key " + file + ": " + e.getMessage(), e);
        }
    }
}
