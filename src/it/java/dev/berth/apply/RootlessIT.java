package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import org.junit.jupiter.api.Test;

/** Berth as an ordinary user: systemctl --user, files under the home folder, no root at any step. */
class RootlessIT {
    private final Host tester = Host.tester();

    @Test
    void initSyncStatusAndPruneAsALingeringUser() throws Exception {
        try (TestGitRepo repo = tester.newRepo("rootless")) {
            repo.write("web/web.container", Units.web("it-rootless", 18111)).write("web/site/index.html", "rootless v1\n");
            repo.commit("first");
            Host.root().sh("chmod -R a+rX /srv/share/rootless");
            try {
                String out = tester.berthOk("init", "/srv/share/rootless");
                assertThat(out).contains("/home/tester/.config/containers/systemd/berth/web/web.container");
                assertThat(tester.http(18111)).isEqualTo("rootless v1");
                assertThat(tester.sh("id -u")).isEqualTo("1000");
                assertThat(tester.sh("ls ~/.local/share/berth")).contains("applied.json");

                repo.write("web/site/index.html", "rootless v2\n").commit("second");
                Host.root().sh("chmod -R a+rX /srv/share/rootless");
                assertThat(tester.berthOk("sync")).contains("restart web.service");
                assertThat(tester.http(18111)).isEqualTo("rootless v2");
                assertThat(tester.berthOk("status")).contains("[rootless]").contains("active (running)");
            } finally {
                tester.berth("prune", "-q");
            }
            assertThat(tester.run("test -e ~/.config/containers/systemd/berth/web/web.container").exitCode()).isNotZero();
            assertThat(tester.activeState("web.service")).isNotEqualTo("active");
        }
    }
}
