package dev.berth.git;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Makes SSH signatures (the SSHSIG format of OpenSSH's PROTOCOL.sshsig, what {@code ssh-keygen -Y sign}
 * writes and git stores in a commit) with keys the JDK makes, for the kinds {@code ssh-keygen} cannot make
 * here: an RSA signature with rsa-sha2-256 or the SHA-1 {@code ssh-rsa}, and the security-key ({@code sk-})
 * types, which need a FIDO token. Only for tests: this is how such a key would sign, written from the spec.
 */
record SshSig(KeyPair pair, String keyType, String signatureAlgorithm, byte[] publicKeyBlob) {
    private static final String APPLICATION = "ssh:";

    static SshSig rsa(String signatureAlgorithm) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(3072);
        KeyPair pair = g.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        return new SshSig(pair, "ssh-rsa", signatureAlgorithm,
                blob(w -> { string(w, "ssh-rsa"); mpint(w, pub.getPublicExponent()); mpint(w, pub.getModulus()); }));
    }

    static SshSig skEd25519() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] raw = ed25519Raw(pair);
        String type = "sk-ssh-ed25519@openssh.com";
        return new SshSig(pair, type, type, blob(w -> { string(w, type); string(w, raw); string(w, APPLICATION); }));
    }

    static SshSig skEcdsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        String type = "sk-ecdsa-sha2-nistp256@openssh.com";
        byte[] q = ecPoint((ECPublicKey) pair.getPublic());
        return new SshSig(pair, type, type, blob(w -> { string(w, type); string(w, "nistp256"); string(w, q); string(w, APPLICATION); }));
    }

    /** The allowed-signers line for this key. */
    String allowedSignersLine(String principal) {
        return principal + " " + keyType + " " + Base64.getEncoder().encodeToString(publicKeyBlob) + "\n";
    }

    /** The armored SSHSIG of {@code message} in namespace "git" (git's), message hashed with {@code hashAlgorithm}. */
    byte[] sign(byte[] message, String hashAlgorithm) throws Exception {
        byte[] hash = MessageDigest.getInstance(hashAlgorithm.equals("sha256") ? "SHA-256" : "SHA-512").digest(message);
        byte[] signed = blob(w -> {
            w.write("SSHSIG".getBytes(StandardCharsets.US_ASCII));
            string(w, "git");
            string(w, "");
            string(w, hashAlgorithm);
            string(w, hash);
        });
        byte[] signature = signatureBlob(signed);
        byte[] sshsig = blob(w -> {
            w.write("SSHSIG".getBytes(StandardCharsets.US_ASCII));
            w.writeInt(1);
            string(w, publicKeyBlob);
            string(w, "git");
            string(w, "");
            string(w, hashAlgorithm);
            string(w, signature);
        });
        String b64 = Base64.getEncoder().encodeToString(sshsig);
        StringBuilder out = new StringBuilder("-----BEGIN SSH SIGNATURE-----\n");
        for (int i = 0; i < b64.length(); i += 70) {
            out.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
        }
        return out.append("-----END SSH SIGNATURE-----\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] signatureBlob(byte[] signed) throws Exception {
        return switch (signatureAlgorithm) {
            case "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa" -> {
                String jca = switch (signatureAlgorithm) {
                    case "rsa-sha2-256" -> "SHA256withRSA";
                    case "rsa-sha2-512" -> "SHA512withRSA";
                    default -> "SHA1withRSA";
                };
                byte[] sig = jcaSign(jca, signed);
                yield blob(w -> { string(w, signatureAlgorithm); string(w, sig); });
            }
            case "sk-ssh-ed25519@openssh.com" -> {
                // a FIDO authenticator signs sha256(application) || flags || counter || sha256(data)
                byte[] sig = jcaSign("Ed25519", skSigned(signed));
                yield blob(w -> { string(w, signatureAlgorithm); string(w, sig); w.writeByte(1); w.writeInt(7); });
            }
            case "sk-ecdsa-sha2-nistp256@openssh.com" -> {
                byte[] der = jcaSign("SHA256withECDSA", skSigned(signed));
                BigInteger[] rs = derToRs(der);
                byte[] inner = blob(w -> { mpint(w, rs[0]); mpint(w, rs[1]); });
                yield blob(w -> { string(w, signatureAlgorithm); string(w, inner); w.writeByte(1); w.writeInt(7); });
            }
            default -> throw new IllegalArgumentException(signatureAlgorithm);
        };
    }

    private static byte[] skSigned(byte[] data) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] app = sha.digest(APPLICATION.getBytes(StandardCharsets.US_ASCII));
        byte[] msg = MessageDigest.getInstance("SHA-256").digest(data);
        return blob(w -> { w.write(app); w.writeByte(1); w.writeInt(7); w.write(msg); });
    }

    private byte[] jcaSign(String algorithm, byte[] data) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(pair.getPrivate());
        s.update(data);
        return s.sign();
    }

    private static byte[] ed25519Raw(KeyPair pair) {
        byte[] x509 = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    private static byte[] ecPoint(ECPublicKey key) {
        byte[] x = fixed(key.getW().getAffineX(), 32);
        byte[] y = fixed(key.getW().getAffineY(), 32);
        byte[] q = new byte[65];
        q[0] = 4;
        System.arraycopy(x, 0, q, 1, 32);
        System.arraycopy(y, 0, q, 33, 32);
        return q;
    }

    private static byte[] fixed(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(b.length, len);
        System.arraycopy(b, b.length - n, out, len - n, n);
        return out;
    }

    private static BigInteger[] derToRs(byte[] der) {
        int i = 2; // SEQUENCE, length (short form for P-256)
        int rLen = der[i + 1];
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, i + 2, i + 2 + rLen));
        i = i + 2 + rLen;
        int sLen = der[i + 1];
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, i + 2, i + 2 + sLen));
        return new BigInteger[] {r, s};
    }

    private interface Writer {
        void write(DataOutputStream w) throws IOException;
    }

    private static byte[] blob(Writer body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream w = new DataOutputStream(bytes);
        body.write(w);
        w.flush();
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream w, String s) throws IOException {
        string(w, s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void string(DataOutputStream w, byte[] b) throws IOException {
        w.writeInt(b.length);
        w.write(b);
    }

    private static void mpint(DataOutputStream w, BigInteger v) throws IOException {
        string(w, v.toByteArray());
    }
}
