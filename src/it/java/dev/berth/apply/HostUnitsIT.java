package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A repository may not reach the host's own units, and the state folder keeps the remote's credential to
 * itself. One deployment for the whole class, followed over http with a user and password (the password
 * holds an '@') from a busybox httpd that requires them: each attack is a commit to that repository, which
 * must be refused whole while the deployment keeps running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostUnitsIT {
    private static final int WEB = 18231;
    private static final int GIT = 18230;
    private static final String PASSWORD = "p@ss";
    private static final String URL = "http://u:" + PASSWORD + "@127.0.0.1:" + GIT + "/";
    private static final String HOST_QUADLET = "/etc/containers/systemd/it-hq.container";

    private final Host host = Host.root();
    private TestGitRepo repo;
    private String deployed;
    private String webId;
    private String sideId;

    @BeforeAll
    void deployOverHttpWithACredential() throws Exception {
        host.run("podman rm -f -t 0 it-hu-git; rm -rf /var/lib/berth");
        repo = host.newRepo("hostunits");
        repo.write("web/web.container", Units.web("it-hu-web", WEB)).write("web/site/index.html", "running\n")
                .write("side.container", Units.sleeper("it-hu-side", "1"));
        commit("good");
        // a git server over plain http (dumb protocol) that wants user u, password p@ss
        host.sh("printf '/:u:" + PASSWORD + "\\n' > /srv/share/hostunits-httpd.conf && podman run -d --name it-hu-git -p 127.0.0.1:" + GIT
                + ":8080 -v /srv/share:/srv:ro " + Units.IMAGE + " busybox httpd -f -p 8080 -h /srv/hostunits/.git -c /srv/hostunits-httpd.conf");
        host.sh("curl -s --retry 20 --retry-delay 1 --retry-all-errors -o /dev/null -w '%{http_code}' http://127.0.0.1:" + GIT + "/HEAD | grep -q 401");

        // a first init that fails (no server there) already leaves the state folder owner-only
        TestHost.Result failed = host.berth("init", "http://u:" + PASSWORD + "@127.0.0.1:1/none");
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stdout() + failed.stderr()).contains("http://***@127.0.0.1:1/none").doesNotContain("ss@").doesNotContain(PASSWORD);
        assertThat(host.sh("stat -c %a /var/lib/berth")).isEqualTo("700");
        host.sh("rm -rf /var/lib/berth");

        String init = host.berthOk("init", URL);
        assertThat(init).contains("http://***@127.0.0.1:" + GIT + "/").doesNotContain("ss@").doesNotContain(PASSWORD);
        deployed = deployedLine();
        webId = host.containerId("it-hu-web");
        sideId = host.containerId("it-hu-side");
        assertThat(host.http(WEB)).isEqualTo("running");
    }

    @AfterAll
    void pruneAndClean() {
        host.berth("prune", "-q");
        host.run("podman rm -f -t 0 it-hu-git; rm -f /srv/share/hostunits-httpd.conf " + HOST_QUADLET + " " + HOST_QUADLET + ".berth-adopted"
                + " /usr/share/containers/systemd/it-hq.container; systemctl daemon-reload");
        host.run("su tester -c 'rm -f ~/.config/containers/systemd/it-hq.container' ; rm -f /etc/containers/systemd/users/it-hq.container");
        if (repo != null) {
            repo.close();
        }
        host.run("rm -rf /srv/share/hostunits");
    }

    @Test
    @Order(1)
    void theCredentialStaysOutOfTheCloneAndTheStateIsOwnerOnly() {
        assertThat(host.sh("cat /var/lib/berth/repo.git/config")).contains("url = http://127.0.0.1:" + GIT + "/").doesNotContain("ss@").doesNotContain("u:p");
        assertThat(host.sh("stat -c '%a %n' /var/lib/berth /var/lib/berth/config.json /var/lib/berth/applied.json"))
                .isEqualTo("700 /var/lib/berth\n600 /var/lib/berth/config.json\n600 /var/lib/berth/applied.json");
        assertThat(host.berthOk("status")).contains("http://***@127.0.0.1:" + GIT + "/").doesNotContain("ss@");

        // a clone made by an older Berth holds the credential in its config: the next sync takes it out, and still fetches
        host.sh("git config -f /var/lib/berth/repo.git/config remote.origin.url 'http://u:" + PASSWORD + "@127.0.0.1:" + GIT + "/'");
        host.berthOk("sync");
        assertThat(host.sh("cat /var/lib/berth/repo.git/config")).doesNotContain("ss@");
    }

    @Test
    @Order(2)
    void unitNamesThatActAsOptionsOrReachHostUnitsAreRefused() throws Exception {
        // a name systemctl would read as an option: -H evil.service, "connect to the host evil.service"
        repo.write("-Hevil.service", "[Service]\nType=oneshot\nExecStart=/bin/true\n");
        refused("-Hevil.service", "starts with '-', which systemctl and other tools read as an option");
        repo.delete("-Hevil.service");

        // a dash-prefix drop-in folder: systemd would apply it to journald, logind and every other systemd-* unit
        repo.write("systemd-.service", "[Service]\nType=oneshot\nExecStart=/bin/true\n")
                .write("systemd-.service.d/evil.conf", "[Service]\nExecStartPre=/bin/touch /tmp/it-hu-owned\n");
        refused("systemd-.service", "applies to every unit whose name starts with 'systemd-'");
        assertThat(host.run("test -e /etc/systemd/system/systemd-.service.d").exitCode()).isNotZero();
        repo.delete("systemd-.service").delete("systemd-.service.d/evil.conf");

        // a deployed quadlet renamed onto a host unit with ServiceName=
        repo.write("side.container", Units.sleeper("it-hu-side", "1") + "ServiceName=systemd-journald\n");
        refused("side.container", "/usr/lib/systemd/system/systemd-journald.service");
        repo.write("side.container", Units.sleeper("it-hu-side", "1"));

        // an instance of the host's template, with a drop-in for it
        repo.write("getty@tty1.service", "[Service]\nExecStart=/bin/true\n")
                .write("getty@tty1.service.d/evil.conf", "[Service]\nExecStartPre=/bin/touch /tmp/it-hu-owned\n");
        refused("getty@tty1.service", "instance of the host's template getty@.service (/usr/lib/systemd/system/getty@.service)");
        assertThat(host.run("test -e /etc/systemd/system/getty@tty1.service || test -e /etc/systemd/system/getty@tty1.service.d").exitCode()).isNotZero();
        repo.delete("getty@tty1.service").delete("getty@tty1.service.d/evil.conf");
        commit("clean");
        host.berthOk("sync");
        deployed = deployedLine();
        assertThat(host.run("test -e /tmp/it-hu-owned").exitCode()).isNotZero();
    }

    @Test
    @Order(3)
    void aHostQuadletIsNeitherShadowedNorReplacedUntilAdopted() throws Exception {
        // the host's own quadlet, running: busybox's default page
        host.sh("printf '[Container]\\nImage=" + Units.IMAGE + "\\nContainerName=it-hq\\nExec=busybox httpd -f -p 8080 -h /www\\n"
                + "PublishPort=127.0.0.1:18232:8080\\nStopTimeout=1\\n' > " + HOST_QUADLET + " && systemctl daemon-reload && systemctl start it-hq.service");
        assertThat(host.http(18232)).isEqualTo("hello from busybox");
        String hostId = host.containerId("it-hq");
        repo.write("hq/it-hq.container", Units.web("it-hq", 18232)).write("hq/site/index.html", "from the repository\n");
        refused("hq/it-hq.container", "the host already has the quadlet " + HOST_QUADLET
                + " for it-hq.service; quadlet would run the host's definition");
        assertThat(host.containerId("it-hq")).as("the host's container untouched").isEqualTo(hostId);

        // one in /usr/share: the repository's would win over it, which changes the host's unit as much
        host.sh("mkdir -p /usr/share/containers/systemd && mv " + HOST_QUADLET + " /usr/share/containers/systemd/");
        refused("hq/it-hq.container", "the host already has the quadlet /usr/share/containers/systemd/it-hq.container"
                + " for it-hq.service; the repository's would replace it");

        // rootless: tester's own quadlets, and the admin's ones for every user
        Host tester = Host.tester();
        host.sh("chmod -R a+rX /srv/share/hostunits");
        for (String place : new String[] {"/home/tester/.config/containers/systemd", "/etc/containers/systemd/users"}) {
            host.sh("mkdir -p " + place + " && cp /usr/share/containers/systemd/it-hq.container " + place + "/ && chown -R tester "
                    + "/home/tester/.config/containers");
            try {
                TestHost.Result init = tester.berth("init", "/srv/share/hostunits");
                assertThat(init.exitCode()).as(init.stdout()).isNotZero();
                assertThat(init.stderr()).contains("the host already has the quadlet " + place + "/it-hq.container");
                assertThat(tester.run("test -e ~/.config/containers/systemd/berth").exitCode()).as("nothing written").isNotZero();
                assertThat(tester.berthOk("status")).contains("failed: ").contains(place + "/it-hq.container");
            } finally {
                tester.berth("prune", "-q");
                host.sh("rm -f " + place + "/it-hq.container");
            }
        }

        // adopted: the host's file is set aside, the repository's definition runs
        host.sh("mv /usr/share/containers/systemd/it-hq.container " + HOST_QUADLET);
        host.berthOk("adopt", "it-hq.container");
        commit("the repository's it-hq");
        String out = host.berthOk("sync");
        assertThat(out).contains("the host's quadlet is kept as " + HOST_QUADLET + ".berth-adopted");
        assertThat(host.containerId("it-hq")).as("the host's container was replaced by the repository's").isNotEqualTo(hostId);
        assertThat(host.http(18232)).isEqualTo("from the repository");
        assertThat(host.sh("cat " + HOST_QUADLET + ".berth-adopted")).contains("ContainerName=it-hq");
        assertThat(host.run("test -e " + HOST_QUADLET).exitCode()).isNotZero();
    }

    private void commit(String message) throws Exception {
        repo.commit(message);
        host.sh("git -C /srv/share/hostunits/.git update-server-info"); // what the dumb http protocol reads
    }

    private String deployedLine() {
        return host.berthOk("status").lines().filter(l -> l.startsWith("Deployed:")).findFirst().orElseThrow();
    }

    /**
     * Commits what the repository holds now (plus a change to the served page) and syncs: the sync must fail
     * naming {@code file} and {@code why}, with nothing of the commit applied, the deployed commit and the
     * containers unchanged, and {@code status} saying what was refused and why.
     */
    private void refused(String file, String why) throws Exception {
        repo.write("web/site/index.html", "must not appear\n");
        commit("attack: " + file);
        TestHost.Result sync = host.berth("sync");
        assertThat(sync.exitCode()).as(sync.stdout()).isNotZero();
        assertThat(sync.stderr()).contains("was not applied").contains(file).contains(why);
        assertThat(sync.stdout()).doesNotContain("write ").doesNotContain("restart ").doesNotContain("start ");
        String status = host.berthOk("status");
        assertThat(status).contains(deployed).contains("failed: ").contains(file).contains(why);
        assertThat(host.http(WEB)).isEqualTo("running");
        assertThat(host.containerId("it-hu-web")).isEqualTo(webId);
        assertThat(host.containerId("it-hu-side")).isEqualTo(sideId);
        repo.write("web/site/index.html", "running\n");
    }
}
