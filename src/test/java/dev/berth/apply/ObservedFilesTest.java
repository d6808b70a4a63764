package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.host.HostLayout;
import dev.berth.repo.Sha256;
import dev.berth.state.AppliedState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files on disk come back as the last call's map while nothing changed, so the planner's memory knows them
 * by identity; any change gives a new map with the new content.
 */
class ObservedFilesTest {
    @TempDir
    Path tmp;

    private HostLayout layout;
    private ObservedFiles observed;

    @BeforeEach
    void setUp() throws IOException {
        layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets"), tmp.resolve("units"), tmp.resolve("run"));
        Files.createDirectories(layout.quadletDir().resolve("web"));
        Files.writeString(layout.quadletDir().resolve("web/web.container"), "[Container]\nImage=web\n");
        Files.writeString(layout.quadletDir().resolve("web/web.env"), "V=1\n");
        Files.writeString(layout.quadletDir().resolve("web/db.env"), "V=2\n");
        // the files above are settled by then, so their hashes are remembered
        Clock settled = Clock.fixed(Instant.now().plusSeconds(60), ZoneOffset.UTC);
        observed = new ObservedFiles(new InstalledFileHashes(settled, Duration.ofHours(1), file -> {
            if (file.getFileName().toString().endsWith(".broken")) {
                throw new IOException("cannot read " + file);
            }
            return Sha256.ofFile(file);
        }));
    }

    private static AppliedState applied(String... targets) {
        Map<String, String> files = new TreeMap<>();
        for (String target : targets) {
            files.put(target, "recorded digest");
        }
        return new AppliedState("c1", files, Map.of());
    }

    private static final AppliedState WEB = applied("quadlet/web/web.container", "quadlet/web/web.env", "quadlet/web/db.env");

    @Test
    void manyFilesAreLookedAtTogetherWithTheSameAnswers() throws IOException {
        int n = ObservedFiles.IN_PARALLEL_FROM + 200;
        Map<String, String> files = new TreeMap<>();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String target = "quadlet/many/f" + i + (i % 7 == 0 ? ".broken" : ".env");
            files.put(target, "recorded digest");
            if (i % 5 != 0) { // every fifth is missing: absent from the map
                Path file = layout.pathOf(target);
                Files.createDirectories(file.getParent());
                Files.writeString(file, "N=" + i + "\n");
                expected.put(target, i % 7 == 0 ? "unreadable" : Sha256.of("N=" + i + "\n"));
            }
        }
        AppliedState many = new AppliedState("c1", files, Map.of());
        Map<String, String> first = observed.of(layout, many);
        assertThat(new TreeMap<>(first)).isEqualTo(expected);
        assertThat(observed.of(layout, many)).as("nothing changed: the same map").isSameAs(first);
        Files.writeString(layout.pathOf("quadlet/many/f1.env"), "N=changed\n");
        Map<String, String> changed = observed.of(layout, many);
        assertThat(changed).isNotSameAs(first).containsEntry("quadlet/many/f1.env", Sha256.of("N=changed\n")).hasSize(expected.size());
        assertThatThrownBy(() -> changed.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nothingChangedOnDiskGivesTheSameMap() {
        Map<String, String> first = observed.of(layout, WEB);
        assertThat(first).hasSize(3);
        assertThat(observed.of(layout, WEB)).isSameAs(first);
        assertThat(observed.of(layout, applied(WEB.files().keySet().toArray(String[]::new)))).as("an equal applied state")
                .isSameAs(first);
        assertThatThrownBy(() -> first.put("quadlet/x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFileChangedOrRemovedOnDiskGivesANewMapWithWhatIsThere() throws IOException {
        Map<String, String> first = observed.of(layout, WEB);
        Files.writeString(layout.quadletDir().resolve("web/web.env"), "V=edited\n");
        Map<String, String> edited = observed.of(layout, WEB);
        assertThat(edited).isNotSameAs(first).containsEntry("quadlet/web/web.env", Sha256.of("V=edited\n"))
                .containsEntry("quadlet/web/db.env", first.get("quadlet/web/db.env"));

        Files.delete(layout.quadletDir().resolve("web/db.env"));
        Map<String, String> removed = observed.of(layout, WEB);
        assertThat(removed).isNotSameAs(edited).doesNotContainKey("quadlet/web/db.env").hasSize(2);
        assertThat(observed.of(layout, WEB)).isSameAs(removed);
    }

    @Test
    void anotherAppliedStateGetsAMapOfItsOwnTargets() throws IOException {
        Map<String, String> all = observed.of(layout, WEB);
        AppliedState fewer = applied("quadlet/web/web.container", "quadlet/web/web.env");
        assertThat(observed.of(layout, fewer)).as("a part of the last map's entries, the very same strings")
                .isNotSameAs(all).containsOnlyKeys(fewer.files().keySet());

        // unreadable files have the same marker string: the same size and values, other targets
        Files.writeString(layout.quadletDir().resolve("web/a.broken"), "x");
        Files.writeString(layout.quadletDir().resolve("web/b.broken"), "x");
        Map<String, String> a = observed.of(layout, applied("quadlet/web/web.container", "quadlet/web/a.broken"));
        assertThat(observed.of(layout, applied("quadlet/web/web.container", "quadlet/web/b.broken")))
                .isNotSameAs(a).containsOnlyKeys("quadlet/web/web.container", "quadlet/web/b.broken");
    }
}
