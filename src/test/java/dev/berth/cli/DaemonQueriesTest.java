package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.agent.Agent;
import dev.berth.agent.ControlReply;
import dev.berth.agent.ControlRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon answers a query with what the same command prints run locally, and only for its own state folder. */
class DaemonQueriesTest {
    @TempDir
    Path tmp;

    private final Agent agent = new Agent((options, progress) -> {
        throw new AssertionError("a query never syncs");
    }, Duration.ofHours(1), m -> { });

    private static Printed local(String... args) {
        return Printed.run(Main.commandLine(), args);
    }

    @Test
    void answersAsTheLocalCommandPrints() {
        Path state = tmp.resolve("state");
        DaemonQueries queries = new DaemonQueries(dev.berth.Berth.forCurrentUser(dev.berth.BerthOptions.defaults().withStateDir(state)), agent);
        for (List<String> args : List.of(List.of("history"), List.of("history", "--json", "-n", "3"), List.of("status"),
                List.of("plan"))) {
            ControlReply reply = queries.apply(ControlRequest.query(args, state));
            Printed here = local(java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of("--state-dir", state.toString()))
                    .toArray(String[]::new));
            assertThat(reply.served()).isTrue();
            assertThat(new Printed(reply.exitCode(), reply.output(), reply.error() == null ? "" : reply.error()))
                    .as("berth " + args).isEqualTo(here);
        }
    }

    @Test
    void anotherStateFolderOrCommandIsNotAnswered() {
        DaemonQueries queries = new DaemonQueries(dev.berth.Berth.forCurrentUser(dev.berth.BerthOptions.defaults().withStateDir(tmp.resolve("state"))), agent);
        assertThat(queries.apply(ControlRequest.query(List.of("status"), tmp.resolve("other"))).served()).isFalse();
        ControlReply refused = queries.apply(ControlRequest.query(List.of("rollback"), tmp.resolve("state")));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("answers status, history, plan and diff, not 'rollback'");
    }

    @Test
    void aQueryIsTheCommandAndTheOptionsAfterIt() {
        assertThat(DaemonQueries.queryArgs("history", List.of("history", "-n", "3"))).containsExactly("history", "-n", "3");
        assertThat(DaemonQueries.queryArgs("status", List.of("--json"))).containsExactly("status");
    }
}
