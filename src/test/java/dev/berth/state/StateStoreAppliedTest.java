package dev.berth.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.host.FileStamp;
import dev.berth.testing.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store hands back the applied state it parsed last, the same object, while {@code applied.json} has the same
 * stamp and was settled when read; anything else is read from the file again.
 */
class StateStoreAppliedTest {
    @TempDir
    Path dir;

    /** Later than every write below by more than the racy window, unless a test moves it. */
    private final SettableClock clock = new SettableClock(Instant.now().plusSeconds(60));

    private StateStore store() {
        return new StateStore(dir, clock);
    }

    private static AppliedState state(String commit) {
        return new AppliedState(commit, Map.of("web/web.container", "a".repeat(64)),
                Map.of("web.container", new AppliedUnit("web.container", "web.service", "d1", true)));
    }

    private Path file() {
        return dir.resolve("applied.json");
    }

    @Test
    void anUnchangedSettledFileGivesTheSameObject() throws Exception {
        StateStore store = store();
        store.saveApplied(state("c1"));
        AppliedState first = store.applied();
        assertThat(first).isEqualTo(state("c1"));
        assertThat(store.applied()).isSameAs(first);
        assertThat(store.applied()).isSameAs(first);
        // shared between syncs and threads, so nobody may change it: as parsed, its maps are unmodifiable
        assertThatThrownBy(() -> first.files().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.units().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Held by the stamp (a new file) and by saveApplied forgetting what it parsed: either alone keeps it. */
    @Test
    void aSavedStateIsReadAsANewObject() throws Exception {
        StateStore store = store();
        store.saveApplied(state("c1"));
        AppliedState first = store.applied();
        store.saveApplied(state("c1"));
        AppliedState again = store.applied();
        assertThat(again).isEqualTo(first).isNotSameAs(first);
        store.saveApplied(state("c2"));
        assertThat(store.applied().commit()).isEqualTo("c2");
    }

    @Test
    void aFileRenamedOverItByAnotherProcessIsReadAgainThoughSizeAndMtimeAreTheSame() throws Exception {
        StateStore store = store();
        store.saveApplied(state("c1"));
        AppliedState first = store.applied();
        FileTime mtime = Files.getLastModifiedTime(file());
        // another process writes it as Berth does, to a new file renamed over it: same size, mtime put back
        Path written = dir.resolve("applied.json.other");
        Files.write(written, StateStore.json().writeValueAsBytes(state("c2")));
        Files.setLastModifiedTime(written, mtime);
        Files.move(written, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(Files.size(file())).isEqualTo(StateStore.json().writeValueAsBytes(first).length);

        assertThat(store.applied().commit()).isEqualTo("c2");
    }

    @Test
    void aFileRewrittenInPlaceWithItsMtimePutBackIsReadAgainByItsCtime() throws Exception {
        StateStore store = store();
        store.saveApplied(state("c1"));
        FileStamp before = FileStamp.of(file()).orElseThrow();
        AppliedState first = store.applied();
        byte[] other = StateStore.json().writeValueAsBytes(state("c2")); // the same size: one character differs
        // rewritten in place (same inode) until the kernel's file clock has ticked, so that ctime moved
        do {
            Files.write(file(), other);
            Files.setLastModifiedTime(file(), before.mtime());
        } while (FileStamp.of(file()).orElseThrow().ctime().equals(before.ctime()));
        FileStamp after = FileStamp.of(file()).orElseThrow();
        assertThat(after.inode()).isEqualTo(before.inode());
        assertThat(after.size()).isEqualTo(before.size());
        assertThat(after.mtime()).isEqualTo(before.mtime());

        assertThat(store.applied()).isNotSameAs(first).extracting(AppliedState::commit).isEqualTo("c2");
    }

    @Test
    void aFileReadWithinTheRacyWindowOfItsWriteIsNotRemembered() throws Exception {
        StateStore store = store();
        store.saveApplied(state("c1"));
        clock.set(Instant.now()); // right after the write
        AppliedState first = store.applied();
        assertThat(store.applied()).isEqualTo(first).isNotSameAs(first);
        clock.set(Instant.now().plusSeconds(60)); // settled now: remembered from here on
        AppliedState settled = store.applied();
        assertThat(store.applied()).isSameAs(settled);
    }

    @Test
    void aRemovedFileIsTheEmptyStateAndADamagedOneTheSameErrorAsEver() throws Exception {
        StateStore store = store();
        store.saveApplied(state("c1"));
        store.applied();
        Files.delete(file());
        assertThat(store.applied()).isEqualTo(AppliedState.empty());

        store.saveApplied(state("c1"));
        store.applied();
        Files.writeString(file(), "{\"commit\": "); // as a torn write by something else would leave it
        assertThatThrownBy(store::applied).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot read " + file()).hasMessageContaining("the file is damaged");
    }
}
