package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import dev.berth.secret.AgeCodec;
import dev.berth.secret.AgeIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attacker's commits on the real test host: trees made with {@code git mktree} that would write outside
 * the checkout, oversize files (a daemon with a 96 MiB heap meets a 200 MB {@code .age} file), and a secret
 * the host made itself. Each is refused as a whole: nothing of it is applied, the deployed commit and the
 * running container stay, the refused command exits non-zero, and {@code berth status} says what and why.
 */
class HostileInputIT {
    private static final int PORT = 18231;
    private static final String CONTAINER = "it-hostile-web";
    /** Where the crafted {@code ..} entries lead: nine of them climb from any checkout folder to {@code /}. */
    private static final String ESCAPE = "/tmp/berth-it-tree-escape";
    private static final String VICTIM = "/tmp/berth-it-tree-victim";
    private static final String DAEMON = "it-hostile-berth.service";
    private static final String SECRET = "it-hostile-db";

    private final Host host = Host.root();
    private TestGitRepo repo;

    @AfterEach
    void cleanUp() {
        host.run("systemctl stop " + DAEMON + "; systemctl reset-failed " + DAEMON);
        host.berth("prune", "-q");
        host.run("podman secret rm " + SECRET + "; rm -f /var/lib/berth/" + AgeIdentity.FILE_NAME
                + "; rm -rf " + ESCAPE + " " + VICTIM + " /srv/share/hostile-tree /srv/share/hostile-size /srv/share/hostile-secret");
        if (repo != null) {
            repo.close();
        }
    }

    /** A served web site, deployed: the good commit every attack is pushed on top of. */
    private String deployGood(String name) throws Exception {
        repo = host.newRepo(name);
        repo.write("web/web.container", Units.web(CONTAINER, PORT)).write("web/site/index.html", "running\n");
        String good = repo.commit("good");
        host.berthOk("init", "/srv/share/" + name);
        assertThat(host.http(PORT)).isEqualTo("running");
        return good;
    }

    /**
     * Builds a commit on top of {@code good} from a root tree made by {@code rootScript} (which sets
     * {@code $root}, and may use {@code $web}, the good web folder, and {@code $blob}, a file saying pwned),
     * with git mktree + git commit-tree + git update-ref, as an attacker with push access would.
     */
    private String craft(String name, String good, String subject, String rootScript) {
        return host.sh("set -e; cd /srv/share/" + name + "\n"
                + "g() { git -c user.name=attacker -c user.email=attacker@example.invalid \"$@\"; }\n"
                + "web=$(g rev-parse " + good + ":web)\n"
                + "blob=$(printf 'pwned\\n' | g hash-object -w --stdin)\n"
                + rootScript + "\n"
                + "c=$(g commit-tree \"$root\" -p " + good + " -m '" + subject + "')\n"
                + "g update-ref refs/heads/main \"$c\"\n"
                + "echo \"$c\"");
    }

    private static final String DOT_DOT = """
            t=$(printf '100644 blob %s\\tberth-it-tree-escape\\n' "$blob" | g mktree)
            t=$(printf '040000 tree %s\\ttmp\\n' "$t" | g mktree)
            for i in 1 2 3 4 5 6 7 8; do t=$(printf '040000 tree %s\\t..\\n' "$t" | g mktree); done
            root=$(printf '040000 tree %s\\t..\\n040000 tree %s\\tweb\\n' "$t" "$web" | g mktree)""";
    private static final String DOT_GIT = """
            h=$(printf '100755 blob %s\\tpost-checkout\\n' "$blob" | g mktree)
            t=$(printf '100644 blob %s\\tconfig\\n040000 tree %s\\thooks\\n' "$blob" "$h" | g mktree)
            root=$(printf '040000 tree %s\\t.git\\n040000 tree %s\\tweb\\n' "$t" "$web" | g mktree)""";
    private static final String DOT = """
            t=$(printf '100644 blob %s\\tberth-it-tree-escape\\n' "$blob" | g mktree)
            root=$(printf '040000 tree %s\\t.\\n040000 tree %s\\tweb\\n' "$t" "$web" | g mktree)""";
    /** 'link' twice: a symlink to the victim folder, then a folder whose file would be written through it. */
    private static final String THROUGH_SYMLINK = """
            l=$(printf '%s' /tmp/berth-it-tree-victim | g hash-object -w --stdin)
            p=$(printf '100644 blob %s\\tplanted\\n' "$blob" | g mktree)
            root=$(printf '120000 blob %s\\tlink\\n040000 tree %s\\tlink\\n040000 tree %s\\tweb\\n' "$l" "$p" "$web" | g mktree)""";

