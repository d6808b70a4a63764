package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.host.FileTrees;
import dev.berth.it.TestHost;
import dev.berth.secret.AgeCodec;
import dev.berth.secret.AgeIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Berth as an ordinary, lingering user: systemctl --user, the user's Podman, files under the home folder,
 * no root at any step. One repository walks the deploy pipeline as ConvergeIT, SecretsIT, SafeDeliveryIT and
 * DaemonIT do rootful (a first deploy, a change, drift, an automatic rollback, a removal, the daemon), with
 * as few deploys as the scenarios allow, so the rootless proof stays cheap.
 */
class RootlessIT {
    private static final String REPO = "/srv/share/rootless";
    private static final String QUADLETS = "/home/tester/.config/containers/systemd/berth/";
    private static final String STATE = "/home/tester/.local/share/berth/";
    private static final String SECRET = "db-password";
    private final Host tester = Host.tester();
    private final Host root = Host.root();
    private TestGitRepo repo;
    private String recipient;
    private long lap = System.nanoTime();
    private String firstPassword;

    @AfterEach
    void cleanUp() throws Exception {
        tester.berth("prune", "-q");
        tester.run("podman secret rm " + SECRET + "; rm -rf " + STATE);   // the key, and the lock file prune leaves
        if (repo != null) {
            repo.close();
        }
        FileTrees.deleteRecursively(tester.share().resolve("rootless"));
    }

    @Test
    void convergeDriftRollbackSecretsAndTheDaemonAsALingeringUser() throws Exception {
        tester.run("rm -f " + STATE + AgeIdentity.FILE_NAME);
        recipient = tester.berthOk("secret", "keygen").strip();
        assertThat(tester.sh("id -u; stat -c '%U %a' " + STATE + AgeIdentity.FILE_NAME)).isEqualTo("1000\ntester 600");

        firstDeployAsTheUser();
        took("first deploy");
        String good = aChangeRestartsOnlyWhatChanged();
        took("a change");
        driftIsReportedAndRepaired();
        took("drift");
        aCommitThatDoesNotComeUpIsRolledBack(good);
        took("automatic rollback");
        removedUnitsStopAndTheirSecretGoes();
        took("removal");
        theDaemonRunsUnderTheUsersSystemd();
        took("daemon");

        tester.berthOk("prune", "-q");
        assertThat(tester.sh("podman ps -a --format '{{.Names}}'")).doesNotContain("it-rl-");
        assertThat(tester.run("systemctl --user is-active berth.service web.service").stdout().lines()).doesNotContain("active");
        assertThat(tester.run("test -e ~/.config/systemd/user/berth.service || test -e ~/.config/systemd/user/default.target.wants/berth.service"
                + " || test -e " + QUADLETS + "web/web.container").exitCode()).as("unit files and the enablement link are gone").isNotZero();
    }

    private void firstDeployAsTheUser() throws Exception {
        repo = tester.newRepo("rootless");
        repo.write("web/web.container", Units.web("it-rl-web", 18141)).write("web/site/index.html", "v1\n")
                .write("db.container", Units.sleeper("it-rl-db", "1")).write("app/app.container", app());
        String first = "first-Pa55-" + System.nanoTime();
        writeSecret(first);
        commit("first");

        String init = tester.berthOk("init", REPO);
        assertThat(init).contains(QUADLETS + "web/web.container").contains("secret " + SECRET + " created from secrets/" + SECRET + ".age");
        assertThat(tester.http(18141)).isEqualTo("v1");
        assertThat(tester.sh("systemctl --user is-active web.service db.service app.service")).isEqualTo("active\nactive\nactive");
        assertThat(tester.sh("podman secret exists " + SECRET + " && podman ps --format '{{.Names}}'"))
                .as("the user's own containers and Podman secret").contains("it-rl-web", "it-rl-db", "it-rl-app");
        assertThat(root.run("podman container exists it-rl-web || podman secret exists " + SECRET).exitCode()).as("not root's").isNotZero();
        assertThat(dbPassword()).isEqualTo(first);
        assertThat(init).doesNotContain(first);
        assertThat(tester.berthOk("status")).contains("[rootless]").containsPattern("(?m)^  web\\.container +web\\.service +active \\(running\\)");
        firstPassword = first;
    }

