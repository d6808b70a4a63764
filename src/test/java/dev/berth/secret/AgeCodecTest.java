package dev.berth.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeCodecTest {

    @TempDir
    Path dir;

    @Test
    void whatIsEncryptedToAnIdentityDecryptsWithItAndTheCiphertextHidesTheValue() throws Exception {
        AgeIdentity id = AgeIdentity.generate();
        byte[] plain = "s3cret-value\n".getBytes(StandardCharsets.UTF_8);
        byte[] cipher = AgeCodec.encrypt(plain, List.of(id.recipient()));
        assertThat(new String(cipher, StandardCharsets.ISO_8859_1)).startsWith("age-encryption.org/v1\n-> X25519 ")
                .doesNotContain("s3cret-value");
        assertThat(AgeCodec.decrypt(cipher, id)).isEqualTo(plain);
    }

    @Test
    void eachOfSeveralRecipientsCanDecrypt() throws Exception {
        AgeIdentity a = AgeIdentity.generate();
        AgeIdentity b = AgeIdentity.generate();
        byte[] cipher = AgeCodec.encrypt(new byte[] {1, 2, 3}, List.of(a.recipient(), b.recipient()));
        assertThat(AgeCodec.decrypt(cipher, a)).containsExactly(1, 2, 3);
        assertThat(AgeCodec.decrypt(cipher, b)).containsExactly(1, 2, 3);
    }

    @Test
    void aWrongIdentityOrACorruptFileFails() throws Exception {
        AgeIdentity right = AgeIdentity.generate();
        byte[] cipher = AgeCodec.encrypt(new byte[] {1, 2, 3}, List.of(right.recipient()));
        assertThatThrownBy(() -> AgeCodec.decrypt(cipher, AgeIdentity.generate())).isInstanceOf(SecretException.class);
        byte[] corrupt = cipher.clone();
        corrupt[corrupt.length - 1] ^= 1;
        assertThatThrownBy(() -> AgeCodec.decrypt(corrupt, right)).isInstanceOf(SecretException.class);
        assertThatThrownBy(() -> AgeCodec.decrypt("not age".getBytes(), right)).isInstanceOf(SecretException.class);
    }

    @Test
    void aBadRecipientIsAClearError() {
        assertThatThrownBy(() -> AgeCodec.encrypt(new byte[] {1}, List.of("age1nonsense")))
                .isInstanceOf(SecretException.class).hasMessageContaining("not an age X25519 recipient");
        assertThatThrownBy(() -> AgeCodec.encrypt(new byte[] {1}, List.of())).hasMessageContaining("no recipient");
    }

    @Test
    void theIdentityFileIsOwnerOnlyReadsBackAndIsNotOverwrittenWithoutForce() throws Exception {
        Path file = AgeIdentity.fileIn(dir.resolve("state"));
        AgeIdentity id = AgeIdentity.generate();
        id.writeTo(file, false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AgeIdentity.read(file)).isEqualTo(id);
        assertThat(id.toString()).doesNotContain(id.secretKey());
        assertThatThrownBy(() -> AgeIdentity.generate().writeTo(file, false)).hasMessageContaining("--force");
        AgeIdentity replacement = AgeIdentity.generate();
        replacement.writeTo(file, true);
        assertThat(AgeIdentity.read(file)).isEqualTo(replacement);
    }

    @Test
    void aMissingIdentitySaysToRunKeygen() {
        assertThatThrownBy(() -> AgeIdentity.read(dir.resolve("none.txt"))).hasMessageContaining("berth secret keygen");
    }
}
