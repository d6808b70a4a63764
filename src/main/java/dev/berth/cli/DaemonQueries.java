package dev.berth.cli;

import dev.berth.Berth;
import dev.berth.agent.Agent;
import dev.berth.agent.ControlReply;
import dev.berth.agent.ControlRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The daemon's answers to {@code berth status}, {@code history}, {@code plan} and {@code diff} asked on its control socket: it
 * runs the very command the CLI would, with the asker's options and the same printing, in its own warm JVM. The
 * asker then loads none of the domain code, and prints the same either way. A plan runs on the sync thread, so
 * it never overlaps a sync (two holders of the host lock in one JVM would collide).
 */
final class DaemonQueries implements Function<ControlRequest, ControlReply> {
    private final Berth daemon;
    private final Path stateDir;
    private final Agent agent;

    /** @param daemon the daemon's Berth: status asks it, so that what one answer learnt serves the next */
    DaemonQueries(Berth daemon, Agent agent) {
        this.daemon = daemon;
        this.stateDir = daemon.layout().stateDir();
        this.agent = agent;
    }

    /** The state folder as a query names it: a daemon answers only for its own. */
    static String key(Path stateDir) {
        return stateDir.toAbsolutePath().normalize().toString();
    }

    @Override
    public ControlReply apply(ControlRequest request) {
        if (!key(stateDir).equals(request.stateDir())) {
            return ControlReply.notServed("this daemon serves " + key(stateDir));
        }
        String name = request.args().getFirst();
        HostCommand command = switch (name) {
            case "status" -> new StatusCommand();
            case "history" -> new HistoryCommand();
            case "plan" -> new PlanCommand();
            case "diff" -> new DiffCommand();
            default -> null;
        };
        if (command == null) {
            return ControlReply.done(2, "berth: the daemon answers status, history, plan and diff, not '" + name + "'");
        }
        command.servedFrom = stateDir;
        if (command instanceof StatusCommand) {
            command.servedBy = daemon; // prints no progress and takes no lock; keeps Podman's answers (HealthSnapshot)
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        String[] options = request.args().subList(1, request.args().size()).toArray(String[]::new);
        int exit;
        try {
            exit = command instanceof PlanCommand ? agent.runExclusive(() -> cl.execute(options)).get() : cl.execute(options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlReply.done(1, "berth: the daemon is stopping");
        } catch (ExecutionException e) {
            return ControlReply.done(1, "berth: " + e.getCause().getMessage());
        }
        return ControlReply.answer(exit, out.toString(), err.toString());
    }

    /** The command line a query sends: the command's name and the options it was given, nothing before it. */
    static List<String> queryArgs(String name, List<String> originalArgs) {
        int at = originalArgs.indexOf(name);
        return at < 0 ? List.of(name) : originalArgs.subList(at, originalArgs.size());
    }
}
