package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenPGP commit signatures checked against a keyring of trusted public keys. */
class OpenPgpSignaturesTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private PgpSigningKey ops;
    private Path keyring;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("repo"));
        ops = PgpSigningKey.generate("Ops <ops@example.invalid>");
        keyring = ops.exportTo(tmp.resolve("trusted.asc"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private CommitSignatures.Verdict verify(String commit, Path allowedSigners, Path ring) throws GitException {
        try (GitSource source = GitSource.open(repo.dir().resolve(".git"), null)) {
            return CommitSignatures.verify(source, commit, allowedSigners, ring);
        }
    }

    private String signedBy(PgpSigningKey key, String content) throws Exception {
        repo.write("a.container", "[Container]\nImage=" + content + "\n");
        return SignedCommits.commit(repo, "image " + content, key::sign);
    }

    @Test
    void aCommitSignedByAKeyInTheKeyringPassesNamingTheKey() throws Exception {
        CommitSignatures.Verdict v = verify(signedBy(ops, "x"), null, keyring);
        assertThat(v.trusted()).as(v.detail()).isTrue();
        assertThat(v.detail()).contains("Ops <ops@example.invalid>").contains("OpenPGP key");
    }

    @Test
    void aCommitSignedByAKeyNotInTheKeyringIsRefused() throws Exception {
        PgpSigningKey stranger = PgpSigningKey.generate("Mallory <m@example.invalid>");
        CommitSignatures.Verdict v = verify(signedBy(stranger, "x"), null, keyring);
        assertThat(v.trusted()).isFalse();
        assertThat(v.detail()).contains("not trusted").contains("not in it");
    }

    @Test
    void aSignatureOverOtherBytesIsRefused() throws Exception {
        // the attacker reuses a good signature on a commit of their own
        String c = SignedCommits.commit(repo.write("a.container", "[Container]\nImage=evil\n"), "evil",
                data -> ops.sign("some other commit".getBytes()));
        CommitSignatures.Verdict v = verify(c, null, keyring);
        assertThat(v.trusted()).isFalse();
        assertThat(v.detail()).contains("does not match");
    }

    @Test
    void severalArmoredKeysOneAfterTheOtherAreAllTrusted() throws Exception {
        PgpSigningKey second = PgpSigningKey.generate("Second <second@example.invalid>");
        Files.write(keyring, second.armoredPublicKey(), StandardOpenOption.APPEND);
        assertThat(verify(signedBy(second, "2"), null, keyring).trusted()).isTrue();
        assertThat(verify(signedBy(ops, "1"), null, keyring).trusted()).isTrue();
    }

    @Test
    void withOnlyAnAllowedSignersFileAnOpenPgpCommitIsRefusedSayingHowToTrustAKeyring() throws Exception {
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), "x ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEx\n");
        CommitSignatures.Verdict v = verify(signedBy(ops, "x"), allowed, null);
        assertThat(v.trusted()).isFalse();
        assertThat(v.detail()).contains("OpenPGP").contains("berth trust --keyring");
    }

    @Test
    void withOnlyAKeyringAnSshCommitIsRefusedSayingHowToTrustSshKeys() throws Exception {
        SshSigningKey ssh = SshSigningKey.generate(tmp.resolve("ssh-key"));
        String c = repo.write("a.container", "[Container]\nImage=ssh\n").commitSigned("ssh", ssh);
        CommitSignatures.Verdict v = verify(c, null, keyring);
        assertThat(v.trusted()).isFalse();
        assertThat(v.detail()).contains("SSH").contains("berth trust FILE");
    }

    @Test
    void anUnreadableOrEmptyKeyringTrustsNothing() throws Exception {
        String c = signedBy(ops, "x");
        Files.writeString(keyring, "not a key\n");
        CommitSignatures.Verdict v = verify(c, null, keyring);
        assertThat(v.trusted()).isFalse();
        assertThat(v.detail()).contains("cannot be read").contains("gpg --export --armor");
    }

    @Test
    void theSignedBytesAreTheCommitWithoutItsSignatureHeader() {
        String raw = "tree 1\nparent 2\nauthor a\ncommitter c\ngpgsig -----BEGIN X-----\n abc\n \n -----END X-----\n"
                + "encoding x\n\nsubject\n\nbody with\ngpgsig in it\n";
        assertThat(new String(CommitSignatures.signedData(raw.getBytes())))
                .isEqualTo("tree 1\nparent 2\nauthor a\ncommitter c\nencoding x\n\nsubject\n\nbody with\ngpgsig in it\n");
    }
}
