package dev.berth.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** The layer listing {@code berth build --verify} compares; archives are written by hand or by commons-compress. */
class TarListingTest {

    private static final String LONG_NAME = "usr/share/" + "very-long-folder-name/".repeat(8) + "file.txt";

    @Test
    void listsAHandWrittenUstarFilePlainOrGzipped() throws Exception {
        byte[] tar = ustar("./stamp", "111\n", 100, 1000);
        TarEntry plain = TarListing.read(new ByteArrayInputStream(tar)).get("stamp");
        assertThat(plain).isEqualTo(new TarEntry("stamp", '0', 0644, "1000:0", "100", 4,
                "1fc917c7ad66487470e466c0ad40ddd45b9f7730a4b43e1b2542627f0596bbdc"));
        assertThat(TarListing.read(new ByteArrayInputStream(gzip(tar)))).containsExactly(Map.entry("stamp", plain));
    }

    @Test
    void longNamesComeFromGnuAndPaxExtensions() throws Exception {
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
            byte[] tar = write(mode, out -> file(out, LONG_NAME, "x", 0));
            assertThat(TarListing.read(new ByteArrayInputStream(tar))).containsOnlyKeys(LONG_NAME);
        }
    }

    @Test
    void paxHeadersGiveTheFractionalMtimeTheBigIdsAndTheLinkTarget() throws Exception {
        byte[] tar = write(TarArchiveOutputStream.LONGFILE_POSIX, out -> {
            TarArchiveEntry f = new TarArchiveEntry("app/bin");
            f.setSize(3);
            f.setUserId(3_000_000_000L);
            f.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(1_700_000_000L, 500_000_000)));
            out.putArchiveEntry(f);
            out.write("abc".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("app/current", TarConstants.LF_SYMLINK);
            link.setLinkName("/opt/" + "target/".repeat(20) + "bin");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        });
        Map<String, TarEntry> entries = TarListing.read(new ByteArrayInputStream(tar));
        assertThat(entries.get("app/bin").mtime()).isEqualTo("1700000000.5");
        assertThat(entries.get("app/bin").owner()).isEqualTo("3000000000:0");
        assertThat(entries.get("app/current").type()).isEqualTo('2');
        assertThat(entries.get("app/current").content()).isEqualTo("-> /opt/" + "target/".repeat(20) + "bin");
    }

    @Test
    void sizesBeyondOctalFieldsAreRead() throws Exception {
        // a 9 GiB file in the header only: the content is cut short, so the listing must refuse, naming the size
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveEntry big = new TarArchiveEntry("big");
        big.setSize(9L << 30);
        out.putArchiveEntry(big);
        out.write(new byte[4096]);
        out.flush();
        assertThatThrownBy(() -> TarListing.read(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IOException.class).hasMessage("layer ends inside big (4096 of 9663676416 bytes)");
    }

    @Test
    void aLayerCutShortInsideAFileIsAClearError() throws Exception {
        byte[] whole = ustar("stamp", "x".repeat(2000), 100, 0);
        byte[] cut = Arrays.copyOf(whole, 512 + 1000);
        assertThatThrownBy(() -> TarListing.read(new ByteArrayInputStream(cut)))
                .isInstanceOf(IOException.class).hasMessage("layer ends inside stamp (1000 of 2000 bytes)");
        assertThatThrownBy(() -> TarListing.read(new ByteArrayInputStream(gzip(cut))))
                .isInstanceOf(IOException.class).hasMessage("layer ends inside stamp (1000 of 2000 bytes)");
    }

    @Test
    void aLayerCutShortInsideAHeaderIsAClearError() throws Exception {
        byte[] whole = write(TarArchiveOutputStream.LONGFILE_GNU, out -> {
            file(out, "first", "1", 0);
            file(out, "second", "2", 0);
        });
        byte[] cut = Arrays.copyOf(whole, 512 + 512 + 100);
        assertThatThrownBy(() -> TarListing.read(new ByteArrayInputStream(cut)))
                .isInstanceOf(IOException.class).hasMessageContaining("layer ends");
    }

    @Test
    void aLaterEntryForThePathReplacesTheEarlierOne() throws Exception {
        byte[] tar = write(TarArchiveOutputStream.LONGFILE_GNU, out -> {
            file(out, "etc/conf", "one", 0);
            file(out, "./etc/conf", "second", 0);
        });
        assertThat(TarListing.read(new ByteArrayInputStream(tar)).get("etc/conf").size()).isEqualTo(6);
    }

    private interface Entries {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    private static byte[] write(int longFileMode, Entries entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(longFileMode);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            entries.write(out);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream out, String name, String content, long mtime) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(mtime)));
        out.putArchiveEntry(e);
        out.write(data);
        out.closeArchiveEntry();
    }

    /** A one-file ustar archive, header written byte by byte. */
    static byte[] ustar(String name, String content, long mtime, int uid) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, String.format("%07o", uid));
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", data.length));
        put(h, 136, String.format("%011o", mtime));
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = '0';
        put(h, 257, "ustar");
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0", sum));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
        }
        return out.toByteArray();
    }
}
