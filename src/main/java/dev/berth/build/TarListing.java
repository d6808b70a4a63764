package dev.berth.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Lists a layer tarball (plain or gzip; commons-compress reads ustar, PAX and GNU long names), hashing each
 * file's content. Enough to compare two image layers entry by entry; it never writes anything.
 */
final class TarListing {
    private static final int BUFFER = 1 << 16;
    private static final int RECORD = 512;

    private TarListing() {
    }

    /** Entries by path, in archive order; a later entry for the same path replaces the earlier one. */
    static Map<String, TarEntry> read(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        InputStream in = gzipped(buffered) ? new GzipCompressorInputStream(buffered, true) : buffered;
        Map<String, TarEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                char type = e.getLinkFlag() == 0 ? '0' : (char) e.getLinkFlag();
                String content = switch (type) {
                    case '0', '7' -> sha256(tar, e);
                    case '1', '2' -> "-> " + e.getLinkName();
                    default -> "";
                };
                String path = normalize(e.getName());
                entries.put(path, new TarEntry(path, type, e.getMode() & 07777, e.getLongUserId() + ":" + e.getLongGroupId(),
                        seconds(e.getLastModifiedTime()), e.getSize(), content));
            }
            // commons-compress takes a header cut short for the end of the archive; whole records never are
            if (tar.getBytesRead() % RECORD != 0) {
                throw new IOException("layer ends inside a header (" + tar.getBytesRead() + " bytes)");
            }
        }
        return entries;
    }

    private static boolean gzipped(BufferedInputStream in) throws IOException {
        byte[] signature = new byte[2];
        in.mark(signature.length);
        int n = in.readNBytes(signature, 0, signature.length);
        in.reset();
        return GzipCompressorInputStream.matches(signature, n);
    }

    /** The file's content hash; a layer cut short inside it is an error that names the file. */
    private static String sha256(TarArchiveInputStream tar, TarArchiveEntry e) throws IOException {
        MessageDigest md = dev.berth.repo.Sha256.newDigest();
        byte[] buffer = new byte[BUFFER];
        long read = 0;
        try {
            for (int n = tar.read(buffer); n >= 0; n = tar.read(buffer)) {
                md.update(buffer, 0, n);
                read += n;
            }
        } catch (IOException cut) {
            throw new IOException("layer ends inside " + e.getName() + " (" + read + " of " + e.getSize() + " bytes)", cut);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Seconds since the epoch, with the fraction a PAX header may carry ("1700000000.5"). */
    private static String seconds(FileTime time) {
        Instant t = time.toInstant();
        return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).stripTrailingZeros()
                .toPlainString();
    }

    private static String normalize(String name) {
        String p = name;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
