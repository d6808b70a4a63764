package dev.berth.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signature status of commits, remembered: status and every console page show the deployed and waiting commits'
 * signatures, and an SSH or OpenPGP check costs milliseconds each time. A result is kept per commit and per state of
 * the trust files (path, size, modification time), so a key added to or removed from them is seen at the next look.
 */
public final class SignatureChecks {
    static final int MAX_KEPT = 64;

    private record TrustFile(Path path, long size, Instant modified) {
        static TrustFile of(Path p) {
            if (p == null) {
                return null;
            }
            try {
                return new TrustFile(p, Files.size(p), Files.getLastModifiedTime(p).toInstant());
            } catch (IOException e) {
                return new TrustFile(p, -1, Instant.EPOCH); // unreadable: the check says so, and is kept until it changes
            }
        }
    }

    private record Key(String commit, TrustFile allowedSigners, TrustFile keyring) {
    }

    private final Map<Key, SignatureStatus> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, SignatureStatus> eldest) {
            return size() > MAX_KEPT;
        }
    };
    private long checks;

    /**
     * @param allowedSigners the SSH allowed-signers file the host trusts, or null
     * @param keyring        the OpenPGP keyring the host trusts, or null; with neither, signatures are not required
     */
    public SignatureStatus of(GitSource source, String commit, Path allowedSigners, Path keyring) {
        if (allowedSigners == null && keyring == null) {
            return SignatureStatus.NOT_REQUIRED;
        }
        Key key = new Key(commit, TrustFile.of(allowedSigners), TrustFile.of(keyring));
        synchronized (kept) {
            SignatureStatus known = kept.get(key);
            if (known != null) {
                return known;
            }
        }
        CommitSignatures.Verdict v = CommitSignatures.verify(source, commit, allowedSigners, keyring);
        SignatureStatus status = v.trusted() ? new SignatureStatus(SignatureStatus.Kind.VERIFIED, v.detail())
                : v.equals(CommitSignatures.Verdict.UNSIGNED) ? new SignatureStatus(SignatureStatus.Kind.UNSIGNED, null)
                : new SignatureStatus(SignatureStatus.Kind.FAILED, v.detail());
        synchronized (kept) {
            checks++;
            kept.put(key, status);
        }
        return status;
    }

    /** How many signatures were really checked (not answered from memory). */
    long checks() {
        synchronized (kept) {
            return checks;
        }
    }
}
