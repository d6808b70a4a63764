package dev.berth.host;

/** The Podman secret store of the user Berth runs as (root's for a rootful host). */
public interface PodmanSecretStore {

    /** Creates or replaces the secret; the value goes to podman on its standard input only. */
    void createSecret(String name, byte[] value) throws HostException;

    boolean secretExists(String name);

    /** Removes the secret; one that is already gone is not an error. */
    void removeSecret(String name) throws HostException;
}
