package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.junit.jupiter.api.Test;

/** What Berth tells JGit instead of letting it fork git and sh. */
class JGitHostFactsTest {
    @Test
    void gitsSystemConfigIsTheOneGitConfigSystemNamesElseEtcGitconfig() {
        assertThat(JGitHostFacts.systemConfig(null)).isEqualTo(new File("/etc/gitconfig"));
        assertThat(JGitHostFacts.systemConfig(" ")).isEqualTo(new File("/etc/gitconfig"));
        assertThat(JGitHostFacts.systemConfig("/opt/git/config")).isEqualTo(new File("/opt/git/config"));
    }

    @Test
    void theUmaskIsReadFromProcSelfStatusInOctal() {
        assertThat(JGitHostFacts.umask("Name:\tjava\nUmask:\t0022\nState:\tR\n")).hasValue(0022);
        assertThat(JGitHostFacts.umask("Umask:\t0077\n")).hasValue(0077);
        assertThat(JGitHostFacts.umask("Name:\tjava\n")).as("a kernel before 4.7").isEmpty();
        assertThat(JGitHostFacts.umask("Umask:\t0089\n")).as("not octal").isEmpty();
    }

    @Test
    void onThisMachineTheUmaskReadIsTheOneShReports() throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "umask").start();
        String reported = new String(sh.getInputStream().readAllBytes()).strip();
        sh.waitFor();
        String status = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status"));
        assertThat(JGitHostFacts.umask(status)).hasValue(Integer.parseInt(reported, 8));
    }
}
