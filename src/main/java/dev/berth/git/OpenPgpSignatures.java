package dev.berth.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks an OpenPGP commit signature (what {@code git commit -S} makes with gpg) against a keyring file of
 * trusted public keys ({@code gpg --export [--armor] KEYID > FILE}; several keys, armored or binary, may be
 * concatenated). Like {@code git verify-commit}: the signing key, or the primary key of the signing subkey,
 * must be in the file, not revoked and not expired. BouncyCastle does the cryptography. JGit's own OpenPGP
 * verifier is not used because it only reads the user's {@code ~/.gnupg}, fixed when its class loads.
 */
final class OpenPgpSignatures {
    private static final String ARMOR_BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private OpenPgpSignatures() {
    }

    static CommitSignatures.Verdict verify(byte[] signedData, byte[] signature, Path keyring) {
        PGPPublicKeyRingCollection keys;
        try {
            keys = readKeyring(keyring);
        } catch (IOException | PGPException | RuntimeException e) {
            return CommitSignatures.Verdict.refused("the OpenPGP keyring " + keyring + " cannot be read (" + e.getMessage()
                    + "), so no commit can be trusted: export it with 'gpg --export --armor KEYID > " + keyring + "'");
        }
        PGPSignature sig;
        try {
            sig = parseSignature(signature);
        } catch (IOException | RuntimeException e) {
            return CommitSignatures.Verdict.refused("its OpenPGP signature cannot be read: " + e.getMessage());
        }
        String issuer = issuer(sig);
        try {
            PGPPublicKey key = keys.getPublicKey(sig.getKeyID());
            if (key == null) {
                return CommitSignatures.Verdict.refused("its OpenPGP signature (key " + issuer + ") is not trusted by " + keyring
                        + ": the key is not in it");
            }
            PGPPublicKeyRing ring = keys.getPublicKeyRing(sig.getKeyID());
            PGPPublicKey primary = ring.getPublicKey();
            String who = userId(primary) + " (OpenPGP key " + fingerprint(key) + ")";
            if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
                return CommitSignatures.Verdict.refused("its OpenPGP signature by " + who + " is not a signature of a document");
            }
            if (primary.hasRevocation() || key.hasRevocation()) {
                return CommitSignatures.Verdict.refused("its OpenPGP signature is by " + who + ", which is revoked in " + keyring);
            }
            if (expired(primary) || expired(key)) {
                return CommitSignatures.Verdict.refused("its OpenPGP signature is by " + who + ", which has expired");
            }
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
            sig.update(signedData);
            if (!sig.verify()) {
                return CommitSignatures.Verdict.refused("its OpenPGP signature by " + who + " does not match the commit (tampered?)");
            }
            return new CommitSignatures.Verdict(true, "signed by " + who);
        } catch (PGPException | RuntimeException e) {
            return CommitSignatures.Verdict.refused("its OpenPGP signature (key " + issuer + ") could not be checked: " + e.getMessage());
        }
    }

    /** The keys of a keyring file: binary, or one or more armored blocks one after the other. */
    static PGPPublicKeyRingCollection readKeyring(Path file) throws IOException, PGPException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        if (text.contains(ARMOR_BEGIN)) {
            for (int at = text.indexOf(ARMOR_BEGIN); at >= 0; at = text.indexOf(ARMOR_BEGIN, at + 1)) {
                addRings(new ByteArrayInputStream(bytes, at, bytes.length - at), rings);
            }
        } else {
            addRings(new ByteArrayInputStream(bytes), rings);
        }
        if (rings.isEmpty()) {
            throw new PGPException("no OpenPGP public key in it");
        }
        return new PGPPublicKeyRingCollection(rings);
    }

    /** True when {@code file} looks like an OpenPGP keyring (armored, or a binary public-key packet). */
    static boolean looksLikeKeyring(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains(ARMOR_BEGIN)) {
            return true;
        }
        // binary: the first packet is a public key (tag 6), old format 0x98/0x99, new format 0xC6
        return bytes.length > 0 && ((bytes[0] & 0xFC) == 0x98 || (bytes[0] & 0xFF) == 0xC6);
    }

    private static void addRings(InputStream in, List<PGPPublicKeyRing> rings) throws IOException, PGPException {
        PGPPublicKeyRingCollection c = new PGPPublicKeyRingCollection(PGPUtil.getDecoderStream(in), new BcKeyFingerprintCalculator());
        c.getKeyRings().forEachRemaining(rings::add);
    }

    private static PGPSignature parseSignature(byte[] armored) throws IOException {
        Object o = new BcPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))).nextObject();
        if (o instanceof PGPSignatureList list && !list.isEmpty()) {
            return list.get(0);
        }
        throw new IOException("no signature packet in it");
    }

    private static String issuer(PGPSignature sig) {
        IssuerFingerprint fp = sig.getHashedSubPackets() == null ? null : sig.getHashedSubPackets().getIssuerFingerprint();
        return fp != null ? HexFormat.of().withUpperCase().formatHex(fp.getFingerprint())
                : String.format("%016X", sig.getKeyID());
    }

    private static boolean expired(PGPPublicKey key) {
        long valid = key.getValidSeconds();
        return valid > 0 && key.getCreationTime().toInstant().plusSeconds(valid).isBefore(Instant.now());
    }

    private static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    private static String userId(PGPPublicKey primary) {
        Iterator<String> ids = primary.getUserIDs();
        return ids.hasNext() ? ids.next() : "(no user id)";
    }
}
