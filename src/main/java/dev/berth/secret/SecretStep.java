package dev.berth.secret;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The part of a deployment that turns the repository's {@code .age} files into Podman secrets. */
public interface SecretStep {

    SecretStep NONE = new SecretStep() {
        @Override
        public void install(Path checkout, Consumer<String> progress) {
        }

        @Override
        public void removeGone(Path checkout, Consumer<String> progress) {
        }
    };

    /**
     * Before units start or restart: creates or replaces every secret that is new or changed. Decrypts them all
     * before it changes anything, so a secret that cannot be decrypted leaves the host as it was.
     */
    void install(Path checkout, Consumer<String> progress) throws SecretException;

    /** After the units changed: removes the secrets Berth created whose {@code .age} file left the repository. */
    void removeGone(Path checkout, Consumer<String> progress) throws SecretException;
}
