package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What status shows of a commit's signature, with real keys and signed commits, checked once per commit and key file. */
class SignatureChecksTest {
    @TempDir
    Path tmp;

    @Test
    void verifiedByWhichKeyUnsignedFailedOrNotRequiredAndEachCheckedOnce() throws Exception {
        SshSigningKey trusted = SshSigningKey.generate(tmp.resolve("keys/trusted"));
        SshSigningKey stranger = SshSigningKey.generate(tmp.resolve("keys/stranger"));
        Path allowed = tmp.resolve("allowed_signers");
        Files.writeString(allowed, trusted.allowedSignersLine("ops@example.invalid"));
        try (TestGitRepo repo = TestGitRepo.create(tmp.resolve("r"))) {
            String signed = repo.write("a.container", "[Container]\nImage=a\n").commitSigned("signed", trusted);
            String unsigned = repo.write("a.container", "[Container]\nImage=b\n").commit("unsigned");
            String foreign = repo.write("a.container", "[Container]\nImage=c\n").commitSigned("by a stranger", stranger);
            SignatureChecks checks = new SignatureChecks();
            try (GitSource source = GitSource.open(repo.dir().resolve(".git"), null)) {
                SignatureStatus ok = checks.of(source, signed, allowed, null);
                assertThat(ok.kind()).isEqualTo(SignatureStatus.Kind.VERIFIED);
                assertThat(ok.detail()).contains("ops@example.invalid").contains("key SHA256:");
                assertThat(checks.of(source, unsigned, allowed, null)).isEqualTo(new SignatureStatus(SignatureStatus.Kind.UNSIGNED, null));
                assertThat(checks.of(source, foreign, allowed, null).kind()).isEqualTo(SignatureStatus.Kind.FAILED);
                assertThat(checks.of(source, signed, null, null)).isEqualTo(SignatureStatus.NOT_REQUIRED);
                assertThat(checks.checks()).isEqualTo(3);

                assertThat(checks.of(source, signed, allowed, null)).isEqualTo(ok);
                assertThat(checks.checks()).as("asked again: answered from memory").isEqualTo(3);

                Files.writeString(allowed, stranger.allowedSignersLine("ops@example.invalid"));
                Files.setLastModifiedTime(allowed, FileTime.from(Instant.now().plusSeconds(5))); // same size: the time tells
                assertThat(checks.of(source, signed, allowed, null).kind()).as("a removed key is seen at once")
                        .isEqualTo(SignatureStatus.Kind.FAILED);
                assertThat(checks.of(source, foreign, allowed, null).kind()).isEqualTo(SignatureStatus.Kind.VERIFIED);
            }
        }
    }
}
