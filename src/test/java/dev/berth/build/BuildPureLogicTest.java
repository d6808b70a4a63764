package dev.berth.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.LastChange;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildPureLogicTest {

    @Test
    void generatedBuildsAreReadFromTheDryRun() {
        String out = """
                ---app-build.service---
                [Service]
                WorkingDirectory=/tmp/q
                ExecStart=/usr/bin/podman build --tag localhost/app:latest --file Containerfile --timestamp=1700000000 ./app
                [Unit]
                SourcePath=/tmp/q/app.build

                ---web.service---
                [Service]
                ExecStart=/usr/bin/podman run --name web x
                [Unit]
                SourcePath=/tmp/q/web.container
                """;
        Map<String, PodmanBuild> builds = GeneratedBuilds.parse(out);
        assertThat(builds).containsOnlyKeys("app-build.service");
        PodmanBuild b = builds.get("app-build.service");
        assertThat(b.unit()).isEqualTo("app.build");
        assertThat(b.tag()).isEqualTo("localhost/app:latest");
        assertThat(b.retagged("localhost/v:first", List.of("--no-cache")).argv()).containsExactly("/usr/bin/podman", "build",
                "--no-cache", "--tag", "localhost/v:first", "--file", "Containerfile", "--timestamp=1700000000", "./app");
    }

    @Test
    void modeFollowsThePodmanVersion() {
        assertThat(TimestampMode.forPodman(PodmanVersion.parse("5.4.2"))).isEqualTo(TimestampMode.TIMESTAMP);
        assertThat(TimestampMode.forPodman(PodmanVersion.parse("5.6.0"))).isEqualTo(TimestampMode.SOURCE_DATE_EPOCH);
        assertThat(TimestampMode.SOURCE_DATE_EPOCH.podmanArgs(42)).containsExactly("--source-date-epoch=42", "--rewrite-timestamp");
        assertThat(TimestampMode.TIMESTAMP.podmanArgs(42)).containsExactly("--timestamp=42", "--no-cache");
    }

    @Test
    void theDropInKeepsTheHostsCacheAndImageNamesOutOfTheImage() {
        // Podman 5.4 reuses a cached step whatever its --timestamp: the drop-in must turn the cache off there,
        // and only there (5.6+ keys the cache on --source-date-epoch, so a warm cache is still right); on both,
        // the base image's local name must not reach the history or the manifest's base.name annotation
        BuildEpoch old = new BuildEpoch("app.build", "localhost/app:latest",
                new LastChange("0123456789abcdef0123456789abcdef01234567", 1700000000L), TimestampMode.TIMESTAMP, "5.4.2");
        assertThat(ReproducibleDropIn.content(old)).contains("\nPodmanArgs=--timestamp=1700000000 --no-cache --omit-history --annotation=org.opencontainers.image.base.name=\n");
        BuildEpoch current = new BuildEpoch("app.build", "localhost/app:latest",
                new LastChange("0123456789abcdef0123456789abcdef01234567", 1700000000L), TimestampMode.SOURCE_DATE_EPOCH, "5.8.6");
        assertThat(ReproducibleDropIn.content(current))
                .contains("\nPodmanArgs=--source-date-epoch=1700000000 --rewrite-timestamp --omit-history"
                        + " --annotation=org.opencontainers.image.base.name=\n").doesNotContain("--no-cache");
    }

    @Test
    void buildFailureNamesTheStepAndTheError() {
        String out = "STEP 1/3: FROM x\nSTEP 2/3: COPY missing.txt /x\nError: building at STEP \"COPY missing.txt /x\": no such file\n";
        assertThat(BuildFailure.describe(out)).isEqualTo("failed at STEP 2/3: COPY missing.txt /x: Error: building at STEP"
                + " \"COPY missing.txt /x\": no such file");
    }

    @Test
    void layerDiffNamesTheEntryAndWhatDiffers() throws Exception {
        Map<String, TarEntry> a = TarListing.read(new ByteArrayInputStream(TarListingTest.gzip(TarListingTest.ustar("stamp", "111\n", 100, 0))));
        Map<String, TarEntry> b = TarListing.read(new ByteArrayInputStream(TarListingTest.ustar("stamp", "222\n", 200, 1000)));
        assertThat(LayerDiff.between(a, b)).hasSize(1).first().hasToString("/stamp: content, mtime 100 → 200, owner 0:0 → 1000:0");
        assertThat(LayerDiff.between(a, a)).isEmpty();
    }
}