    /** A supporting file and a secret change: exactly the two containers using them restart. Returns the commit. */
    private String aChangeRestartsOnlyWhatChanged() throws Exception {
        Map<String, String> before = containerIds();
        String second = "second-Pa55-" + System.nanoTime();
        repo.write("web/site/index.html", "v2\n");
        writeSecret(second);
        String commit = commit("new page, rotated password");

        String sync = tester.berthOk("sync");
        assertThat(sync).contains("restart web.service").contains("secret " + SECRET + " updated").contains("restart app.service")
                .doesNotContain("db.service");
        assertThat(tester.http(18141)).isEqualTo("v2");
        assertThat(dbPassword()).isEqualTo(second);
        Map<String, String> after = containerIds();
        assertThat(after.get("it-rl-web")).isNotEqualTo(before.get("it-rl-web"));
        assertThat(after.get("it-rl-app")).isNotEqualTo(before.get("it-rl-app"));
        assertThat(after.get("it-rl-db")).as("untouched").isEqualTo(before.get("it-rl-db"));
        String json = tester.berthOk("status", "--json");
        for (String plaintext : List.of(firstPassword, second)) {
            assertThat(sync).doesNotContain(plaintext);
            assertThat(json).doesNotContain(plaintext);
            assertThat(tester.run("grep -r -l -F -e '" + plaintext + "' " + STATE).exitCode())
                    .as("no file under the state folder holds the plaintext").isEqualTo(1);
        }
        return commit;
    }

    /** A unit file and a supporting file changed behind Berth's back: reported, then rewritten and restarted. */
    private void driftIsReportedAndRepaired() {
        String app = containerIds().get("it-rl-app");
        tester.sh("echo Environment=MARKER=tampered >> " + QUADLETS + "db.container && echo tampered > " + QUADLETS + "web/site/index.html");
        assertThat(tester.berthOk("status")).contains("changed: " + QUADLETS + "db.container")
                .contains("changed: " + QUADLETS + "web/site/index.html");

        String sync = tester.berthOk("sync");
        assertThat(sync).contains("drift").contains("restart web.service").contains("restart db.service").doesNotContain("app.service");
        assertThat(tester.http(18141)).isEqualTo("v2");
        assertThat(tester.sh("podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}' it-rl-db"))
                .contains("MARKER=1").doesNotContain("tampered");
        assertThat(containerIds().get("it-rl-app")).isEqualTo(app);
        assertThat(tester.berthOk("status")).containsPattern("repaired drift: .*quadlet/db\\.container")
                .containsPattern("repaired drift: .*quadlet/web/site/index\\.html").contains("Drift:      none");
    }

    /** A password the app refuses: its container does not come up, and the last good commit comes back, recorded. */
    private void aCommitThatDoesNotComeUpIsRolledBack(String good) throws Exception {
        String web = containerIds().get("it-rl-web");
        writeSecret("bad-password");
        String bad = commit("a password the app refuses");

        TestHost.Result sync = tester.berth("sync");
        assertThat(sync.exitCode()).as(sync.stdout()).isNotZero();
        assertThat(sync.stdout()).contains("rolling back to " + good.substring(0, 12));
        assertThat(sync.stderr()).contains("app.service").contains(bad.substring(0, 12) + " did not come up and was rolled back to " + good.substring(0, 12));
        assertThat(tester.activeState("app.service")).isEqualTo("active");
        assertThat(dbPassword()).as("the secret it had before").startsWith("second-Pa55-");
        assertThat(containerIds().get("it-rl-web")).as("an unchanged unit is left alone").isEqualTo(web);
        assertThat(tester.sh("cat " + STATE + "applied.json")).contains(good).doesNotContain(bad);
        assertThat(tester.berthOk("history")).contains("rolled-back").contains("auto-rollback");
        assertThat(tester.berth("status").stdout()).contains("rolled back");

        TestHost.Result again = tester.berth("sync");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("was rolled back").contains("push a new commit");
        assertThat(again.stdout()).doesNotContain("restart app.service");
    }

    private void removedUnitsStopAndTheirSecretGoes() throws Exception {
        repo.delete("db.container").delete("app/app.container").delete("secrets/" + SECRET + ".age");
        commit("remove db, app and the secret");

        String sync = tester.berthOk("sync");
        assertThat(sync).contains("stop db.service").contains("stop app.service").contains("secret " + SECRET + " removed");
        assertThat(tester.run("podman container exists it-rl-db || podman container exists it-rl-app || podman secret exists " + SECRET
                + " || test -e " + QUADLETS + "db.container || test -e " + QUADLETS + "app").exitCode())
                .as("their containers, the secret and their files are gone").isNotZero();
        assertThat(tester.activeState("db.service")).isIn("inactive", "");
        assertThat(tester.http(18141)).isEqualTo("v2");
    }

