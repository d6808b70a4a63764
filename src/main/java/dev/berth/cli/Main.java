package dev.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: the command line is a thin picocli layer over Berth's library packages. */
@Command(
        name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GitOps agent for Podman hosts: keeps this host in sync with a git repository of quadlets and systemd units.",
        subcommands = {
            CommandLine.HelpCommand.class,
            InitCommand.class,
            SyncCommand.class,
            PlanCommand.class,
            DiffCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            RollbackCommand.class,
            SwitchCommand.class,
            PruneCommand.class,
            RunCommand.class,
            ValidateCommand.class,
            LabelCommand.class,
            BuildCommand.class,
            AdoptCommand.class,
            TrustCommand.class,
            SecretCommand.class,
            McpCommand.class,
            WebhookCommand.class,
            NotifyCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli would print, without loading picocli (its classes cannot be in the AOT cache: each one is read
            // from the jar, and opening the jar alone costs tens of ms)
            System.out.println(String.join(System.lineSeparator(), versionLines()));
            return;
        }
        var byDaemon = DaemonShortcut.run(args, System.out, System.err);
        if (byDaemon.isPresent()) {
            // answered by the daemon: nothing to shut down, and Runtime.exit would first start the JDK's logging (it
            // logs each exit), ~40 classes of java.logging for one line nobody reads
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(byDaemon.get());
        }
        var plainSync = PlainSync.run(args, System.out, System.err, System.getenv("BERTH_STATE_DIR"));
        if (plainSync.isPresent()) {
            System.exit(plainSync.get());
        }
        System.exit(SingleCommandLine.of(args).execute(args));
    }

    /** What {@code berth --version} prints: here, not in {@link VersionProvider}, which loads picocli. */
    static String[] versionLines() {
        String v = Main.class.getPackage().getImplementationVersion();
        // the property Runtime.version() is parsed from: printing the parsed version spins up lambdas (a stream), ~10 ms
        return new String[] {"berth " + (v == null ? "dev" : v), "Java " + System.getProperty("java.runtime.version")};
    }

    /** The configured command line, also used by tests to run commands in-process. */
    static CommandLine commandLine() {
        // through ErrorHandler: here, handing it to picocli would make this class's verification load picocli's classes
        return ErrorHandler.install(new CommandLine(new Main()));
    }
}
