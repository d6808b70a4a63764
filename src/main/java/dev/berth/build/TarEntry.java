package dev.berth.build;

/**
 * One entry of a layer tarball, with everything that makes two layers differ.
 *
 * @param path     the path in the image, without a leading "./" or "/"
 * @param type     tar type flag: '0' file, '5' folder, '2' symlink, '1' hard link, ...
 * @param mode     permission bits
 * @param owner    "uid:gid"
 * @param mtime    modification time as the archive stores it (seconds, with a fraction from PAX if any)
 * @param size     content size
 * @param content  sha256 of the content (files), or the link target (links), or "" (others)
 */
public record TarEntry(String path, char type, int mode, String owner, String mtime, long size, String content) {
}
