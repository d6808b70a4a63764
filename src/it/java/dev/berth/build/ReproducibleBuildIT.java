package dev.berth.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.git.TestGitRepo;
import dev.berth.host.FileTrees;
import dev.berth.it.TestHost;
import dev.berth.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reproducible builds on two real test hosts: trixie (Podman 5.4, {@code --timestamp}) and forky
 * (Podman 5.8, {@code --source-date-epoch --rewrite-timestamp}). For each, a second, separate test host of
 * the same suite (its own systemd, Podman storage and registry) deploys the same commit and must build the
 * same manifest digest; so must the rootless user of the first host (its own Berth, clone and storage).
 * Both hosts hold a cached build of the same steps at another epoch first: Podman 5.4 reused such a cache
 * whatever the {@code --timestamp}, which is what made the digests of two hosts differ now and then.
 */
class ReproducibleBuildIT {
    private static final String BASE_TAG = "localhost:5000/busybox:test";

    /** The base pinned by digest: the test host re-imports busybox:test at boot, a new image each time. */
    private String base;

    private static final String BUILD = """
            [Build]
            ImageTag=localhost/it-repro:latest
            SetWorkingDirectory=./ctx
            File=Containerfile
            """;
    private String containerfile() {
        return """
            FROM %s
            COPY index.html /www/index.html
            RUN mkdir -p /data && echo built > /data/marker
            """.formatted(base);
    }
    private static final String APP = """
            [Container]
            Image=app.build
            ContainerName=it-repro-app
            Exec=sleep 100000
            StopTimeout=1
            """;
    private static final String STAMP_BUILD = """
            [Build]
            ImageTag=localhost/it-repro-stamp:latest
            SetWorkingDirectory=unit
            """;
    private String stampContainerfile() {
        return """
            FROM %s
            RUN sleep 1 && date +%%s%%N > /stamp
            """.formatted(base);
    }

