package dev.berth.apply;

import dev.berth.host.HostLayout;
import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.unit.DropIns;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A repository may not take over or change a unit the host already has (say {@code ssh.service},
 * {@code systemd-journald.service} or the host's own {@code web.container}). The host's units are those
 * in systemd's unit search path and in quadlet's search folders that Berth did not put there. Refused:
 * <ul>
 *   <li>a unit (or the service a quadlet generates, {@code ServiceName=} included) named like a host unit;</li>
 *   <li>an instance of a host template ({@code getty@tty1.service} where the host has {@code getty@.service});</li>
 *   <li>a quadlet named like a host quadlet: quadlet runs only one of the two, whichever it reads first;</li>
 *   <li>a quadlet drop-in folder that quadlet would also apply to a host quadlet (it applies drop-in folders
 *       from every search folder: {@code web-.container.d/} changes the host's {@code web-app.container}).</li>
 * </ul>
 * The user can hand a unit over with {@code berth adopt}.
 */
public final class ReservedUnitNames {
    private final List<Path> searchPath;
    private final HostQuadlets quadlets;

    /** @param searchPath systemd's unit folders (without the generator output, where quadlet units appear) */
    ReservedUnitNames(List<Path> searchPath) {
        this(searchPath, HostQuadlets.none());
    }

    ReservedUnitNames(List<Path> searchPath, HostQuadlets quadlets) {
        this.searchPath = List.copyOf(searchPath);
        this.quadlets = quadlets;
    }

    /** systemd's unit search path for the system manager, or for a user manager when rootless (systemd.unit(5)). */
    public static ReservedUnitNames forHost(HostLayout layout) {
        if (layout.rootless()) {
            return new ReservedUnitNames(List.of(layout.unitDir(), Path.of("/etc/systemd/user"), Path.of("/run/systemd/user"),
                    Path.of("/usr/local/lib/systemd/user"), Path.of("/usr/lib/systemd/user")), HostQuadlets.forHost(layout));
        }
        return new ReservedUnitNames(List.of(layout.unitDir(), Path.of("/run/systemd/system"),
                Path.of("/usr/local/lib/systemd/system"), Path.of("/usr/lib/systemd/system"), Path.of("/lib/systemd/system")),
                HostQuadlets.forHost(layout));
    }

    /** The host's quadlets, Berth's own excluded. */
    public List<HostQuadlets.Found> hostQuadlets() {
        return quadlets.list();
    }

    /**
     * @return one message per unit the repository would newly bring in under a name the host already has, and
     *         per drop-in folder that would change a unit of the host
     */
    public List<String> refusals(DesiredState desired, AppliedState applied, Set<String> adopted) {
        List<HostQuadlets.Found> hostQuadlets = quadlets.list();
        Set<String> out = new LinkedHashSet<>(); // a drop-in folder shared by several units is named once
        for (RepoUnit u : desired.units().values()) {
            if (adopted.contains(u.systemdName()) || adopted.contains(u.fileName())) {
                continue; // handed over
            }
            if (!alreadyBerths(u, applied)) {
                clash(u, desired, hostQuadlets).ifPresent(out::add);
            }
            out.addAll(dropInsReachingHostQuadlets(u, hostQuadlets, adopted));
        }
        return List.copyOf(out);
    }

    // Berth's when it brought the unit up under this very systemd name (a new ServiceName= is a new name).
    private static boolean alreadyBerths(RepoUnit u, AppliedState applied) {
        AppliedUnit was = applied.units().get(u.fileName());
        if (was != null) {
            return u.systemdName().equals(was.systemdName());
        }
        return !u.name().kind().isQuadlet() && applied.files().containsKey(InstalledFile.UNIT_PREFIX + u.fileName());
    }

    private Optional<String> clash(RepoUnit u, DesiredState desired, List<HostQuadlets.Found> hostQuadlets) {
        String name = u.systemdName();
        String handOver = "; rename the unit in the repository, or hand it over with 'berth adopt " + name + "'";
        Optional<Path> existing = inSearchPath(name);
        if (existing.isPresent() && !(u.options().self() && isPackagedBerthUnit(existing.get()))) {
            return Optional.of(u.path() + ": the host already has a unit " + name + " (" + existing.get()
                    + ") that Berth did not install" + handOver);
        }
        Optional<String> template = templateOf(name);
        if (template.isPresent() && desired.units().values().stream().noneMatch(d -> d.systemdName().equals(template.get()))) {
            Optional<Path> hostTemplate = inSearchPath(template.get());
            if (hostTemplate.isPresent()) {
                return Optional.of(u.path() + ": " + name + " is an instance of the host's template " + template.get() + " ("
                        + hostTemplate.get() + "), so it would change a unit of the host" + handOver);
            }
        }
        for (HostQuadlets.Found q : hostQuadlets) {
            if (q.name().fileName().equals(u.fileName()) || q.name().defaultSystemdName().equals(name)) {
                return Optional.of(u.path() + ": the host already has the quadlet " + q.file() + " for " + name
                        + (q.winsOverBerth() ? "; quadlet would run the host's definition and ignore the repository's"
                                : "; the repository's would replace it") + handOver);
            }
        }
        return Optional.empty();
    }

    private Optional<Path> inSearchPath(String unitName) {
        for (Path dir : searchPath) {
            Path existing = dir.resolve(unitName);
            if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(existing);
            }
        }
        return Optional.empty();
    }

    /**
     * The daemon's unit that Berth's package installs (src/main/package/berth.service, marked by its first line): the
     * repository's own unit for Berth ({@code Self=true}) replaces it, as /etc/systemd/system wins over /usr/lib.
     */
    static boolean isPackagedBerthUnit(Path unit) {
        if (!unit.getFileName().toString().equals("berth.service")) {
            return false;
        }
        try (var lines = Files.lines(unit)) {
            return lines.findFirst().filter(PACKAGED_UNIT_MARKER::equals).isPresent();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The first line of the unit the berth package installs. */
    static final String PACKAGED_UNIT_MARKER = "# berth.service of the berth package";

    /** {@code getty@.service} for {@code getty@tty1.service}; empty for names that are not instances. */
    static Optional<String> templateOf(String unitName) {
        int at = unitName.indexOf('@');
        int dot = unitName.lastIndexOf('.');
        if (at <= 0 || dot <= at + 1) {
            return Optional.empty();
        }
        return Optional.of(unitName.substring(0, at + 1) + unitName.substring(dot));
    }

    private static List<String> dropInsReachingHostQuadlets(RepoUnit u, List<HostQuadlets.Found> hostQuadlets, Set<String> adopted) {
        if (!u.name().kind().isQuadlet() || u.dropIns().isEmpty() || hostQuadlets.isEmpty()) {
            return List.of();
        }
        Set<String> folders = new LinkedHashSet<>();
        for (String d : u.dropIns()) {
            int slash = d.lastIndexOf('/');
            String folder = d.substring(0, slash);
            folders.add(folder);
        }
        List<String> out = new ArrayList<>();
        for (String folder : folders) {
            String folderName = folder.substring(folder.lastIndexOf('/') + 1);
            for (HostQuadlets.Found q : hostQuadlets) {
                if (adopted.contains(q.name().fileName()) || adopted.contains(q.name().defaultSystemdName())) {
                    continue;
                }
                if (DropIns.directoriesFor(q.name()).contains(folderName)) {
                    out.add(folder + "/: quadlet applies this drop-in folder from any of its search folders, so it would"
                            + " also change the host's quadlet " + q.file() + "; name the folder after the repository's"
                            + " units only (" + u.fileName() + ".d/)");
                    break;
                }
            }
        }
        return out;
    }
}
