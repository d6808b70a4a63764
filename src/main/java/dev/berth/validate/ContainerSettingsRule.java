package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.Entry;
import dev.berth.unit.UnitKind;
import dev.berth.unit.UnitWords;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of a {@code .container} that quadlet's generator refuses although each key is known: Image=
 * with Rootfs=, Group= without User=, ReloadCmd= with ReloadSignal=, a malformed ExposeHostPort=, a
 * Pod= that is no .pod unit, and Mount= values it cannot resolve. Mounts are read as the Podman
 * release being checked reads them (before 5.6 a mount needs {@code type=}).
 */
public final class ContainerSettingsRule implements UnitRule {

    /** quadlet's port check; it is anchored at the end only, as quadlet's is */
    private static final Pattern PORT_RANGE = Pattern.compile("\\d+(-\\d+)?(/udp|/tcp)?$");

    private final PodmanTarget podman;

    public ContainerSettingsRule(PodmanTarget podman) {
        this.podman = podman;
    }

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        return UnitWalk.problems(units, UnitWalk.withOwnSection(UnitKind.CONTAINER), this::check);
    }

    private void check(QuadletLookup q, List<Problem> out) {
        if (q.hasValue("Image") && q.hasValue("Rootfs")) {
            out.add(q.error("Rootfs", "Image= and Rootfs= are both set, and quadlet refuses that: a container runs"
                    + " either an image or a root file system; remove one of them"));
        }
        if (q.hasValue("Group") && !q.hasValue("User")) {
            out.add(q.error("Group", "Group= without User= is refused by quadlet: set User= as well (e.g. User=1000),"
                    + " or remove Group="));
        }
        if (podman.atLeast(5, 5) && q.hasValue("ReloadSignal") && q.last("ReloadCmd").map(e -> !UnitWords.split(e.value(), UnitWords.Mode.LIST).isEmpty()).orElse(false)) {
            out.add(q.error("ReloadSignal", "ReloadCmd= and ReloadSignal= are both set, and quadlet refuses that:"
                    + " a reload either runs a command in the container or sends it a signal; keep one"));
        }
        for (Entry e : q.all("ExposeHostPort")) {
            if (!PORT_RANGE.matcher(e.value().strip()).find()) {
                out.add(QuadletLookup.error(e, "ExposeHostPort=" + e.value() + " is not a port or port range: write e.g."
                        + " 8080, 8000-8010 or 53/udp"));
            }
        }
        String pod = q.value("Pod");
        if (!pod.isEmpty() && !pod.endsWith(".pod")) {
            out.add(q.error("Pod", "Pod=" + pod + " names no .pod unit, and quadlet only puts containers in pods it"
                    + " manages: add " + pod + ".pod to the repository and write Pod=" + pod + ".pod"));
        }
        for (Entry e : q.all("Mount")) {
            for (String mount : UnitWords.split(e.value(), UnitWords.Mode.ARGUMENTS)) { // quadlet splits Mount= like a command line: one mount a word
                MountValue.problem(mount, podman).ifPresent(why -> out.add(QuadletLookup.error(e, "Mount=" + mount + ": " + why)));
            }
        }
    }
}
