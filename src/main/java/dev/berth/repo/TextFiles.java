package dev.berth.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads unit files and drop-ins as strict UTF-8 text, turning every way this can go wrong into a
 * problem: too large, unreadable, binary (NUL bytes) or not UTF-8. systemd would reject or misread such
 * files, so they are reported before they reach the host.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /** The text and its sha256, or empty (with a problem added) when the file cannot be used as a unit. */
    public static Optional<LoadedText> readUnitText(RepositoryTree tree, String rel, long limit, List<Problem> problems) {
        byte[] bytes;
        // one open file for the size check and the read: on a large checkout every system call counts
        try (FileChannel channel = FileChannel.open(tree.resolve(rel))) {
            long size = channel.size();
            if (size > limit) {
                problems.add(Problem.error(rel, 0, "is " + size + " bytes, more than the limit of " + limit
                        + " bytes for unit files and drop-ins: is this really a unit? Move large data to a supporting file"));
                return Optional.empty();
            }
            bytes = WholeFile.read(channel, size);
        } catch (IOException e) {
            problems.add(Problem.error(rel, 0, "cannot be read (" + e.getClass().getSimpleName()
                    + "): check that it is a readable file"));
            return Optional.empty();
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                problems.add(Problem.error(rel, lineAt(bytes, i),
                        "contains a NUL byte: unit files must be text; is this a binary file with a unit's name?"));
                return Optional.empty();
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
            return Optional.of(new LoadedText(text, Sha256.of(bytes)));
        } catch (CharacterCodingException e) {
            problems.add(Problem.error(rel, lineAt(bytes, in.position()),
                    "is not valid UTF-8: save it as UTF-8 text"));
            return Optional.empty();
        }
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, bytes.length); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    public record LoadedText(String text, String sha256) {
    }
}
