package dev.berth.pipeline;

/** What one step of a deployment finds out and a later step relies on; a {@link Step} declares both. */
public enum Fact {
    /** The followed repository (config.json) and the safety settings. */
    CONFIG,
    /** What Berth recorded as applied on this host. */
    APPLIED,
    /** The commit to deploy, the open clone it comes from, and why an newer one was refused, if it was. */
    TARGET,
    /** The folder the target commit was exported into. */
    CHECKOUT,
    /** The checkout read, validated and narrowed to this host's share. */
    LOADED,
    /** The desired state, with the reproducible-build drop-ins added. */
    DESIRED,
    /** What has to change on the host. */
    PLAN,
    /** The host's own units and quadlets, and the repository units that would clash with them. */
    HOST_UNITS,
    /** How the apply went: the units that came up and the ones that did not. */
    RESULT
}
