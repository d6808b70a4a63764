package dev.berth.host;

/**
 * An image in local storage.
 *
 * @param id     its ID (the config digest)
 * @param digest the manifest digest of the local copy; empty when Podman has none
 */
public record LocalImage(String id, String digest) {
}
