package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong file given to --verify-commits, --trusted-keyring or 'berth trust' is a clear error at once. */
class TrustedKeyFilesTest {
    @TempDir
    Path tmp;

    @Test
    void anOpenPgpKeyringGivenAsAllowedSignersSaysWhereItBelongs() throws Exception {
        Path keyring = PgpSigningKey.generate("Ops <ops@example.invalid>").exportTo(tmp.resolve("trusted.asc"));
        assertThatThrownBy(() -> TrustedKeyFiles.checkedAllowedSigners(keyring.toString()))
                .hasMessageContaining("is an OpenPGP keyring").hasMessageContaining("--trusted-keyring")
                .hasMessageContaining("berth trust --keyring");
        assertThat(TrustedKeyFiles.checkedKeyring(keyring.toString())).isEqualTo(keyring.toAbsolutePath().toString());
    }

    @Test
    void anAllowedSignersFileGivenAsKeyringSaysHowToExportKeys() throws Exception {
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), SshSigningKey.generate(tmp.resolve("k")).allowedSignersLine("a@b"));
        assertThat(TrustedKeyFiles.checkedAllowedSigners(allowed.toString())).isEqualTo(allowed.toAbsolutePath().toString());
        assertThatThrownBy(() -> TrustedKeyFiles.checkedKeyring(allowed.toString()))
                .hasMessageContaining(allowed.toAbsolutePath().toString()).hasMessageContaining("holds no OpenPGP public key")
                .hasMessageContaining("gpg --export --armor");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> TrustedKeyFiles.checkedKeyring(missing.toString())).hasMessageContaining(missing + ": no readable");
        assertThatThrownBy(() -> TrustedKeyFiles.checkedAllowedSigners(missing.toString())).hasMessageContaining(missing + ": no readable");
    }
}