    private String side(String marker) {
        return """
                [Container]
                Image=%s
                ContainerName=it-repro-side
                Exec=sleep 100000
                Environment=MARKER=%s
                StopTimeout=1
                """.formatted(BASE_TAG, marker);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"trixie", "forky"})
    void buildsAreReproducibleAndOnlyRebuiltWhenTheirInputsChange(String suite) throws Exception {
        TestHost host = suite.equals("trixie") ? TestHost.get() : TestHost.forSuite(suite);
        base = "localhost:5000/busybox@" + sh(host, "skopeo inspect --tls-verify=false --format '{{.Digest}}' docker://" + BASE_TAG);
        String expectedMode = suite.equals("trixie") ? "timestamp" : "source-date-epoch";
        Path dir = host.hostPath("/srv/share/it-repro");
        if (Files.exists(dir)) {
            FileTrees.deleteRecursively(dir);
        }
        try (TestGitRepo repo = TestGitRepo.create(dir)) {
            repo.write("app/app.build", BUILD).write("app/ctx/Containerfile", containerfile())
                    .write("app/ctx/index.html", "v1\n").write("app/app.container", APP)
                    .write("side.container", side("1"));
            String first = repo.commit("app and side");
            long firstTime = commitTime(repo, first);
            try {
                seedStaleCache(host, suite, "/srv/share/it-repro/app", 1_000_000_000L);
                ok(host.berth("init", "/srv/share/it-repro"));
                JsonNode build = build(host, false, "app.build");
                String digest1 = build.path("digest").asText();
                assertThat(digest1).startsWith("sha256:");
                assertThat(build.path("epoch").asLong()).isEqualTo(firstTime);
                assertThat(build.path("epochCommit").asText()).isEqualTo(first);
                assertThat(build.path("mode").asText()).isEqualTo(expectedMode);
                // the image is this commit's, not a cached build of the same steps at another epoch
                assertThat(sh(host, "podman image inspect --format '{{.Created.Unix}}' localhost/it-repro:latest"))
                        .isEqualTo(Long.toString(firstTime));
                assertThat(sh(host, "podman exec it-repro-app cat /www/index.html")).isEqualTo("v1");
                String appId = sh(host, "podman inspect --format '{{.Id}}' it-repro-app");
                assertThat(sh(host, "podman inspect --format '{{.Image}}' it-repro-app"))
                        .isEqualTo(build.path("imageId").asText());
                // a sync of the deployed commit (what the daemon does on every tick) changes nothing and succeeds:
                // the reused checkout must not show Berth's own generated drop-in as a repository file
                TestHost.Result resync = host.berth("sync");
                ok(resync);
                assertThat(sh(host, "podman inspect --format '{{.Id}}' it-repro-app")).isEqualTo(appId);

                // the same commit built again, with a stray SOURCE_DATE_EPOCH in Berth's environment
                TestHost.Result again = host.exec(Duration.ofMinutes(3), "env", "SOURCE_DATE_EPOCH=1", "/opt/berth/berth", "build", "app.build");
                ok(again);
                assertThat(again.stdout()).contains(digest1);
                // and by systemd, with SOURCE_DATE_EPOCH in the service manager's environment
                sh(host, "systemctl set-environment SOURCE_DATE_EPOCH=1 && systemctl restart app-build.service;"
                        + " r=$?; systemctl unset-environment SOURCE_DATE_EPOCH; exit $r");
                assertThat(build(host, false, "app.build").path("digest").asText()).isEqualTo(digest1);
                appId = sh(host, "podman inspect --format '{{.Id}}' it-repro-app"); // that restart restarted it

                // the same commit on a second "host": the rootless user's own Berth and image storage
                ok(host.berthAsTester("init", "/srv/share/it-repro"));
                assertThat(build(host, true, "app.build").path("digest").asText()).isEqualTo(digest1);
                host.berthAsTester("prune", "-q", "--images");

                // the same commit on a second, separate host of the same suite
                assertSameDigestOnASecondHost(host, suite, dir, first, digest1);

                // an unrelated commit: same epoch, same digest, the app's container untouched
                repo.write("side.container", side("2")).commit("only side changes");
                TestHost.Result sync = host.berth("sync");
                ok(sync);
                assertThat(sync.stdout()).contains("restart side.service").doesNotContain("app-build").doesNotContain("build app.build");
                JsonNode unchanged = build(host, false, "app.build");
                assertThat(unchanged.path("digest").asText()).isEqualTo(digest1);
                assertThat(unchanged.path("epoch").asLong()).isEqualTo(firstTime);
                assertThat(sh(host, "podman inspect --format '{{.Id}}' it-repro-app")).isEqualTo(appId);

                // re-pushing an unchanged build stores no new blob in the registry
                ok(host.exec(Duration.ofMinutes(3), "/opt/berth/berth", "build", "app.build", "--push", "localhost:5000"));
                long before = Long.parseLong(sh(host, "du -sb /var/lib/docker-registry | cut -f1"));
                ok(host.exec(Duration.ofMinutes(3), "/opt/berth/berth", "build", "app.build", "--push", "localhost:5000"));
                assertThat(Long.parseLong(sh(host, "du -sb /var/lib/docker-registry | cut -f1"))).isEqualTo(before);

                // a change to the context: new epoch, new digest, the app restarted on the new image
                Thread.sleep(1100); // a commit in another second than the first, so the epoch differs
                String third = repo.write("app/ctx/index.html", "v2\n").commit("new page");
                sync = host.berth("sync");
                ok(sync);
                assertThat(sync.stdout()).contains("build app.build").contains("restart app-build.service");
                JsonNode changed = build(host, false, "app.build");
                assertThat(changed.path("epochCommit").asText()).isEqualTo(third);
                assertThat(changed.path("digest").asText()).isNotEqualTo(digest1);
                assertThat(sh(host, "podman exec it-repro-app cat /www/index.html")).isEqualTo("v2");
                assertThat(sh(host, "podman inspect --format '{{.Image}}' it-repro-app")).isEqualTo(changed.path("imageId").asText());
                appId = sh(host, "podman inspect --format '{{.Id}}' it-repro-app");

                // --verify: the app is reproducible; a Containerfile that stamps the date is not, and is named
                repo.write("stamp/stamp.build", STAMP_BUILD).write("stamp/Containerfile", stampContainerfile()).commit("stamp");
                ok(host.berth("sync"));
                TestHost.Result verify = host.exec(Duration.ofMinutes(4), "/opt/berth/berth", "build", "--verify", "app.build", "stamp.build");
                assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
                assertThat(verify.stdout()).containsPattern("verify app.build.*\\n  reproducible: both builds have manifest digest sha256:")
                        .contains("NOT reproducible").containsPattern("layer \\d+ /stamp: content");

                // a failing build: the commit fails naming the unit and step; the app keeps running its image
                repo.write("app/ctx/Containerfile", containerfile() + "COPY missing.txt /missing.txt\n").commit("broken build");
                TestHost.Result failed = host.berth("sync");
                assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
                assertThat(failed.stderr()).contains("app/app.build").contains("STEP").contains("COPY missing.txt");
                assertThat(sh(host, "podman inspect --format '{{.Id}} {{.State.Status}}' it-repro-app")).isEqualTo(appId + " running");
                assertThat(sh(host, "podman exec it-repro-app cat /www/index.html")).isEqualTo("v2");
                assertThat(status(host, false).path("lastSync").path("result").asText()).isEqualTo("failed");
            } finally {
                host.berth("prune", "-q", "--images");
                host.berthAsTester("prune", "-q", "--images");
                host.exec("sh", "-c", "podman rmi -f localhost:5000/it-repro:latest " + STALE + " >/dev/null 2>&1; true");
            }
        } finally {
            FileTrees.deleteRecursively(dir);
        }
    }

    private static final String STALE = "localhost/it-repro-stale:latest";

    /**
     * Builds the app's steps on {@code host} with the layer cache on, at another epoch than any commit's, and
     * keeps the result: the cache a host has after building an earlier commit. A build of the commit must not
     * take its steps from there.
     */
    private static void seedStaleCache(TestHost host, String suite, String appDir, long epoch) {
        String flags = suite.equals("trixie") ? "--timestamp=" + epoch : "--source-date-epoch=" + epoch + " --rewrite-timestamp";
        sh(host, "cd " + appDir + " && podman build -q " + flags + " --tag " + STALE + " --file ctx/Containerfile ctx");
    }

    /**
     * The same commit deployed by Berth on a second, separate test host of the same suite builds the same
     * manifest digest. The base image is handed over with its digest preserved, as a registry shared by a
     * fleet would serve it; the second host has a stale cache of the same steps too.
     */
    private void assertSameDigestOnASecondHost(TestHost first, String suite, Path repoDir, String epochCommit, String digest) throws Exception {
        String dirOfFirst = System.getenv().getOrDefault("BERTH_TESTBED_DIR", "/var/tmp/berth-testbed");
        Path dirOfSecond = Path.of(suite.equals("trixie") ? dirOfFirst + "-second" : dirOfFirst + "-" + suite + "-second");
        TestHost second = TestHost.forDir(dirOfSecond, "repro-second-" + suite, suite);
        Path handover = first.hostPath("/srv/share/it-repro-base");
        try {
            FileTrees.deleteRecursively(handover);
            sh(first, "skopeo copy -q --preserve-digests --src-tls-verify=false docker://" + base + " dir:/srv/share/it-repro-base");
            copyTree(handover, second.hostPath("/srv/share/it-repro-base"));
            sh(second, "skopeo copy -q --preserve-digests --dest-tls-verify=false dir:/srv/share/it-repro-base"
                    + " docker://localhost:5000/busybox:it-repro-base");
            copyTree(repoDir, second.hostPath("/srv/share/it-repro"));
            seedStaleCache(second, suite, "/srv/share/it-repro/app", 1_100_000_000L);
            ok(second.berth("init", "/srv/share/it-repro"));
            JsonNode built = build(second, false, "app.build");
            System.out.println("ReproducibleBuildIT " + suite + ": first host " + digest + ", second host " + built.path("digest").asText());
            assertThat(built.path("epochCommit").asText()).isEqualTo(epochCommit);
            if (!built.path("digest").asText().equals(digest)) {
                sh(first, "rm -rf /srv/share/it-repro-img && skopeo copy -q containers-storage:localhost/it-repro:latest oci:/srv/share/it-repro-img:x");
                sh(second, "rm -rf /srv/share/it-repro-img && skopeo copy -q containers-storage:localhost/it-repro:latest oci:/srv/share/it-repro-img:x");
                List<String> differences = ImageBuilds.differences(OciLayout.read(first.hostPath("/srv/share/it-repro-img")),
                        OciLayout.read(second.hostPath("/srv/share/it-repro-img")));
                throw new AssertionError("the same commit built another digest on a second " + suite + " host: " + digest + " → "
                        + built.path("digest").asText() + "; first → second:\n  " + String.join("\n  ", differences));
            }
        } finally {
            second.berth("prune", "-q", "--images");
            second.exec("sh", "-c", "podman rmi -f " + STALE + " >/dev/null 2>&1; true");
            FileTrees.deleteRecursively(second.hostPath("/srv/share/it-repro"));
            FileTrees.deleteRecursively(second.hostPath("/srv/share/it-repro-base"));
            FileTrees.deleteRecursively(handover);
            FileTrees.deleteRecursively(first.hostPath("/srv/share/it-repro-img"));
            FileTrees.deleteRecursively(second.hostPath("/srv/share/it-repro-img"));
            if (System.getenv("KEEP_TESTBED") == null) {
                second.down();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        FileTrees.deleteRecursively(to);
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static JsonNode build(TestHost host, boolean rootless, String unit) throws Exception {
        for (JsonNode b : status(host, rootless).path("builds")) {
            if (b.path("unit").asText().equals(unit)) {
                return b;
            }
        }
        throw new AssertionError("status --json shows no build " + unit + ": " + status(host, rootless));
    }

    private static JsonNode status(TestHost host, boolean rootless) throws Exception {
        TestHost.Result r = rootless ? host.berthAsTester("status", "--json") : host.berth("status", "--json");
        ok(r);
        return StateStore.json().readTree(r.stdout());
    }

    private static String sh(TestHost host, String script) {
        return ok(host.exec(Duration.ofMinutes(3), "sh", "-c", script)).stdout().strip();
    }

    private static TestHost.Result ok(TestHost.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static long commitTime(TestGitRepo repo, String id) throws Exception {
        try (RevWalk walk = new RevWalk(repo.git().getRepository())) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(id));
            return c.getCommitTime();
        }
    }
}
