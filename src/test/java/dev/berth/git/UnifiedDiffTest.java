package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void showsTheChangedLinesWithContextAndLabels() {
        String diff = UnifiedDiff.of("/etc/containers/systemd/berth/web.container", b("[Container]\nImage=a\nExec=x\n"),
                "repository/web.container", b("[Container]\nImage=b\nExec=x\n"));
        assertThat(diff).startsWith("--- /etc/containers/systemd/berth/web.container\n+++ repository/web.container\n@@ -1,3 +1,3 @@")
                .contains("-Image=a\n+Image=b\n").contains(" Exec=x");
    }

    @Test
    void aNewFileIsAllAdditionsAndAnUnchangedOneIsEmpty() {
        assertThat(UnifiedDiff.of("/dev/null", new byte[0], "repository/a.env", b("A=1\n"))).contains("+A=1");
        assertThat(UnifiedDiff.of("x", b("same\n"), "y", b("same\n"))).isEmpty();
    }
}