    @Test
    void craftedTreesAreRefusedWholeAndNothingIsWrittenOutsideTheCheckout() throws Exception {
        String good = deployGood("hostile-tree");
        String webId = host.containerId(CONTAINER);
        host.sh("mkdir -p " + VICTIM);

        String[][] attacks = {
            {"dot dot", DOT_DOT, "invalid name '..'"},
            {"dot git", DOT_GIT, "invalid name '.git'"},
            {"dot", DOT, "invalid name '.'"},
            {"through a symlink", THROUGH_SYMLINK, "duplicate entry names"},
        };
        for (String[] attack : attacks) {
            String bad = craft("hostile-tree", good, "crafted: " + attack[0], attack[1]);
            // the fetch checks every object (JGit's fsck): the crafted tree never reaches the clone
            if (attack == attacks[0]) {
                planRefuses(attack[0], attack[2], "force-push");
            }
            assertUntouched(good, webId, bad, syncRefuses(attack[0], attack[2], "force-push"));
        }

        // the same tree already in the clone (as an older Berth would have fetched it, without checks):
        // the commit is refused before anything of it is written
        String bad = craft("hostile-tree", good, "crafted: dot dot, fetched unchecked", DOT_DOT);
        host.sh("git --git-dir=/var/lib/berth/repo.git fetch -q --no-tags /srv/share/hostile-tree +refs/heads/main:refs/heads/main");
        String[] why = {"'../../../../../../../../../tmp/berth-it-tree-escape' holds an entry named '..'", bad.substring(0, 12),
            "the host stays on " + good.substring(0, 12)};
        planRefuses("dot dot in the clone", why);
        assertUntouched(good, webId, bad, syncRefuses("dot dot in the clone", why));

        // the branch forced back to the good commit: the host follows it again, nothing lost
        host.sh("cd /srv/share/hostile-tree && git update-ref refs/heads/main " + good);
        host.berthOk("sync");
        String status = host.berthOk("status");
        assertThat(lastSync(status)).contains(" ok");
        assertUntouched(good, webId, bad, status);
    }

    @Test
    void oversizeFilesAreRefusedNamingTheLimitAndTheDaemonWithItsSmallHeapSurvives() throws Exception {
        String good = deployGood("hostile-size");
        String webId = host.containerId(CONTAINER);
        // the daemon as berth.service runs it: the launcher gives it (and every command) a 96 MiB heap
        host.sh("systemd-run --unit " + DAEMON + " /opt/berth/berth run --interval 1h");
        host.sh("for i in $(seq 1 80); do test -S /run/berth/berth.sock && exit 0; sleep 0.25; done; "
                + "journalctl -u " + DAEMON + " -n 30 --no-pager; exit 1");
        String daemonPid = host.sh("systemctl show -p MainPID --value " + DAEMON);

        // an unused 200 MB .age file (sparse: the commit is small, the file is not)
        String huge = commitOnHost("hostile-size", "mkdir -p secrets && truncate -s 200M secrets/huge.age", "an unused 200 MB age file");
        assertUntouched(good, webId, huge,
                refusedViaDaemon("'secrets/huge.age' is 209715200 bytes, over the limit of 64 MiB for one file", huge.substring(0, 12)));

        // a 2 MiB .age file passes the export limit and is refused by validation, before it is read
        String big = commitOnHost("hostile-size", "rm secrets/huge.age && head -c 2097152 /dev/zero > secrets/big.age",
                "a 2 MiB age file");
        assertUntouched(good, webId, big,
                refusedViaDaemon("secrets/big.age:0: error: is 2097152 bytes, over the limit of 1 MiB for a .age file", big.substring(0, 12)));

        // a blob over the fetch limit: the fetch stops at 256 MiB, the clone keeps nothing of it
        String blob = commitOnHost("hostile-size", "rm secrets/big.age && truncate -s 300M data.bin", "a 300 MB blob");
        assertUntouched(good, webId, blob, refusedViaDaemon("over 256 MiB, the limit for one file a fetch may bring", "cannot fetch"));
        assertThat(host.sh("du -sm /var/lib/berth/repo.git | cut -f1")).as("MiB in the clone").satisfies(
                mib -> assertThat(Integer.parseInt(mib)).isLessThan(20));

        assertThat(host.activeState(DAEMON)).isEqualTo("active");
        assertThat(host.sh("systemctl show -p MainPID --value " + DAEMON)).as("the same daemon, never restarted").isEqualTo(daemonPid);
        assertThat(host.run("journalctl -u " + DAEMON + " --no-pager | grep -c OutOfMemoryError").stdout().strip()).isEqualTo("0");
    }

