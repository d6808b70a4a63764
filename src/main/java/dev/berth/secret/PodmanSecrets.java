package dev.berth.secret;

/** The Podman secret store of the user Berth runs as (root's for a rootful host). */
public interface PodmanSecrets {

    /** Creates or replaces the secret; the value goes to podman on its standard input only. */
    void put(String name, byte[] value) throws SecretException;

    boolean exists(String name);

    /** Removes the secret; one that is already gone is not an error. */
    void remove(String name) throws SecretException;
}
