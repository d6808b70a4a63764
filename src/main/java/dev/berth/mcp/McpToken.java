package dev.berth.mcp;

import dev.berth.host.StateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token the MCP HTTP endpoint requires: 32 random bytes, made on first start and kept in the
 * state folder readable by its owner only. {@link #id()} names it in logs without revealing it.
 */
public record McpToken(String value) {
    public static final String FILE = "mcp-token";

    public static Path file(Path stateDir) {
        return stateDir.resolve(FILE);
    }

    public static McpToken loadOrCreate(Path stateDir) throws IOException {
        Path f = file(stateDir);
        if (Files.exists(f)) {
            String v = Files.readString(f, StandardCharsets.US_ASCII).strip();
            if (v.length() >= 32) {
                tighten(f);
                return new McpToken(v);
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        McpToken token = new McpToken(HexFormat.of().formatHex(random));
        new StateFiles(stateDir).write(FILE, (token.value() + "\n").getBytes(StandardCharsets.US_ASCII));
        return token;
    }

    private static void tighten(Path f) throws IOException {
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // nothing to tighten on such a file system
        }
    }

    /** Constant-time comparison, so the answer's timing says nothing about how much of a guess was right. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    /** A short fingerprint for logs: who called, without the secret. */
    public String id() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return "token:" + HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
