package dev.berth.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files used by several units are read and hashed once per read: the sharing must not blur what changed. */
class SharedInputsTest {

    @TempDir
    Path dir;

    @Test
    void aFolderMountedByTwoUnitsChangesBothInputDigestsWhenAFileInItChanges() {
        TestRepo r = new TestRepo(dir)
                .file("shared/conf/app.conf", "workers 1\n")
                .file("shared/conf/extra/log.conf", "level info\n")
                .file("a/a.container", "[Container]\nImage=nginx\nVolume=../shared/conf:/etc/app:ro\n")
                .file("b/b.container", "[Container]\nImage=nginx\nMount=type=bind,source=../shared/conf,destination=/etc/app\n")
                .file("c/c.container", "[Container]\nImage=nginx\n");
        RepositoryScan before = r.read();
        r.file("shared/conf/extra/log.conf", "level debug\n");
        RepositoryScan after = r.read();

        assertThat(before.problems()).isEmpty();
        for (String unit : new String[] {"a.container", "b.container"}) {
            assertThat(before.desired().units().get(unit).supportingFiles())
                    .containsExactly("shared/conf/app.conf", "shared/conf/extra/log.conf");
            assertThat(after.desired().units().get(unit).inputDigest())
                    .isNotEqualTo(before.desired().units().get(unit).inputDigest());
        }
        assertThat(after.desired().units().get("c.container").inputDigest())
                .isEqualTo(before.desired().units().get("c.container").inputDigest());
        assertThat(after.desired().files().get("quadlet/shared/conf/extra/log.conf").digest())
                .isEqualTo(Sha256.of("level debug\n"));
    }

    @Test
    void aUnitFileInsideABuildContextIsHashedLikeAnyOtherFileOfTheContext() {
        TestRepo r = new TestRepo(dir)
                .file("img/app.build", "[Build]\nImageTag=localhost/app\nSetWorkingDirectory=unit\n")
                .file("img/Containerfile", "FROM scratch\n")
                .file("img/web.container", "[Container]\nImage=app.build\n");
        RepositoryScan before = r.read();
        r.file("img/web.container", "[Container]\nImage=app.build\nEnvironment=A=1\n");
        RepositoryScan after = r.read();

        assertThat(before.problems()).isEmpty();
        assertThat(before.desired().units().get("app.build").supportingFiles())
                .containsExactly("img/Containerfile", "img/web.container");
        assertThat(after.desired().units().get("app.build").inputDigest())
                .isNotEqualTo(before.desired().units().get("app.build").inputDigest());
        assertThat(after.desired().files().get("quadlet/img/web.container").digest())
                .isEqualTo(Sha256.of("[Container]\nImage=app.build\nEnvironment=A=1\n"));
    }
}
