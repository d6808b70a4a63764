package dev.berth.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.apply.ApplyException;
import dev.berth.apply.DeployException;
import dev.berth.build.BuildException;
import dev.berth.git.GitException;
import dev.berth.git.UnsafeTreeException;
import dev.berth.host.HostException;
import dev.berth.secret.AgeCodec;
import dev.berth.secret.AgeIdentity;
import dev.berth.secret.SecretException;
import dev.berth.unit.UnitSyntaxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure Berth reports carries what failed, so callers branch on the kind, not on the class or the words. */
class FailureKindTest {
    @TempDir
    Path dir;

    @Test
    void eachStepsFailureHasTheKindOfWhatFailsInIt() {
        assertThat(new GitException("cannot fetch").kind()).isEqualTo(FailureKind.GIT);
        assertThat(new UnsafeTreeException("a name that leaves the folder").kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(new HostException("systemctl failed").kind()).isEqualTo(FailureKind.HOST);
        assertThat(new ApplyException("cannot write").kind()).isEqualTo(FailureKind.HOST);
        assertThat(new BuildException("build failed").kind()).isEqualTo(FailureKind.BUILD);
        assertThat(new SecretException("cannot decrypt").kind()).isEqualTo(FailureKind.SECRET);
        assertThat(new DeployException("cannot save history").kind()).isEqualTo(FailureKind.STATE);
        assertThat(new UnitSyntaxException("web.container", 3, "no section").kind()).isEqualTo(FailureKind.INVALID_INPUT);
    }

    @Test
    void aStepStoppedByAnotherStepsFailureKeepsItsKindAndMessage() {
        DeployException fetchFailed = new DeployException("cannot fetch x", new GitException("cannot fetch x"));
        ApplyException unitFailed = new ApplyException("start web.service failed", new HostException("start web.service failed"));
        ApplyException secretFailed = new ApplyException("cannot put back the secrets", new SecretException("bad key"));
        DeployException stateFailed = new DeployException("cannot save history: disk full", new IOException("disk full"));

        assertThat(fetchFailed.kind()).isEqualTo(FailureKind.GIT);
        assertThat(fetchFailed).hasMessage("cannot fetch x");
        assertThat(unitFailed.kind()).isEqualTo(FailureKind.HOST);
        assertThat(secretFailed.kind()).isEqualTo(FailureKind.SECRET);
        assertThat(stateFailed.kind()).as("not a Berth failure underneath: the step's own kind").isEqualTo(FailureKind.STATE);
    }

    @Test
    void whatBerthRefusesOrIsGivenWrongIsSaidSoWhereverItIsThrown() throws Exception {
        Path key = AgeIdentity.fileIn(dir);
        AgeIdentity.generate().writeTo(key, false);

        SecretException existing = catchThrowableOfType(SecretException.class, () -> AgeIdentity.generate().writeTo(key, false));
        SecretException badRecipient = catchThrowableOfType(SecretException.class,
                () -> AgeCodec.encrypt(new byte[] {1}, List.of("age1nonsense")));

        assertThat(existing.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(existing).hasMessageContaining("--force");
        assertThat(badRecipient.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat((BerthException) existing).as("one type catches them all").isInstanceOf(BerthException.class);
    }
}
