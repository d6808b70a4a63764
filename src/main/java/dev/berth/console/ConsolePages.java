package dev.berth.console;

import dev.berth.Berth;
import dev.berth.FileDiffs;
import dev.berth.apply.SyncOutcome;
import dev.berth.mcp.SecretRedaction;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.state.DeploymentReason;
import dev.berth.status.StatusReport;
import dev.berth.status.UnitState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The console's pages by path, each read through the library: status, plan, history, a unit's files and journal. */
final class ConsolePages {
    static final int JOURNAL_LINES = 50;
    private static final int MAX_FILE = 256 * 1024;

    private final Berth berth;
    private final LiveSync live;
    private final UnitChanges changes;

    ConsolePages(Berth berth, LiveSync live, UnitChanges changes) {
        this.berth = berth;
        this.live = live;
        this.changes = changes;
    }

    /** The page at {@code path}, or empty when there is none. */
    Optional<String> get(String path, Html.Viewer viewer) throws Exception {
        String host = berth.identity().name();
        return switch (path) {
            case "/" -> Optional.of(OverviewPage.render(berth.status().call(), changes.byUnit(), berth.identity(),
                    live.running(), viewer));
            case "/pending" -> Optional.of(pending(host, viewer));
            case "/history" -> Optional.of(HistoryPage.render(berth.store().history(),
                    berth.store().applied().commit(), host, viewer));
            case "/live" -> Optional.of(LivePage.render(host, viewer));
            default -> path.startsWith("/units/") ? unit(path.substring(7), host, viewer) : Optional.empty();
        };
    }

    private String pending(String host, Html.Viewer viewer) throws Exception {
        SyncOutcome planned = berth.plan().reason(DeploymentReason.CONSOLE_PLAN).call();
        return PendingPage.render(planned, planned.plan() == null ? List.of() : FileDiffs.of(berth.layout(), planned), host, viewer);
    }

    private Optional<String> unit(String name, String host, Html.Viewer viewer) throws IOException {
        StatusReport status = berth.status().call();
        Optional<UnitState> state = status.units().stream()
                .filter(u -> u.unit().equals(name) || u.systemdName().equals(name)).findFirst();
        if (state.isEmpty()) {
            return Optional.empty();
        }
        UnitState u = state.get();
        AppliedState applied = berth.store().applied();
        String installedPath = null;
        String installedText = null;
        AppliedUnit recorded = applied.units().get(u.unit());
        Optional<String> target = recorded == null ? Optional.empty() : applied.targetOf(recorded);
        if (target.isPresent()) {
            Path p = berth.layout().pathOf(target.get());
            installedPath = p.toString();
            installedText = Files.isRegularFile(p) ? SecretRedaction.unitText(read(p)) : "(deleted on the host: drift)";
        }
        String service = berth.systemd().unitText(u.systemdName()).map(SecretRedaction::unitText).orElse(null);
        List<String> journal = berth.systemd().journal(u.systemdName(), JOURNAL_LINES);
        return Optional.of(UnitPage.render(new UnitPage.Detail(u, installedPath, installedText, service, journal), host, viewer));
    }

    /** The systemd name of a unit Berth manages, by its file or systemd name: the console acts on no other unit. */
    Optional<String> managedSystemdName(String name) throws IOException {
        AppliedState applied = berth.store().applied();
        AppliedUnit byFile = applied.units().get(name);
        if (byFile != null) {
            return Optional.of(byFile.systemdName());
        }
        return applied.units().values().stream().map(AppliedUnit::systemdName).filter(name::equals).findFirst();
    }

    private static String read(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        return new String(bytes, 0, Math.min(bytes.length, MAX_FILE), StandardCharsets.UTF_8);
    }
}
