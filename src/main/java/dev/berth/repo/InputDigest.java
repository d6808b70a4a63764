package dev.berth.repo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One digest over everything a unit is made of: the unit file, then its drop-ins in the order they apply,
 * then its supporting files sorted by path. Each contributes its path and the sha256 of its content, so a
 * change to any content, a rename, or a drop-in added or removed changes the digest — and restarts the unit.
 */
final class InputDigest {

    private InputDigest() {
    }

    static String of(List<String> pathsInOrder, Map<String, String> digests) {
        MessageDigest md = Sha256.newDigest();
        for (String path : pathsInOrder) {
            md.update(path.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(digests.getOrDefault(path, "unreadable").getBytes(StandardCharsets.US_ASCII));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
