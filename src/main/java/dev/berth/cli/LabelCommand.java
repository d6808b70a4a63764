package dev.berth.cli;

import dev.berth.fleet.HostIdentity;
import dev.berth.fleet.LocalHost;
import dev.berth.state.BerthConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth label [set K=V... | unset K...]}: this host's targeting labels, changed without a new init. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Show this host's name and labels, as the repository's targeting rules (berth.toml, " +
            "[X-Berth] Hosts=/Groups=/Labels=) see them. 'set' and 'unset' change the labels; the next sync " +
            "(the daemon's, or 'berth sync') deploys what the new labels select and removes what they no longer do."},
        subcommands = {LabelCommand.Set.class, LabelCommand.Unset.class})
final class LabelCommand extends HostCommand {

    @Override
    public Integer call() throws Exception {
        print(LocalHost.identity(berth().store().config()));
        return 0;
    }

    void print(HostIdentity id) {
        out().println("host " + id.name());
        id.labels().forEach((k, v) -> out().println("  " + k + "=" + v));
        out().flush();
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set labels of this host (KEY=VALUE; replaces a key's value).")
    static final class Set extends HostCommand {
        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "Labels to set, e.g. role=edge site=berlin.")
        List<String> labels;

        @Override
        public Integer call() throws Exception {
            Map<String, String> add = LocalHost.parseLabels(labels);
            return change(this, current -> current.putAll(add));
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true, description = "Remove labels of this host by key.")
    static final class Unset extends HostCommand {
        @Parameters(arity = "1..*", paramLabel = "KEY", description = "Label keys to remove.")
        List<String> keys;

        @Override
        public Integer call() throws Exception {
            return change(this, current -> keys.forEach(current::remove));
        }
    }

    private static int change(HostCommand cmd, java.util.function.Consumer<Map<String, String>> edit) throws Exception {
        var berth = cmd.berth();
        return berth.exclusive(() -> {
            BerthConfig config = berth.store().config();
            Map<String, String> labels = new TreeMap<>(config.labels());
            edit.accept(labels);
            berth.store().saveConfig(config.withIdentity(config.hostName(), labels));
            HostIdentity id = LocalHost.identity(berth.store().config());
            cmd.out().println("host " + id.name() + " labels " + id.labels()
                    + ": the next sync applies them ('berth sync' now, or wait for the daemon)");
            cmd.out().flush();
            return 0;
        });
    }
}
