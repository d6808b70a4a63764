package dev.berth.cli;

import dev.berth.state.Deployment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true, description = "The deployments made on this host, newest first.")
final class HistoryCommand extends HostCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "How many entries (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var byDaemon = answeredByDaemon();
        if (byDaemon.isPresent()) {
            return byDaemon.get();
        }
        List<Deployment> all = berth().store().history();
        List<Deployment> newest = all.subList(Math.max(0, all.size() - limit), all.size()).reversed();
        if (json) {
            out().println(dev.berth.state.StateStore.json().writeValueAsString(newest));
            return 0;
        }
        if (newest.isEmpty()) {
            out().println("no deployments yet");
        }
        for (Deployment d : newest) {
            out().printf("%s  %-12s  %-7s %-8s %s%n", TIME.format(Instant.ofEpochMilli(d.appliedAt())), shortId(d.commit()),
                    d.result().word(), d.reason().word(), d.subject() + (d.rewoundFrom() == null ? "" : "  (rewound from " + shortId(d.rewoundFrom()) + ")"));
        }
        return 0;
    }
}
