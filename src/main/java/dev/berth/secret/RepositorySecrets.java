package dev.berth.secret;

import dev.berth.host.HostException;
import dev.berth.host.PodmanSecretStore;
import dev.berth.failure.FailureKind;
import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryTree;
import dev.berth.repo.SecretFiles;
import dev.berth.repo.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps the host's Podman secrets in step with the repository's {@code NAME.age} files (see {@link SecretFiles}).
 * Plaintext lives only in memory, on its way to {@code podman secret create} through stdin; progress lines
 * and errors name secrets and files, never values.
 */
public final class RepositorySecrets implements SecretStep {
    private final Path stateDir;
    private final SecretState state;
    private final PodmanSecretStore podman;

    public RepositorySecrets(Path stateDir, PodmanSecretStore podman) {
        this.stateDir = stateDir;
        this.state = new SecretState(stateDir);
        this.podman = podman;
    }

    /** The recorded hash of a secret Berth is about to create: it matches no file, so it is always written again. */
    private static final String CLAIMED = "claimed";

    private record Pending(String name, String path, String sha256, byte[] ciphertext) {
    }

    @Override
    public void install(Path checkout, Consumer<String> progress) throws SecretException {
        Map<String, String> files = secretFiles(checkout);
        Map<String, String> created = state.load();
        List<Pending> pending = new ArrayList<>();
        for (var e : files.entrySet()) {
            byte[] ciphertext = read(checkout, e.getValue());
            String sha = Sha256.of(ciphertext);
            if (sha.equals(created.get(e.getKey())) && podman.secretExists(e.getKey())) {
                continue;
            }
            if (!created.containsKey(e.getKey()) && podman.secretExists(e.getKey())) {
                // --replace would overwrite a secret the host made itself, and removeGone would later delete it
                throw new SecretException(FailureKind.REFUSED, "the host already has a Podman secret '" + e.getKey() + "' that Berth did not"
                        + " create, so " + e.getValue() + " may not replace it: rename the .age file (and the Secret= lines"
                        + " using it), or remove the host's secret ('podman secret rm " + e.getKey() + "') to let Berth manage it");
            }
            pending.add(new Pending(e.getKey(), e.getValue(), sha, ciphertext));
        }
        if (pending.isEmpty()) {
            return;
        }
        List<byte[]> values = decryptAll(pending);
        try {
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                boolean replaced = created.containsKey(p.name());
                if (!replaced) {
                    // Claimed before it exists: a Berth killed between the create and the save below must not
                    // find its own secret at the next sync and take it for one the host made.
                    created.put(p.name(), CLAIMED);
                    state.save(created);
                }
                try {
                    podman.createSecret(p.name(), values.get(i));
                } catch (HostException e) {
                    throw new SecretException(e.getMessage(), e);
                }
                dev.berth.host.FaultPoints.after("secret put", p.name());
                created.put(p.name(), p.sha256());
                progress.accept("secret " + p.name() + (replaced ? " updated" : " created") + " from " + p.path());
            }
        } finally {
            values.forEach(v -> Arrays.fill(v, (byte) 0));
            state.save(created);
        }
    }

    @Override
    public void removeGone(Path checkout, Consumer<String> progress) throws SecretException {
        Map<String, String> files = secretFiles(checkout);
        removeExcept(files.keySet(), progress, ": its .age file left the repository");
    }

    /** {@code berth prune}: removes every secret Berth created. */
    public void removeAll(Consumer<String> progress) throws SecretException {
        removeExcept(java.util.Set.of(), progress, "");
    }

    private void removeExcept(java.util.Set<String> keep, Consumer<String> progress, String why) throws SecretException {
        Map<String, String> created = state.load();
        List<String> gone = created.keySet().stream().filter(n -> !keep.contains(n)).toList();
        if (gone.isEmpty()) {
            return;
        }
        try {
            for (String name : gone) {
                try {
                    podman.removeSecret(name);
                } catch (HostException e) {
                    throw new SecretException(e.getMessage(), e);
                }
                dev.berth.host.FaultPoints.after("secret remove", name);
                created.remove(name);
                progress.accept("secret " + name + " removed" + why);
            }
        } finally {
            state.save(created);
        }
    }

    /** Decrypts every pending secret, or fails naming the first file that cannot be, before anything changes. */
    private List<byte[]> decryptAll(List<Pending> pending) throws SecretException {
        AgeIdentity identity;
        try {
            identity = AgeIdentity.read(AgeIdentity.fileIn(stateDir));
        } catch (SecretException e) {
            throw new SecretException(pending.get(0).path() + " cannot be decrypted: " + e.getMessage(), e);
        }
        List<byte[]> values = new ArrayList<>();
        for (Pending p : pending) {
            try {
                values.add(AgeCodec.decrypt(p.ciphertext(), identity));
            } catch (SecretException e) {
                values.forEach(v -> Arrays.fill(v, (byte) 0));
                throw new SecretException(p.path() + " cannot be decrypted with this host's age key (" + e.getMessage()
                        + "): encrypt it to this host's recipient " + identity.recipient() + " (printed by 'berth secret"
                        + " recipient'), e.g. 'berth secret encrypt --recipient " + identity.recipient() + " FILE', and commit the new "
                        + p.path(), e);
            }
        }
        return values;
    }

    private static Map<String, String> secretFiles(Path checkout) throws SecretException {
        try {
            // invalid names and duplicates were reported when the commit was validated; this is the same index
            return SecretFiles.index(RepositoryTree.scan(checkout), new ArrayList<Problem>());
        } catch (IOException e) {
            throw new SecretException("cannot read the repository at " + checkout + " for secrets: " + e.getMessage(), e);
        }
    }

    /** Reads at most {@link SecretFiles#MAX_AGE_BYTES}: validation refuses bigger files, this holds if it was skipped. */
    private static byte[] read(Path checkout, String path) throws SecretException {
        try (var in = Files.newInputStream(checkout.resolve(path))) {
            byte[] bytes = in.readNBytes((int) SecretFiles.MAX_AGE_BYTES + 1);
            if (bytes.length > SecretFiles.MAX_AGE_BYTES) {
                throw new SecretException(FailureKind.REFUSED, path + " is over the limit of " + (SecretFiles.MAX_AGE_BYTES >> 20)
                        + " MiB for a .age file: encrypt only the secret's value, or remove the file");
            }
            return bytes;
        } catch (IOException e) {
            throw new SecretException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
