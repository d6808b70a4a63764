package dev.berth.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.RepositoryReading.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a load of a followed checkout may read only the changed paths, and every doubt that makes it read all. */
class CheckedRepositoryLoaderTest {

    @TempDir
    Path checkout;

    private final CheckedRepositoryLoader loader = new CheckedRepositoryLoader();

    @BeforeEach
    void firstCommit() throws Exception {
        write("web.container", "[Container]\nImage=a\nEnvironmentFile=web.env\n");
        write("web.env", "A=1\n");
        loader.load(checkout, new CheckoutVersion("c1", ""), CommitDiff.UNKNOWN);
        assertThat(loader.lastReadKind()).contains(Kind.FULL);
    }

    private void write(String path, String content) throws Exception {
        Files.createDirectories(checkout.resolve(path).getParent());
        Files.writeString(checkout.resolve(path), content);
    }

    private static CommitDiff changed(String... paths) {
        return (from, to) -> Optional.of(Set.of(paths));
    }

    @Test
    void aNewCommitIsReadOnlyWhereGitSaysItChanged() throws Exception {
        write("web.env", "A=2\n");
        LoadedRepository loaded = loader.load(checkout, new CheckoutVersion("c2", ""), changed("web.env"));
        assertThat(loader.lastReadKind()).contains(Kind.CHANGED_UNITS);
        assertThat(loaded.desired()).isEqualTo(new CheckedRepositoryLoader().load(checkout, null).desired());
    }

    @Test
    void aFileAddedBuildsEveryUnitAgainFromTheUnchangedFilesParses() throws Exception {
        write("db.container", "[Container]\nImage=b\n");
        LoadedRepository loaded = loader.load(checkout, new CheckoutVersion("c2", ""), changed("db.container"));
        assertThat(loader.lastReadKind()).contains(Kind.CHANGED_ONLY);
        assertThat(loaded.desired()).isEqualTo(new CheckedRepositoryLoader().load(checkout, null).desired());
    }

    @Test
    void aUnitWhoseSystemdNameChangesBuildsEveryUnitAgain() throws Exception {
        write("web.container", "[Container]\nImage=a\nEnvironmentFile=web.env\nServiceName=site\n");
        LoadedRepository loaded = loader.load(checkout, new CheckoutVersion("c2", ""), changed("web.container"));
        assertThat(loader.lastReadKind()).contains(Kind.CHANGED_ONLY);
        assertThat(loaded.desired()).isEqualTo(new CheckedRepositoryLoader().load(checkout, null).desired());
    }

    @Test
    void gitNotKnowingIsAFullRead() throws Exception {
        loader.load(checkout, new CheckoutVersion("c2", ""), CommitDiff.UNKNOWN);
        assertThat(loader.lastReadKind()).contains(Kind.FULL);
    }

    @Test
    void aChangedBerthTomlIsAFullRead() throws Exception {
        write("berth.toml", "default = \"all\"\n");
        loader.load(checkout, new CheckoutVersion("c2", ""), changed("berth.toml"));
        assertThat(loader.lastReadKind()).contains(Kind.FULL);
    }

    @Test
    void anotherFollowedFolderIsAFullRead() throws Exception {
        loader.load(checkout, new CheckoutVersion("c2", "site"), changed("web.env"));
        assertThat(loader.lastReadKind()).contains(Kind.FULL);
    }

    @Test
    void aForgottenReadIsAFullRead() throws Exception {
        loader.forgetEarlierReads();
        loader.load(checkout, new CheckoutVersion("c2", ""), changed("web.env"));
        assertThat(loader.lastReadKind()).contains(Kind.FULL);
    }

    @Test
    void aChangedPathThatIsNowASymlinkIsAFullRead() throws Exception {
        Files.delete(checkout.resolve("web.env"));
        Files.writeString(checkout.resolve("other.env"), "A=3\n");
        Files.createSymbolicLink(checkout.resolve("web.env"), Path.of("other.env"));
        loader.load(checkout, new CheckoutVersion("c2", ""), changed("web.env", "other.env"));
        assertThat(loader.lastReadKind()).contains(Kind.FULL);
    }

    @Test
    void aPathOutsideTheCheckoutIsAFullRead() throws Exception {
        loader.load(checkout, new CheckoutVersion("c2", ""), changed("../web.env"));
        assertThat(loader.lastReadKind()).contains(Kind.FULL);
    }
}
