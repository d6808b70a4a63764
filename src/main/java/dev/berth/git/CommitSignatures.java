package dev.berth.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Checks a commit's signature: an SSH signature against an allowed-signers file (the format of
 * {@code ssh-keygen -Y verify} and git's {@code gpg.ssh.allowedSignersFile}), with JGit's verifier from
 * {@code org.eclipse.jgit.ssh.apache}; an OpenPGP signature against a keyring of trusted public keys
 * ({@link OpenPgpSignatures}). The files are read at every check, so keys rotate by editing them.
 */
public final class CommitSignatures {

    private CommitSignatures() {
    }

    /** The outcome: trusted, or why not. */
    public record Verdict(boolean trusted, String detail) {
        /** The commit carries no signature at all. */
        public static final Verdict UNSIGNED = new Verdict(false, "it is not signed");

        static Verdict refused(String why) {
            return new Verdict(false, why);
        }
    }

    /** An SSH signature checked against {@code allowedSigners}; any other kind is refused. */
    public static Verdict verify(GitSource source, String commit, Path allowedSigners) {
        return verify(source, commit, allowedSigners, null);
    }

    /**
     * @param allowedSigners the SSH allowed-signers file, or null when SSH signatures are not trusted
     * @param keyring        the OpenPGP keyring of trusted keys, or null when OpenPGP signatures are not trusted
     */
    public static Verdict verify(GitSource source, String commit, Path allowedSigners, Path keyring) {
        RevCommit c;
        try (RevWalk walk = new RevWalk(source.repository())) {
            c = walk.parseCommit(ObjectId.fromString(commit));
        } catch (IOException | RuntimeException e) {
            return Verdict.refused("cannot read commit " + commit + ": " + e.getMessage());
        }
        byte[] signature = c.getRawGpgSignature();
        if (signature == null) {
            return Verdict.UNSIGNED;
        }
        GpgConfig.GpgFormat format = SignatureVerifiers.getFormat(signature);
        if (format == GpgConfig.GpgFormat.OPENPGP) {
            if (keyring == null) {
                return Verdict.refused("it is signed with OpenPGP and no OpenPGP keyring is trusted"
                        + " (berth trust --keyring FILE, from 'gpg --export --armor KEYID')");
            }
            if (!Files.isReadable(keyring)) {
                return Verdict.refused("the OpenPGP keyring " + keyring + " cannot be read, so no commit can be trusted");
            }
            return OpenPgpSignatures.verify(signedData(c.getRawBuffer()), signature, keyring);
        }
        if (format != GpgConfig.GpgFormat.SSH) {
            return Verdict.refused("it is signed with " + format.toConfigValue() + "; Berth trusts SSH and OpenPGP signatures");
        }
        if (allowedSigners == null) {
            return Verdict.refused("it is signed with SSH and no allowed-signers file is trusted (berth trust FILE)");
        }
        return verifySsh(source, c, signature, allowedSigners);
    }

    private static Verdict verifySsh(GitSource source, RevCommit c, byte[] signature, Path allowedSigners) {
        if (!Files.isReadable(allowedSigners)) {
            return Verdict.refused("the allowed-signers file " + allowedSigners + " cannot be read, so no commit can be trusted");
        }
        String keyType = sshKeyType(signature);
        if (keyType.startsWith("sk-")) {
            // JGit 7.8 hands Apache MINA sshd a security-key signature it cannot parse (a BufferException):
            // say so plainly rather than "not trusted", which would send the user looking for the wrong fault.
            return Verdict.refused("it is signed with a security key (" + keyType + "), which this Berth cannot verify yet;"
                    + " sign with an ssh-ed25519, ecdsa or rsa key");
        }
        SignatureVerifier verifier = SignatureVerifiers.get(GpgConfig.GpgFormat.SSH);
        if (verifier == null) {
            return Verdict.refused("this Berth build has no SSH signature verifier");
        }
        verifier.clear(); // forget cached keys: the allowed-signers file may have changed since the last sync
        Config config = new Config();
        config.setString("gpg", null, "format", "ssh");
        config.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toAbsolutePath().toString());
        try {
            SignatureVerifier.SignatureVerification v = SignatureVerifiers.verify(source.repository(), new GpgConfig(config), c);
            if (v == null) {
                return Verdict.refused("its signature could not be checked");
            }
            if (!v.verified()) {
                return Verdict.refused("its signature (" + keyType + " key " + v.keyFingerprint() + ") is not trusted by "
                        + allowedSigners + (v.message() == null ? "" : ": " + v.message()));
            }
            return new Verdict(true, "signed by " + v.keyUser() + " (" + keyType + " key " + v.keyFingerprint() + ")");
        } catch (IOException | RuntimeException e) {
            return Verdict.refused("its signature could not be checked: " + e.getMessage());
        }
    }

    /** The key type named in an armored SSHSIG (PROTOCOL.sshsig: magic, version, then the public key blob). */
    static String sshKeyType(byte[] armored) {
        try {
            String b64 = new String(armored, StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("-----")).map(String::strip).reduce("", String::concat);
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(b64));
            b.position(6 + 4 + 4); // "SSHSIG", version, length of the public key blob
            byte[] type = new byte[b.getInt()];
            b.get(type);
            return new String(type, StandardCharsets.US_ASCII);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** What a signature of a commit covers: the raw commit without its {@code gpgsig} header (as git signs it). */
    static byte[] signedData(byte[] rawCommit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawCommit.length);
        int i = 0;
        boolean inSignature = false;
        while (i < rawCommit.length) {
            int end = i;
            while (end < rawCommit.length && rawCommit[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, rawCommit.length);
            if (end == i) { // the blank line: the message follows, copied as it is
                out.write(rawCommit, i, rawCommit.length - i);
                break;
            }
            boolean continuation = rawCommit[i] == ' ';
            if (!continuation) {
                inSignature = startsWith(rawCommit, i, "gpgsig ") || startsWith(rawCommit, i, "gpgsig-sha256 ");
            }
            if (!inSignature) {
                out.write(rawCommit, i, next - i);
            }
            i = next;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] b, int at, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (at + p.length > b.length) {
            return false;
        }
        for (int k = 0; k < p.length; k++) {
            if (b[at + k] != p[k]) {
                return false;
            }
        }
        return true;
    }
}
