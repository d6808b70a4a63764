package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH commit signatures checked against an allowed-signers file, with real keys and real signed commits. */
class CommitSignaturesTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private SshSigningKey trusted;
    private SshSigningKey stranger;
    private Path allowed;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("repo"));
        trusted = SshSigningKey.generate(tmp.resolve("keys/trusted"));
        stranger = SshSigningKey.generate(tmp.resolve("keys/stranger"));
        allowed = tmp.resolve("allowed_signers");
        Files.writeString(allowed, "# who may deploy\n" + trusted.allowedSignersLine("t@example.invalid"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private CommitSignatures.Verdict verify(String commit) throws GitException {
        try (GitSource source = GitSource.open(repo.dir().resolve(".git"), null)) {
            return CommitSignatures.verify(source, commit, allowed);
        }
    }

    @Test
    void aCommitSignedByATrustedKeyPasses() throws Exception {
        String c = repo.write("a.container", "[Container]\nImage=x\n").commitSigned("signed", trusted);
        CommitSignatures.Verdict v = verify(c);
        assertThat(v.trusted()).as(v.detail()).isTrue();
        assertThat(v.detail()).contains("t@example.invalid");
    }

    @Test
    void anUnsignedCommitIsRefused() throws Exception {
        String c = repo.write("a.container", "[Container]\nImage=x\n").commit("unsigned");
        CommitSignatures.Verdict v = verify(c);
        assertThat(v.trusted()).isFalse();
        assertThat(v.detail()).contains("not signed");
    }

    @Test
    void aCommitSignedByAnUnknownKeyIsRefused() throws Exception {
        String c = repo.write("a.container", "[Container]\nImage=x\n").commitSigned("by a stranger", stranger);
        CommitSignatures.Verdict v = verify(c);
        assertThat(v.trusted()).isFalse();
        assertThat(v.detail()).contains("not trusted");
    }

    @Test
    void keysRotateByEditingTheFileWithoutRestarting() throws Exception {
        String c = repo.write("a.container", "[Container]\nImage=x\n").commitSigned("by the new key", stranger);
        assertThat(verify(c).trusted()).isFalse();
        Files.writeString(allowed, stranger.allowedSignersLine("t@example.invalid"));
        assertThat(verify(c).trusted()).as("the new key is read at the next check").isTrue();
        Files.writeString(allowed, trusted.allowedSignersLine("t@example.invalid"));
        assertThat(verify(c).trusted()).as("a removed key is no longer trusted").isFalse();
    }

    @Test
    void theKeyDecidesNotThePrincipalAsWithGitVerifyCommit() throws Exception {
        Files.writeString(allowed, trusted.allowedSignersLine("someone-else@example.invalid"));
        String c = repo.write("a.container", "[Container]\nImage=x\n").commitSigned("signed", trusted);
        CommitSignatures.Verdict v = verify(c);
        assertThat(v.trusted()).isTrue();
        assertThat(v.detail()).as("the principal is named").contains("someone-else@example.invalid");
    }

    @Test
    void aMissingAllowedSignersFileTrustsNothing() throws Exception {
        String c = repo.write("a.container", "[Container]\nImage=x\n").commitSigned("signed", trusted);
        Files.delete(allowed);
        CommitSignatures.Verdict v = verify(c);
        assertThat(v.trusted()).isFalse();
        assertThat(v.detail()).contains("cannot be read");
    }
}
