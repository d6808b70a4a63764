package dev.berth.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.host.HostException;
import dev.berth.host.PodmanSecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositorySecretsTest {

    @TempDir
    Path state;
    @TempDir
    Path checkout;

    private final Map<String, String> podmanStore = new TreeMap<>();
    private final List<String> log = new ArrayList<>();
    private AgeIdentity id;
    private RepositorySecrets secrets;

    /** An in-memory secret store: records what Berth asked Podman to do. */
    private final PodmanSecretStore fake = new PodmanSecretStore() {
        @Override
        public void createSecret(String name, byte[] value) {
            podmanStore.put(name, new String(value, StandardCharsets.UTF_8));
            log.add("put " + name);
        }

        @Override
        public boolean secretExists(String name) {
            return podmanStore.containsKey(name);
        }

        @Override
        public void removeSecret(String name) {
            podmanStore.remove(name);
            log.add("rm " + name);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        id = AgeIdentity.generate();
        id.writeTo(AgeIdentity.fileIn(state), false);
        secrets = new RepositorySecrets(state, fake);
    }

    private void write(String path, String value, String recipient) throws Exception {
        Path p = checkout.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, AgeCodec.encrypt(value.getBytes(StandardCharsets.UTF_8), List.of(recipient)));
    }

    @Test
    void createsChangedSecretsOnlyAndRemovesTheOnesThatLeft() throws Exception {
        write("secrets/db.age", "one", id.recipient());
        write("api-key.age", "key", id.recipient());
        List<String> progress = new ArrayList<>();
        secrets.install(checkout, progress::add);
        assertThat(podmanStore).containsEntry("db", "one").containsEntry("api-key", "key");
        assertThat(String.join("\n", progress)).doesNotContain("one").doesNotContain("key\n");

        log.clear();
        secrets.install(checkout, progress::add);
        assertThat(log).isEmpty();

        write("secrets/db.age", "two", id.recipient());
        secrets.install(checkout, progress::add);
        assertThat(log).containsExactly("put db");
        assertThat(podmanStore).containsEntry("db", "two");

        Files.delete(checkout.resolve("api-key.age"));
        secrets.removeGone(checkout, progress::add);
        assertThat(podmanStore).containsOnlyKeys("db");
        assertThat(Files.readString(state.resolve(SecretState.FILE_NAME))).contains("db").doesNotContain("two");
    }

    /**
     * A Berth killed right after Podman created a secret, before it saved what it created, must still know the
     * secret as its own at the next sync (else it refuses it as one the host made). The claim is on disk first.
     */
    @Test
    void aNewSecretIsClaimedOnDiskBeforePodmanCreatesItSoAKillInBetweenLeavesItBerths() throws Exception {
        write("db.age", "one", id.recipient());
        List<String> claimedAtCreate = new ArrayList<>();
        RepositorySecrets killedAfterCreate = new RepositorySecrets(state, new PodmanSecretStore() {
            @Override
            public void createSecret(String name, byte[] value) throws HostException {
                fake.createSecret(name, value);
                try {
                    claimedAtCreate.add(Files.readString(state.resolve(SecretState.FILE_NAME)));
                } catch (java.io.IOException e) {
                    claimedAtCreate.add("no " + SecretState.FILE_NAME + ": " + e);
                }
            }

            @Override
            public boolean secretExists(String name) {
                return fake.secretExists(name);
            }

            @Override
            public void removeSecret(String name) throws HostException {
                fake.removeSecret(name);
            }
        });
        killedAfterCreate.install(checkout, s -> { });
        assertThat(claimedAtCreate).singleElement().asString().contains("\"db\"");

        // what a kill after the create leaves: the secret exists, the record says only that it was claimed
        Files.writeString(state.resolve(SecretState.FILE_NAME), claimedAtCreate.get(0));
        write("db.age", "two", id.recipient());
        secrets.install(checkout, s -> { });
        assertThat(podmanStore).containsEntry("db", "two");
    }

    /** Podman's refusal reaches the sync as a secret failure with podman's own words, and nothing is recorded as created. */
    @Test
    void podmansRefusalIsASecretFailureWithPodmansWords() throws Exception {
        write("db.age", "one", id.recipient());
        RepositorySecrets refused = new RepositorySecrets(state, new PodmanSecretStore() {
            @Override
            public void createSecret(String name, byte[] value) throws HostException {
                throw new HostException("podman could not create the secret '" + name + "': no space left on device");
            }

            @Override
            public boolean secretExists(String name) {
                return false;
            }

            @Override
            public void removeSecret(String name) {
                log.add("rm " + name);
            }
        });
        assertThatThrownBy(() -> refused.install(checkout, s -> { })).isInstanceOf(SecretException.class)
                .hasMessage("podman could not create the secret 'db': no space left on device");
    }

    @Test
    void aSecretRemovedOnTheHostIsCreatedAgain() throws Exception {
        write("db.age", "one", id.recipient());
        secrets.install(checkout, s -> { });
        podmanStore.clear();
        secrets.install(checkout, s -> { });
        assertThat(podmanStore).containsEntry("db", "one");
    }

    @Test
    void oneUndecryptableSecretChangesNothingAndSaysWhatToDo() throws Exception {
        write("a-good.age", "fine", id.recipient());
        write("z-bad.age", "nope", AgeIdentity.generate().recipient());
        assertThatThrownBy(() -> secrets.install(checkout, s -> { }))
                .hasMessageContaining("z-bad.age cannot be decrypted")
                .hasMessageContaining(id.recipient())
                .hasMessageContaining("berth secret recipient");
        assertThat(podmanStore).isEmpty();
    }

    @Test
    void withoutAHostKeyTheErrorSaysToRunKeygen() throws Exception {
        write("db.age", "one", id.recipient());
        Files.delete(AgeIdentity.fileIn(state));
        assertThatThrownBy(() -> secrets.install(checkout, s -> { }))
                .hasMessageContaining("db.age").hasMessageContaining("berth secret keygen");
        assertThat(podmanStore).isEmpty();
    }

    @Test
    void pruneRemovesEverySecretBerthCreatedAndNoOther() throws Exception {
        podmanStore.put("host-managed", "x");
        write("db.age", "one", id.recipient());
        secrets.install(checkout, s -> { });
        secrets.removeAll(s -> { });
        assertThat(podmanStore).containsOnlyKeys("host-managed");
    }

    @Test
    void aSecretTheHostMadeItselfIsNeitherReplacedNorLaterRemoved() throws Exception {
        podmanStore.put("db", "the host's own");
        write("a-first.age", "fine", id.recipient());
        write("db.age", "from the repository", id.recipient());
        assertThatThrownBy(() -> secrets.install(checkout, s -> { }))
                .hasMessageContaining("the host already has a Podman secret 'db' that Berth did not create")
                .hasMessageContaining("db.age").hasMessageContaining("podman secret rm db");
        assertThat(podmanStore).as("nothing changed, not even the other secret").containsExactly(Map.entry("db", "the host's own"));
        Files.delete(checkout.resolve("db.age"));
        secrets.install(checkout, s -> { });
        secrets.removeGone(checkout, s -> { });
        assertThat(podmanStore).containsEntry("db", "the host's own").containsEntry("a-first", "fine");
    }

    @Test
    void anAgeFileOverTheLimitIsNotReadWhole() throws Exception {
        Files.write(checkout.resolve("huge.age"), new byte[(int) dev.berth.repo.SecretFiles.MAX_AGE_BYTES + 1]);
        assertThatThrownBy(() -> secrets.install(checkout, s -> { }))
                .hasMessageContaining("huge.age is over the limit of 1 MiB for a .age file");
        assertThat(podmanStore).isEmpty();
    }
}
