package dev.berth.host;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one writer of Berth's state folder: every record kept there (config, applied state, history, safety
 * settings, secrets, the age key, the MCP token, the gateway's view) is written through here, so each is
 * replaced atomically, readable by its owner only, in a folder made owner-only, and each write is a fault
 * point ({@code state write}) of the crash tests. It sits in {@code host} so that every package may write
 * its own record without depending on another domain package.
 */
public final class StateFiles {
    private final Path dir;

    public StateFiles(Path stateDir) {
        this.dir = stateDir;
    }

    public Path dir() {
        return dir;
    }

    /** Where the state file {@code name} is (whether or not it exists). */
    public Path path(String name) {
        return dir.resolve(name);
    }

    /** Replaces the state file {@code name} with {@code content}: owner-only (0600), atomically, then a fault point. */
    public void write(String name, byte[] content) throws IOException {
        Path file = path(name);
        AtomicFileWriter.writePrivate(file, content); // makes or tightens the folder to owner-only too
        FaultPoints.after("state write", file);
    }
}
