package dev.berth.failure;

/** What failed, whichever step it failed in: what callers (exit codes, MCP tool errors) may branch on. */
public enum FailureKind {
    /** what was given is wrong: an argument, a unit file, a repository Berth cannot use as it is */
    INVALID_INPUT,
    /** Berth would not do it: a safety rule (an unsafe tree, a file or secret it did not make, an existing key) */
    REFUSED,
    /** the followed repository could not be cloned, fetched or read */
    GIT,
    /** the host did not do it: systemctl, Podman, quadlet, a file write outside the state folder */
    HOST,
    /** an image build, or something it needs, failed */
    BUILD,
    /** a secret could not be made, read, decrypted or handed to Podman */
    SECRET,
    /** Berth's state folder could not be read or written */
    STATE
}
