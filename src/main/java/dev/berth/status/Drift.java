package dev.berth.status;

/** A file Berth wrote that is no longer what it wrote: changed or deleted on the host. */
public record Drift(String target, String path, String change) {
}
