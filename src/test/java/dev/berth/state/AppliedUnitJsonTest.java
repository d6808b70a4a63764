package dev.berth.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The applied state keeps each unit's dependencies, and state files from before they were recorded still read. */
class AppliedUnitJsonTest {
    @TempDir
    Path dir;

    @Test
    void dependenciesSurviveASaveAndLoad() throws Exception {
        StateStore store = new StateStore(dir);
        AppliedUnit web = new AppliedUnit("web.container", "web.service", "d1", true, List.of("db.container", "net.network"));
        AppliedUnit db = new AppliedUnit("db.container", "db.service", "d2", true, List.of());

        store.saveApplied(new AppliedState("c1", Map.of(), Map.of("web.container", web, "db.container", db)));

        AppliedState read = store.applied();
        assertThat(read.units().get("web.container").dependsOn()).containsExactly("db.container", "net.network");
        assertThat(read.units().get("db.container").dependsOn()).as("none, and known to be none").isEmpty();
    }

    @Test
    void stateWrittenBeforeDependenciesWereRecordedReadsAsUnknown() throws Exception {
        // applied.json as an earlier Berth wrote it
        Files.writeString(dir.resolve("applied.json"), """
                {"commit":"c1","files":{"quadlet/web.container":"ab"},
                 "units":{"web.container":{"fileName":"web.container","systemdName":"web.service",
                                           "inputDigest":"d1","autoStart":true}}}
                """);

        AppliedState read = new StateStore(dir).applied();

        AppliedUnit web = read.units().get("web.container");
        assertThat(web).isEqualTo(new AppliedUnit("web.container", "web.service", "d1", true));
        assertThat(web.dependsOn()).as("unknown, not 'none'").isNull();
    }
}
