package dev.berth.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NAME.age defines the secret NAME; a container saying Secret=NAME depends on that file. */
class SecretFilesTest {

    @TempDir
    Path dir;

    private TestRepo repo() {
        return new TestRepo(dir)
                .file("app/app.container", "[Container]\nImage=docker.io/library/alpine\nSecret=db-password,type=env,target=DB_PASSWORD\nSecret=host-managed\n")
                .file("other.container", "[Container]\nImage=docker.io/library/alpine\n")
                .bytes("secrets/db-password.age", new byte[] {1, 2, 3});
    }

    @Test
    void aContainerUsingASecretHasItsAgeFileAsASupportingFileAndAChangeRestartsOnlyIt() {
        RepositoryScan before = repo().read();
        assertThat(before.hasErrors()).isFalse();
        assertThat(before.desired().units().get("app.container").supportingFiles()).containsExactly("secrets/db-password.age");
        RepositoryScan after = repo().bytes("secrets/db-password.age", new byte[] {4, 5, 6}).read();
        assertThat(after.desired().units().get("app.container").inputDigest())
                .isNotEqualTo(before.desired().units().get("app.container").inputDigest());
        assertThat(after.desired().units().get("other.container").inputDigest())
                .isEqualTo(before.desired().units().get("other.container").inputDigest());
    }

    @Test
    void aSecretNoAgeFileDefinesIsLeftToTheHost() {
        RepositoryScan scan = new TestRepo(dir)
                .file("app.container", "[Container]\nImage=docker.io/library/alpine\nSecret=host-managed\n").read();
        assertThat(scan.hasErrors()).isFalse();
        assertThat(scan.desired().units().get("app.container").supportingFiles()).isEmpty();
    }

    @Test
    void twoFilesDefiningTheSameSecretAreAnError() {
        RepositoryScan scan = repo().bytes("elsewhere/db-password.age", new byte[] {9}).read();
        assertThat(scan.problems()).filteredOn(p -> p.severity() == Problem.Severity.ERROR)
                .extracting(Problem::file).containsExactlyInAnyOrder("secrets/db-password.age", "elsewhere/db-password.age");
        assertThat(scan.problems()).anySatisfy(p -> assertThat(p.message()).contains("defines the secret 'db-password' again"));
    }

    @Test
    void anInvalidSecretNameIsAnError() {
        RepositoryScan scan = repo().bytes("secrets/-bad name.age", new byte[] {9}).read();
        assertThat(scan.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("secrets/-bad name.age");
            assertThat(p.message()).contains("not a valid secret name");
        });
    }

    @Test
    void anAgeFileOverTheLimitIsAnErrorNamingItAndTheLimitEvenWhenNoContainerUsesIt() {
        RepositoryScan scan = repo().bytes("unused.age", new byte[(int) SecretFiles.MAX_AGE_BYTES + 1]).read();
        assertThat(scan.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("unused.age");
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.message()).contains("is 1048577 bytes, over the limit of 1 MiB for a .age file");
        });
        assertThat(repo().bytes("unused.age", new byte[(int) SecretFiles.MAX_AGE_BYTES]).read().hasErrors()).as("at the limit").isFalse();
    }
}
