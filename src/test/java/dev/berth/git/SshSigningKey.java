package dev.berth.git;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** A throwaway SSH key for signing test commits: the private key in OpenSSH format, the public key line. */
public record SshSigningKey(Path privateKey, String publicKey) {

    /** A new ECDSA P-256 key (the JDK makes it; no ssh-keygen needed) written to {@code file}. */
    public static SshSigningKey generate(Path file) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            new OpenSSHKeyPairResourceWriter().writePrivateKey(pair, "berth-test", null, out);
        }
        return new SshSigningKey(file, PublicKeyEntry.toString(pair.getPublic()));
    }

    /** One allowed-signers line trusting this key for {@code principal} (a committer e-mail). */
    public String allowedSignersLine(String principal) {
        return principal + " " + publicKey + "\n";
    }
}