    @Test
    void aSecretTheHostMadeItselfIsNeitherReplacedNorRemoved() throws Exception {
        String good = deployGood("hostile-secret");
        String webId = host.containerId(CONTAINER);
        String recipient = host.berthOk("secret", "keygen").strip();
        host.sh("printf %s host-made-value | podman secret create " + SECRET + " -");

        Files.write(repo.dir().resolve(SECRET + ".age"),
                AgeCodec.encrypt("repository-value".getBytes(StandardCharsets.UTF_8), List.of(recipient)));
        repo.write("web/site/index.html", "must not appear\n");
        String bad = repo.commit("a secret the host already has");
        TestHost.Result sync = host.berth("sync");
        assertThat(sync.exitCode()).as(sync.stdout() + sync.stderr()).isNotZero();
        String why = "the host already has a Podman secret '" + SECRET + "' that Berth did not create";
        assertThat(sync.stderr()).contains(why).contains(SECRET + ".age").contains("podman secret rm " + SECRET);
        String status = host.berthOk("status");
        assertThat(lastSync(status)).contains("failed").contains(why);
        assertThat(hostSecret()).isEqualTo("host-made-value");
        assertUntouched(good, webId, bad, status);

        // the .age file gone again: the deploy goes ahead, and the host's secret is still not Berth's to remove
        repo.delete(SECRET + ".age").write("web/site/index.html", "fine again\n").commit("no secret");
        host.berthOk("sync");
        assertThat(host.http(PORT)).isEqualTo("fine again");
        assertThat(hostSecret()).isEqualTo("host-made-value");
    }

    private String hostSecret() {
        return host.sh("podman secret inspect --showsecret --format '{{.SecretData}}' " + SECRET);
    }

    /** Commits what {@code script} changed in the served repository with the git of the host (fast for big files). */
    private String commitOnHost(String name, String script, String subject) {
        return host.sh("set -e; cd /srv/share/" + name + " && " + script + " && git add -A && git -c user.name=t"
                + " -c user.email=t@example.invalid commit -q -m '" + subject + "' && git rev-parse HEAD");
    }

    /** {@code plan} refuses, naming {@code what}, and records nothing. */
    private void planRefuses(String attack, String... what) {
        TestHost.Result plan = host.berth("plan");
        assertThat(plan.exitCode()).as(attack + ": plan: " + plan.stdout() + plan.stderr()).isNotZero();
        assertThat(plan.stderr()).as(attack + ": plan").contains("the sync would fail").contains(what);
    }

    /** {@code sync} refuses, naming {@code what}, and status keeps the reason; returns that status. */
    private String syncRefuses(String attack, String... what) {
        TestHost.Result sync = host.berth("sync");
        assertThat(sync.exitCode()).as(attack + ": sync: " + sync.stdout()).isNotZero();
        assertThat(sync.stderr()).as(attack + ": sync").contains(what);
        assertThat(sync.stdout()).as(attack).doesNotContain("write ").doesNotContain("restart ");
        String status = host.berthOk("status");
        assertThat(lastSync(status)).as(attack + ": status").contains("failed").contains(what);
        return status;
    }

    /** A sync asked of the daemon (control socket) fails naming {@code what}; status keeps it; returns that status. */
    private String refusedViaDaemon(String... what) {
        TestHost.Result sync = host.berth("sync");
        assertThat(sync.exitCode()).as(sync.stdout() + sync.stderr()).isNotZero();
        assertThat(sync.stdout()).contains("sync (control socket)").doesNotContain("write ").doesNotContain("restart ");
        assertThat(sync.stderr()).contains(what);
        String status = host.berthOk("status");
        assertThat(lastSync(status)).contains("failed").contains(what);
        return status;
    }

    /** Nothing of the bad commit applied: the good commit deployed, the same container serving, nothing escaped. */
    private void assertUntouched(String good, String webId, String bad, String status) {
        String deployed = status.lines().filter(l -> l.startsWith("Deployed:")).findFirst().orElseThrow();
        assertThat(deployed).contains(good.substring(0, 12)).doesNotContain(bad.substring(0, 12));
        assertThat(host.containerId(CONTAINER)).as("never restarted").isEqualTo(webId);
        assertThat(host.http(PORT)).isEqualTo("running");
        assertThat(host.run("test -e " + ESCAPE).exitCode()).as(ESCAPE + " written").isNotZero();
        assertThat(host.run("test -e " + VICTIM + "/planted").exitCode()).as("written through the symlink").isNotZero();
        assertThat(host.run("ls /var/lib/berth/checkouts/current/ | grep -c -e tmp -e link -e '^\\.git$'").stdout().strip())
                .isEqualTo("0");
    }

    /** The "Last sync:" part of {@code berth status}, with the lines of a long error. */
    private static String lastSync(String status) {
        int from = status.indexOf("Last sync:");
        return status.substring(from, status.indexOf("\nUnits:", from));
    }
}
