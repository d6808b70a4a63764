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

/** Encrypted secrets on the real test host: NAME.age in the repository → a Podman secret a container reads. */
class SecretsIT {
    private static final String CONTAINER = "it-secret-app";
    private final Host host = Host.root();
    private TestGitRepo repo;

    @AfterEach
    void cleanUp() {
        host.berth("prune", "-q");
        host.run("podman secret rm db-password; rm -f /var/lib/berth/" + AgeIdentity.FILE_NAME + " /srv/share/plain.txt");
        if (repo != null) {
            repo.close();
        }
    }

    /** A container that refuses to run with the password "bad-password", to make a secret break a deploy. */
    private static String app() {
        return """
                [Container]
                Image=%s
                ContainerName=%s
                Exec=sh -c 'env | grep -q =bad-password && exit 3; exec sleep 100000'
                Secret=db-password,type=env,target=DB_PASSWORD
                StopTimeout=1
                """.formatted(Units.IMAGE, CONTAINER);
    }

    /** DB_PASSWORD as the running container sees it (its minimal busybox has sh, not printenv). */
    private String dbPassword() {
        return host.sh("podman exec " + CONTAINER + " sh -c 'echo \"$DB_PASSWORD\"'");
    }

    private void writeSecret(String value, String recipient) throws Exception {
        Files.write(repo.dir().resolve("secrets/db-password.age"),
                AgeCodec.encrypt(value.getBytes(StandardCharsets.UTF_8), List.of(recipient)));
    }

    private void assertNowhere(String plaintext, String... outputs) {
        for (String out : outputs) {
            assertThat(out).doesNotContain(plaintext);
        }
        assertThat(host.berthOk("status", "--json")).doesNotContain(plaintext);
        assertThat(host.run("grep -r -l -F -e '" + plaintext + "' /var/lib/berth").exitCode())
                .as("no file under the state folder holds the plaintext").isEqualTo(1);
    }

    @Test
    void aSecretReachesTheContainerChangesRestartItAndAWrongRecipientChangesNothing() throws Exception {
        host.run("rm -f /var/lib/berth/" + AgeIdentity.FILE_NAME);
        String recipient = host.berthOk("secret", "keygen").strip();
        assertThat(recipient).startsWith("age1");
        assertThat(host.berthOk("secret", "recipient").strip()).isEqualTo(recipient);
        assertThat(host.sh("stat -c %a /var/lib/berth/" + AgeIdentity.FILE_NAME)).isEqualTo("600");
        assertThat(host.berth("secret", "keygen").stderr()).contains("--force");

        repo = host.newRepo("secrets");
        repo.write("app/app.container", app());
        Files.createDirectories(repo.dir().resolve("secrets"));
        // first value: encrypted by 'berth secret encrypt' on the host, from stdin
        String first = "first-Pa55-" + System.nanoTime();
        host.sh("printf %s '" + first + "' | /opt/berth/berth secret encrypt --recipient " + recipient
                + " --output /srv/share/secrets/secrets/db-password.age -");
        repo.commit("app with a secret");

        String init = host.berthOk("init", "/srv/share/secrets");
        assertThat(dbPassword()).isEqualTo(first);
        assertThat(init).contains("secret db-password created from secrets/db-password.age");
        assertNowhere(first, init);
        String before = host.containerId(CONTAINER);

        // a new value, encrypted in this JVM: sync replaces the secret and restarts the container using it
        String second = "second-Pa55-" + System.nanoTime();
        writeSecret(second, recipient);
        repo.commit("rotate the password");
        String sync = host.berthOk("sync");
        assertThat(sync).contains("secret db-password updated").contains("restart app.service");
        assertThat(host.containerId(CONTAINER)).isNotEqualTo(before);
        assertThat(dbPassword()).isEqualTo(second);
        assertNowhere(second, sync);
        assertNowhere(first, sync);

        // a secret the container cannot run with: the commit is rolled back, with the secret it had before
        writeSecret("bad-password", recipient);
        repo.commit("a password the app refuses");
        TestHost.Result broke = host.berth("sync");
        assertThat(broke.exitCode()).isNotZero();
        assertThat(broke.stdout() + broke.stderr()).contains("rolled back");
        assertThat(host.activeState("app.service")).isEqualTo("active");
        assertThat(dbPassword()).isEqualTo(second);

        // encrypted to some other host: the sync fails before anything changes, naming the file and what to do
        String running = host.containerId(CONTAINER);
        writeSecret("third-Pa55", AgeIdentity.generate().recipient());
        repo.commit("a secret for the wrong host");
        TestHost.Result bad = host.berth("sync");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("secrets/db-password.age cannot be decrypted").contains(recipient)
                .contains("berth secret recipient");
        assertThat(host.containerId(CONTAINER)).as("the running container is untouched").isEqualTo(running);
        assertThat(host.activeState("app.service")).isEqualTo("active");
        assertThat(dbPassword()).isEqualTo(second);
        assertThat(host.berthOk("status")).contains("cannot be decrypted");

        // the file leaves the repository (and the unit stops using it): Berth removes the secret it created
        repo.delete("secrets/db-password.age").write("app/app.container", Units.sleeper(CONTAINER, "no-secret"));
        repo.commit("no more secret");
        assertThat(host.berthOk("sync")).contains("secret db-password removed");
        assertThat(host.run("podman secret exists db-password").exitCode()).isNotZero();

        // prune starts over but keeps the host's key: the repository's secrets are encrypted to it
        host.berthOk("prune", "-q");
        assertThat(host.berthOk("secret", "recipient").strip()).isEqualTo(recipient);
    }
}
