package dev.berth.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Lists a layer tarball (plain or gzip, ustar with PAX and GNU long-name extensions), hashing each file's
 * content. Enough of tar to compare two image layers entry by entry; it never writes anything.
 */
final class TarListing {
    private static final int BLOCK = 512;

    private TarListing() {
    }

    /** Entries by path, in archive order; a later entry for the same path replaces the earlier one. */
    static Map<String, TarEntry> read(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        Map<String, TarEntry> entries = new LinkedHashMap<>();
        Map<String, String> pax = new LinkedHashMap<>();
        String longName = null;
        String longLink = null;
        byte[] header = new byte[BLOCK];
        while (readFully(in, header)) {
            if (isZero(header)) {
                break;
            }
            char type = header[156] == 0 ? '0' : (char) header[156];
            long size = octal(header, 124, 12);
            switch (type) {
                case 'x', 'g' -> {
                    Map<String, String> records = paxRecords(readBytes(in, size));
                    if (type == 'x') {
                        pax.putAll(records);
                    }
                    skipPadding(in, size);
                    continue;
                }
                case 'L', 'K' -> {
                    String name = new String(readBytes(in, size), StandardCharsets.UTF_8).replace("\0", "");
                    if (type == 'L') {
                        longName = name;
                    } else {
                        longLink = name;
                    }
                    skipPadding(in, size);
                    continue;
                }
                default -> {
                }
            }
            String name = string(header, 0, 100);
            String prefix = string(header, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(string(header, 257, 5))) {
                name = prefix + "/" + name;
            }
            name = pax.getOrDefault("path", longName != null ? longName : name);
            String link = pax.getOrDefault("linkpath", longLink != null ? longLink : string(header, 157, 100));
            size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : size;
            String uid = pax.getOrDefault("uid", Long.toString(octal(header, 108, 8)));
            String gid = pax.getOrDefault("gid", Long.toString(octal(header, 116, 8)));
            String mtime = pax.getOrDefault("mtime", Long.toString(octal(header, 136, 12)));
            int mode = (int) (octal(header, 100, 8) & 07777);
            String content;
            if (type == '0' || type == '7') {
                content = sha256(in, size);
                skipPadding(in, size);
            } else {
                content = type == '1' || type == '2' ? "-> " + link : "";
                skip(in, size + padding(size));
            }
            String path = normalize(name);
            entries.put(path, new TarEntry(path, type, mode, uid + ":" + gid, mtime, size, content));
            pax.clear();
            longName = null;
            longLink = null;
        }
        return entries;
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

    private static Map<String, String> paxRecords(byte[] data) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < data.length) {
            int space = indexOf(data, (byte) ' ', i);
            if (space < 0) {
                break;
            }
            int length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII).strip());
            if (length <= 0) {
                break;
            }
            String record = new String(data, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                out.put(record.substring(0, eq), record.substring(eq + 1));
            }
            i += length;
        }
        return out;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String sha256(InputStream in, long size) throws IOException {
        MessageDigest md = dev.berth.repo.Sha256.newDigest();
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("layer ends inside a file");
            }
            md.update(buf, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        byte[] b = new byte[(int) size];
        if (!readFully(in, b)) {
            throw new IOException("layer ends inside a header");
        }
        return b;
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        skip(in, padding(size));
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("layer ends early");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                return false;
            }
            off += n;
        }
        return true;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) { // base-256, for values too big for octal
            long v = 0;
            for (int i = off + 1; i < off + len; i++) {
                v = v << 8 | (h[i] & 0xff);
            }
            return v;
        }
        String s = string(h, off, len).strip();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}
