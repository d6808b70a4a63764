package dev.berth.git;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/** A throwaway OpenPGP key made with BouncyCastle (no gpg needed): signs as {@code gpg --detach-sign} does for git. */
public record PgpSigningKey(PGPKeyPair pair, PGPPublicKeyRing publicRing) {

    public static PgpSigningKey generate(String userId) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PGPKeyPair pair = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, g.generateKeyPair(), new Date());
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1), null, null,
                new JcaPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256), null);
        return new PgpSigningKey(pair, rings.generatePublicKeyRing());
    }

    /** The public key, armored, as {@code gpg --export --armor} writes it. */
    public byte[] armoredPublicKey() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = new ArmoredOutputStream(bytes)) {
            publicRing.encode(out);
        }
        return bytes.toByteArray();
    }

    public Path exportTo(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, armoredPublicKey());
    }

    /** An armored detached signature of {@code data}. */
    public byte[] sign(byte[] data) throws Exception {
        PGPSignatureGenerator s = new PGPSignatureGenerator(
                new JcaPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256), pair.getPublicKey());
        s.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
        s.update(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = new ArmoredOutputStream(bytes)) {
            s.generate().encode(out);
        }
        return bytes.toByteArray();
    }
}
