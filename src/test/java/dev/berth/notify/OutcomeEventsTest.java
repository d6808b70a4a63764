package dev.berth.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.DeploymentFinished;
import dev.berth.apply.Ending;
import dev.berth.apply.Refusal;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.SyncReport;
import dev.berth.state.SyncResult;
import dev.berth.state.UnitFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeEventsTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static List<Event> events(SyncResult result, boolean changed, String commit, String error, List<UnitFailure> failed,
                                      List<String> drift, Ending ending) {
        SyncReport report = new SyncReport(NOW.toEpochMilli(), result, commit, error, failed, drift);
        SyncOutcome outcome = new SyncOutcome(null, report, changed, commit, false, null, null, ending);
        return OutcomeEvents.of(new DeploymentFinished(Optional.of(outcome), Duration.ofSeconds(1)), "edge-1", NOW);
    }

    @Test
    void aNewCommitThatCameUpIsDeployed() {
        List<Event> e = events(SyncResult.OK, true, B, null, List.of(), List.of(), new Ending(A, Optional.empty(), false));
        assertThat(e).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(EventKind.DEPLOYED);
            assertThat(d.commit()).isEqualTo(B);
            assertThat(d.previousCommit()).isEqualTo(A);
            assertThat(d.host()).isEqualTo("edge-1");
            assertThat(d.time()).isEqualTo(NOW);
        });
    }

    @Test
    void aSyncWithNothingToDoTellsNothing() {
        assertThat(events(SyncResult.OK, false, A, null, List.of(), List.of(), new Ending(A, Optional.empty(), false))).isEmpty();
    }

    @Test
    void driftWrittenBackIsRepairedDrift() {
        assertThat(events(SyncResult.OK, true, A, null, List.of(), List.of("/etc/x.container"), new Ending(A, Optional.empty(), false)))
                .extracting(Event::kind).containsExactly(EventKind.DRIFT_REPAIRED);
    }

    @Test
    void aRollbackIsAFailureAndARollbackWithTheFailedUnits() {
        UnitFailure f = new UnitFailure("web.container", "web.service", "exited", List.of());
        List<Event> e = events(SyncResult.FAILED, true, B, "rolled back", List.of(f), List.of(), new Ending(A, Optional.empty(), true));
        assertThat(e).extracting(Event::kind).containsExactly(EventKind.FAILED, EventKind.ROLLED_BACK);
        assertThat(e).allSatisfy(x -> {
            assertThat(x.failedUnits()).containsExactly("web.service");
            assertThat(x.commit()).isEqualTo(B);
            assertThat(x.previousCommit()).isEqualTo(A);
        });
    }

    @Test
    void aRefusalNamesTheRefusedCommitNotTheOneTheHostStaysOn() {
        Refusal r = new Refusal(Refusal.Kind.SIGNATURE, B, "commit bbbb is refused: not signed");
        List<Event> e = events(SyncResult.FAILED, false, A, "...; the host stays on aaaa", List.of(), List.of(),
                new Ending(A, Optional.of(r), false));
        assertThat(e).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(EventKind.REFUSED);
            assertThat(x.commit()).isEqualTo(B);
            assertThat(x.refusal()).contains(Refusal.Kind.SIGNATURE);
            assertThat(x.reason()).contains("not signed");
        });
    }

    @Test
    void aFailureWithoutRollbackOrAnErrorWithoutOutcomeIsAFailure() {
        assertThat(events(SyncResult.FAILED, false, B, "fetch failed", List.of(), List.of(), Ending.UNKNOWN))
                .extracting(Event::kind, Event::reason).containsExactly(org.assertj.core.groups.Tuple.tuple(EventKind.FAILED, "fetch failed"));
        assertThat(OutcomeEvents.of(new DeploymentFinished(Optional.empty(), Duration.ZERO), "h", NOW))
                .extracting(Event::kind).containsExactly(EventKind.FAILED);
    }
}
