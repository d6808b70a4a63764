package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Berth converging the real test host (systemd as PID 1, Podman 5), rootful. */
class ConvergeIT {
    private final Host host = Host.root();
    private TestGitRepo repo;

    private TestGitRepo newRepo(String name) throws Exception {
        repo = host.newRepo(name);
        return repo;
    }

    private static String inside(String name) {
        return "/srv/share/" + name;
    }

    @AfterEach
    void pruneAndClose() {
        host.berth("prune", "--volumes", "-q");
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void initModifyRenameRemoveAndSupportingFileChanges() throws Exception {
        TestGitRepo r = newRepo("lifecycle");
        r.write("web/web.container", Units.web("it-web", 18101)).write("web/site/index.html", "v1\n")
                .write("db.container", Units.sleeper("it-db", "1"));
        r.commit("first");

        host.berthOk("init", inside("lifecycle"));
        assertThat(host.http(18101)).isEqualTo("v1");
        assertThat(host.activeState("db.service")).isEqualTo("active");
        String webId = host.containerId("it-web");
        String dbId = host.containerId("it-db");

        // a supporting file (the mounted site) changes: only web restarts
        r.write("web/site/index.html", "v2\n").commit("new page");
        String out = host.berthOk("sync");
        assertThat(out).contains("restart web.service").doesNotContain("db.service");
        assertThat(host.http(18101)).isEqualTo("v2");
        assertThat(host.containerId("it-web")).isNotEqualTo(webId);
        assertThat(host.containerId("it-db")).isEqualTo(dbId);

        // the unit itself changes: it restarts with the new settings
        // (its stop queued before the daemon-reload, the restart after it: the new definition runs, never the old)
        r.write("db.container", Units.sleeper("it-db", "2")).commit("db marker 2");
        assertThat(host.berthOk("sync")).contains("stop db.service  (queued");
        assertThat(host.sh("podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}' it-db")).contains("MARKER=2");

        // a rename: the old service goes, the new one comes
        r.delete("web/web.container").write("web/site.container", Units.web("it-site", 18101)).commit("rename web to site");
        host.berthOk("sync");
        assertThat(host.activeState("web.service")).isIn("inactive", "");
        assertThat(host.activeState("site.service")).isEqualTo("active");
        assertThat(host.http(18101)).isEqualTo("v2");

        // a removal: stopped, file gone
        r.delete("db.container").commit("remove db");
        host.berthOk("sync");
        assertThat(host.run("podman container exists it-db").exitCode()).isNotZero();
        assertThat(host.run("test -e /etc/containers/systemd/berth/db.container").exitCode()).isNotZero();

        // removed together: the dependent stops first, by the dependencies recorded when they were applied
        // (the name order alone would stop a-db first)
        r.write("a-db.container", Units.sleeper("it-a-db", "1"))
                .write("z-app.container", "[Unit]\nRequires=a-db.service\nAfter=a-db.service\n" + Units.sleeper("it-z-app", "1"))
                .commit("app and its db");
        host.berthOk("sync");
        assertThat(host.activeState("z-app.service")).isEqualTo("active");
        // a unit another one Requires= is not stopped early: its restart carries over to z-app, a stop would not
        String appId = host.containerId("it-z-app");
        r.write("a-db.container", Units.sleeper("it-a-db", "2")).commit("db changes under the app");
        assertThat(host.berthOk("sync")).contains("restart a-db.service").doesNotContain("(queued");
        assertThat(host.activeState("z-app.service")).isEqualTo("active");
        assertThat(host.containerId("it-z-app")).as("z-app restarted with its db").isNotEqualTo(appId);
        r.delete("a-db.container").delete("z-app.container").commit("remove app and db");
        String removal = host.berthOk("sync");
        assertThat(removal.indexOf("stop z-app.service")).as(removal).isNotNegative().isLessThan(removal.indexOf("stop a-db.service"));

        String status = host.berthOk("status");
        assertThat(status).contains("remove app and db").contains("site.service").contains("Drift:      none");
    }

    @Test
    void driftOnTheHostIsReportedAndRepaired() throws Exception {
        TestGitRepo r = newRepo("drift");
        r.write("web/web.container", Units.web("it-drift", 18102)).write("web/site/index.html", "original\n");
        r.commit("first");
        host.berthOk("init", inside("drift"));

        host.sh("echo tampered > /etc/containers/systemd/berth/web/site/index.html");
        assertThat(host.berthOk("status")).contains("changed: /etc/containers/systemd/berth/web/site/index.html");

        String out = host.berthOk("sync");
        assertThat(out).contains("drift").contains("restart web.service");
        assertThat(host.http(18102)).isEqualTo("original");
        assertThat(host.berthOk("status")).contains("repaired drift: quadlet/web/site/index.html").contains("Drift:      none");
    }

    @Test
    void aFailingUnitIsReportedWithItsJournalAndRetriedUntilFixed() throws Exception {
        TestGitRepo r = newRepo("failing");
        r.write("web/web.container", Units.web("it-ok", 18103)).write("web/site/index.html", "still here\n");
        r.commit("good");
        host.berthOk("init", inside("failing"));

        r.write("bad.container", Units.broken("it-bad")).commit("add a broken unit");
        TestHost.Result sync = host.berth("sync");
        assertThat(sync.exitCode()).isNotZero();
        assertThat(sync.stderr()).contains("bad.service");
        assertThat(host.http(18103)).as("the rest keeps serving").isEqualTo("still here");

        TestHost.Result status = host.berth("status");
        assertThat(status.stdout()).contains("failed").contains("bad.service").contains("broken on purpose");

        r.write("bad.container", Units.sleeper("it-bad", "fixed")).commit("fix it");
        assertThat(host.berthOk("sync")).contains("bad.service");
        assertThat(host.activeState("bad.service")).isEqualTo("active");
        String healed = host.berthOk("status");
        assertThat(healed).as("the fixing sync is recorded as a success, with no failed unit left")
                .containsPattern("(?m)^Last sync: +\\S.* ok$")
                .containsPattern("(?m)^  bad\\.container +bad\\.service +active \\(running\\)")
                .doesNotContain("broken on purpose");
    }

    @Test
    void switchMovesByADiffAndLeavesSharedUnitsRunning() throws Exception {
        TestGitRepo a = newRepo("switch-a");
        a.write("shared/shared.container", Units.web("it-shared", 18104)).write("shared/site/index.html", "shared\n")
                .write("only-a.container", Units.sleeper("it-only-a", "a"));
        a.commit("repo a");
        host.berthOk("init", inside("switch-a"));
        String sharedId = host.containerId("it-shared");
        a.close();

        TestGitRepo b = newRepo("switch-b");
        b.write("shared/shared.container", Units.web("it-shared", 18104)).write("shared/site/index.html", "shared\n")
                .write("only-b.container", Units.sleeper("it-only-b", "b"));
        b.commit("repo b");

        String out = host.berthOk("switch", inside("switch-b"));
        assertThat(out).contains("stop only-a.service").contains("start only-b.service").doesNotContain("shared.service");
        assertThat(host.containerId("it-shared")).as("untouched").isEqualTo(sharedId);
        assertThat(host.activeState("only-b.service")).isEqualTo("active");
        assertThat(host.berthOk("status")).contains("switch-b");
    }

    @Test
    void rollbackPinsAnEarlierCommitUntilANewOneArrives() throws Exception {
        TestGitRepo r = newRepo("rollback");
        r.write("web/web.container", Units.web("it-rb", 18105)).write("web/site/index.html", "one\n");
        r.commit("one");
        host.berthOk("init", inside("rollback"));
        r.write("web/site/index.html", "two\n").commit("two");
        host.berthOk("sync");
        assertThat(host.http(18105)).isEqualTo("two");

        host.berthOk("rollback");
        assertThat(host.http(18105)).isEqualTo("one");
        assertThat(host.berthOk("status")).contains("Pinned:");
        host.berthOk("sync");
        assertThat(host.http(18105)).as("still pinned").isEqualTo("one");
        assertThat(host.berthOk("history")).contains("rollback").contains("two");

        r.write("web/site/index.html", "three\n").commit("three");
        host.berthOk("sync");
        assertThat(host.http(18105)).isEqualTo("three");
        assertThat(host.berthOk("status")).doesNotContain("Pinned:");
    }

    @Test
    void badInputNeverTakesTheRunningDeploymentDown() throws Exception {
        TestGitRepo r = newRepo("badinput");
        r.write("web/web.container", Units.web("it-bad-input", 18106)).write("web/site/index.html", "serving\n");
        r.commit("good");
        host.berthOk("init", inside("badinput"));

        // an invalid commit: named file and line, nothing applied
        r.write("web/web.container", Units.web("it-bad-input", 18106) + "Network=nowhere.network\n")
                .write("web/site/index.html", "must not appear\n").commit("invalid");
        TestHost.Result invalid = host.berth("sync");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("web/web.container:").contains("nowhere.network");
        assertThat(host.http(18106)).isEqualTo("serving");

        // an unreachable remote
        host.sh("mv /srv/share/badinput /srv/share/badinput.away");
        TestHost.Result unreachable = host.berth("sync");
        assertThat(unreachable.exitCode()).isNotZero();
        assertThat(unreachable.stderr()).contains("cannot fetch");
        assertThat(host.berthOk("status")).contains("cannot fetch");
        assertThat(host.http(18106)).isEqualTo("serving");
        host.sh("mv /srv/share/badinput.away /srv/share/badinput");

        // a corrupt local clone is cloned again
        r.write("web/web.container", Units.web("it-bad-input", 18106)).write("web/site/index.html", "recovered\n").commit("fixed");
        host.sh("rm -rf /var/lib/berth/repo.git/objects /var/lib/berth/repo.git/refs");
        host.berthOk("sync");
        assertThat(host.http(18106)).isEqualTo("recovered");
    }

    @Test
    void aFullDiskIsAClearErrorAndTheRunningUnitsKeepRunning() throws Exception {
        TestGitRepo r = newRepo("fulldisk");
        r.write("web/web.container", Units.web("it-full", 18107)).write("web/site/index.html", "small\n");
        r.commit("small");
        // Berth's own quadlet folder on a tiny file system, so the next commit cannot be written
        host.sh("mkdir -p /etc/containers/systemd/berth && mount -t tmpfs -o size=256k tmpfs /etc/containers/systemd/berth");
        try {
            host.berthOk("init", inside("fulldisk"));
            String webId = host.containerId("it-full");
            r.write("web/site/big.bin", "x".repeat(1024 * 1024)).commit("a file larger than the disk");

            TestHost.Result sync = host.berth("sync");
            assertThat(sync.exitCode()).isNotZero();
            assertThat(sync.stderr()).contains("cannot write").contains("big.bin");
            assertThat(host.berthOk("status")).contains("cannot write");
            assertThat(host.http(18107)).isEqualTo("small");
            assertThat(host.containerId("it-full")).as("nothing restarted").isEqualTo(webId);
        } finally {
            host.berth("prune", "-q");
            host.run("umount /etc/containers/systemd/berth");
        }
    }
}
