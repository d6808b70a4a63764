package dev.berth.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Checks a commit's SSH signature against an allowed-signers file (the format of {@code ssh-keygen -Y
 * verify} and git's {@code gpg.ssh.allowedSignersFile}), with JGit's verifier from
 * {@code org.eclipse.jgit.ssh.apache}. The file is read at every check, so keys rotate by editing it.
 */
public final class CommitSignatures {

    private CommitSignatures() {
    }

    /** The outcome: trusted, or why not. */
    public record Verdict(boolean trusted, String detail) {
        static Verdict refused(String why) {
            return new Verdict(false, why);
        }
    }

    public static Verdict verify(GitSource source, String commit, Path allowedSigners) {
        if (!Files.isReadable(allowedSigners)) {
            return Verdict.refused("the allowed-signers file " + allowedSigners + " cannot be read, so no commit can be trusted");
        }
        RevCommit c;
        try (RevWalk walk = new RevWalk(source.repository())) {
            c = walk.parseCommit(ObjectId.fromString(commit));
        } catch (IOException | RuntimeException e) {
            return Verdict.refused("cannot read commit " + commit + ": " + e.getMessage());
        }
        byte[] signature = c.getRawGpgSignature();
        if (signature == null) {
            return Verdict.refused("it is not signed");
        }
        GpgConfig.GpgFormat format = SignatureVerifiers.getFormat(signature);
        if (format != GpgConfig.GpgFormat.SSH) {
            return Verdict.refused("it is signed with " + format.toConfigValue()
                    + "; Berth trusts SSH signatures only (git config gpg.format ssh)");
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
                return Verdict.refused("its signature (key " + v.keyFingerprint() + ") is not trusted by "
                        + allowedSigners + (v.message() == null ? "" : ": " + v.message()));
            }
            return new Verdict(true, "signed by " + v.keyUser() + " (key " + v.keyFingerprint() + ")");
        } catch (IOException | RuntimeException e) {
            return Verdict.refused("its signature could not be checked: " + e.getMessage());
        }
    }
}
