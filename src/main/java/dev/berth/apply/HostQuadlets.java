package dev.berth.apply;

import dev.berth.host.HostLayout;
import dev.berth.unit.UnitName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The quadlets the host has of its own: every quadlet file in quadlet's search folders (podman-systemd.unit(5)),
 * scanned recursively as quadlet does, except Berth's own folder. Quadlet reads the folders in this order and
 * the first file of a name wins, so a host's {@code /etc/containers/systemd/web.container} hides Berth's
 * {@code /etc/containers/systemd/berth/web.container}, while Berth's hides one in {@code /usr/share}.
 *
 * @param roots       the search folders, in quadlet's order
 * @param beforeBerth how many of {@code roots} quadlet reads before (or as) the folder holding Berth's own
 * @param excluded    folders quadlet skips or that are Berth's own
 */
public record HostQuadlets(List<Path> roots, int beforeBerth, List<Path> excluded) {

    /** A quadlet file of the host; {@code winsOverBerth} when quadlet reads it before Berth's same-named file. */
    public record Found(Path file, UnitName name, boolean winsOverBerth) {
    }

    public HostQuadlets {
        roots = List.copyOf(roots);
        excluded = List.copyOf(excluded);
    }

    static HostQuadlets none() {
        return new HostQuadlets(List.of(), 0, List.of());
    }

    /** Quadlet's search folders for the system manager, or for this user's manager when rootless. */
    static HostQuadlets forHost(HostLayout layout) {
        Path users = Path.of("/etc/containers/systemd/users");
        if (!layout.rootless()) {
            // rootful quadlet skips users/: those are the rootless units of every user
            return new HostQuadlets(List.of(Path.of("/run/containers/systemd"), Path.of("/etc/containers/systemd"),
                    Path.of("/usr/share/containers/systemd")), 2, List.of(layout.quadletDir(), users));
        }
        String uid = currentUid();
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path runtimeDir = runtime != null && !runtime.isBlank() ? Path.of(runtime) : Path.of("/run/user", uid);
        List<Path> otherUsers = new ArrayList<>(List.of(layout.quadletDir()));
        try (Stream<Path> s = Files.isDirectory(users) ? Files.list(users) : Stream.empty()) {
            // users/UID/ folders belong to the users with those ids: only ours is read
            s.filter(p -> p.getFileName().toString().matches("\\d+") && !p.getFileName().toString().equals(uid)).forEach(otherUsers::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HostQuadlets(List.of(runtimeDir.resolve("containers/systemd"), layout.quadletDir().getParent(),
                users.resolve(uid), users), 2, otherUsers);
    }

    private static String currentUid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "0";
        }
    }

    /** Every quadlet file of the host in the search folders, Berth's own excluded; unreadable folders are skipped. */
    List<Found> list() {
        List<Found> out = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            boolean wins = i < beforeBerth;
            Path root = roots.get(i);
            if (!Files.isDirectory(root)) {
                continue;
            }
            // a search folder inside another (users/UID in users/) is listed once, under its own place in the order
            List<Path> skip = new ArrayList<>(excluded);
            roots.stream().filter(r -> !r.equals(root) && r.startsWith(root)).forEach(skip::add);
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        // never walks Berth's own folder: at thousands of units that would be most of a no-change sync
                        return skip.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        UnitName.parse(file.getFileName().toString()).filter(n -> n.kind().isQuadlet())
                                .ifPresent(n -> out.add(new Found(file, n, wins)));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // a folder Berth may not read is not one it can collide with
                    }
                });
            } catch (IOException e) {
                // as above
            }
        }
        return out;
    }
}
