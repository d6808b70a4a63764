package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeHistoryTest {

    @Test
    void theLastChangeIgnoresCommitsElsewhereAndHonoursTheSubPath(@TempDir Path dir) throws Exception {
        try (TestGitRepo repo = TestGitRepo.create(dir)) {
            String first = repo.write("hosts/a/app.build", "[Build]\n").write("hosts/a/ctx/f", "1").commit("first");
            String ctx = repo.write("hosts/a/ctx/f", "2").commit("context");
            String other = repo.write("hosts/a/side.container", "[Container]\n").write("README", "x").commit("unrelated");
            try (ChangeHistory h = ChangeHistory.open(dir.resolve(".git"))) {
                assertThat(h.lastChange(other, "hosts/a", List.of("app.build", "ctx")).commit()).isEqualTo(ctx);
                assertThat(h.lastChange(other, "hosts/a", List.of("app.build")).commit()).isEqualTo(first);
                assertThat(h.lastChange(first, "", List.of("hosts/a/ctx/")).commit()).isEqualTo(first);
                assertThat(h.lastChange(other, "hosts/a", List.of("nothing-here")).commit()).isEqualTo(other);
            }
        }
    }
}
