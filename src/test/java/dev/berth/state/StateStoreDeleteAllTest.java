package dev.berth.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.secret.AgeIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prune empties the state folder but keeps the lock and the age key the repository's secrets are encrypted to. */
class StateStoreDeleteAllTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheLockAndTheAgeKeyWhereSecretKeygenWritesIt() throws Exception {
        StateStore store = new StateStore(dir);
        store.saveApplied(new AppliedState("c1", Map.of(), Map.of()));
        Files.createDirectories(store.cloneDir().resolve("objects"));
        Files.writeString(store.cloneDir().resolve("objects/pack"), "x");
        Files.writeString(dir.resolve("lock"), "");
        AgeIdentity.generate().writeTo(AgeIdentity.fileIn(dir), false);

        store.deleteAll();

        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("lock", AgeIdentity.fileIn(dir).getFileName().toString());
        }
    }
}