    /** Berth's own user unit: it starts after the sync that installs it, syncs at once, then on request and on SIGHUP. */
    private void theDaemonRunsUnderTheUsersSystemd() throws Exception {
        assertThat(tester.run("test -e \"$XDG_RUNTIME_DIR/berth/berth.sock\"").exitCode()).as("no daemon yet").isNotZero();
        repo.write("berth.service", berthUnit()).write("web/site/index.html", "v3\n");
        commit("Berth runs as a daemon of the user");

        assertThat(tester.berthOk("sync")).contains("restart web.service").contains("restart berth.service (Berth itself, last)");
        assertThat(tester.http(18141)).isEqualTo("v3");
        waitForSocket();
        // enabled (so it comes back with the user manager), run as tester, in the user manager's cgroup
        assertThat(tester.sh("systemctl --user is-enabled berth.service; ps -o user= -p $(systemctl --user show -p MainPID --value berth.service);"
                + " systemctl --user show -p ControlGroup --value berth.service")).matches("enabled\ntester\n.*/user@1000\\.service/.*berth\\.service");
        // a request queues behind the daemon's own sync at start, which found the host as the CLI left it
        assertThat(tester.berthOk("sync")).contains("up to date");
        assertThat(tester.sh("journalctl --user -u berth.service --no-pager -o cat")).contains("sync (start)");

        repo.write("web/site/index.html", "v4\n");
        commit("through the control socket");
        assertThat(tester.berthOk("sync")).contains("sync (control socket)").contains("restart web.service");
        assertThat(tester.http(18141)).isEqualTo("v4");

        repo.write("web/site/index.html", "v5\n");
        commit("on SIGHUP");
        tester.sh("systemctl --user kill -s HUP berth.service");
        tester.sh("for i in $(seq 1 60); do curl -fsS http://127.0.0.1:18141/ | grep -q v5 && exit 0; sleep 0.5; done; exit 1");
        assertThat(tester.berthOk("status")).contains("on SIGHUP").contains("berth.service");
    }

    private static String berthUnit() {
        return """
                [Unit]
                Description=Berth under test, rootless
                [Service]
                ExecStart=/opt/berth/berth run --interval 1h
                Restart=always
                RestartSec=1
                [Install]
                WantedBy=default.target
                [X-Berth]
                Self=true
                """;
    }

    /**
     * A container that refuses to run with the password "bad-password", so a secret can break a deploy. Its health
     * check only asks that it runs: Berth looks at a unit once more 1.5 s after its start, and rootless Podman on a
     * loaded host may take longer than that to report the container's exit; the health gate waits for it.
     */
    private static String app() {
        return """
                [Container]
                Image=%s
                ContainerName=it-rl-app
                Exec=sh -c 'env | grep -q =bad-password && exit 3; exec sleep 100000'
                Secret=%s,type=env,target=DB_PASSWORD
                StopTimeout=1
                HealthCmd=true
                [X-Berth]
                HealthTimeout=30s
                """.formatted(Units.IMAGE, SECRET);
    }

    /** The repository lives in /srv/share as root; tester must be able to read what each commit adds. */
    private String commit(String message) throws Exception {
        String id = repo.commit(message);
        root.sh("chmod -R a+rX " + REPO);
        return id;
    }

    private void writeSecret(String value) throws Exception {
        Files.createDirectories(repo.dir().resolve("secrets"));
        Files.write(repo.dir().resolve("secrets/" + SECRET + ".age"), AgeCodec.encrypt(value.getBytes(StandardCharsets.UTF_8), List.of(recipient)));
    }

    private String dbPassword() {
        return tester.sh("podman exec it-rl-app sh -c 'echo \"$DB_PASSWORD\"'");
    }

    /** The name → id of each running container of the walk, from one podman call. */
    private Map<String, String> containerIds() {
        Map<String, String> ids = new HashMap<>();
        tester.sh("podman ps --filter name=it-rl- --format '{{.Names}} {{.ID}}'").lines()
                .map(l -> l.split(" ")).forEach(f -> ids.put(f[0], f[1]));
        return ids;
    }

    /** How long each scenario took, for the CI time budget (in the failsafe report's output). */
    private void took(String scenario) {
        long now = System.nanoTime();
        System.out.printf("RootlessIT: %-18s %5.1f s%n", scenario, (now - lap) / 1e9);
        lap = now;
    }

    private void waitForSocket() {
        tester.sh("for i in $(seq 1 80); do test -S \"$XDG_RUNTIME_DIR/berth/berth.sock\" && exit 0; sleep 0.25; done; "
                + "journalctl --user -u berth.service -n 30 --no-pager; exit 1");
    }
}
