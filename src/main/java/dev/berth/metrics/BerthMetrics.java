package dev.berth.metrics;

import dev.berth.state.SyncReport;
import dev.berth.state.SyncResult;
import dev.berth.status.StatusReport;
import dev.berth.status.UnitState;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.TreeMap;

/**
 * Berth's status as Prometheus metrics. Values are taken from a fresh {@link StatusReport} at every
 * scrape (the same report {@code berth status} prints), so what Prometheus sees is what the host is now.
 */
public final class BerthMetrics {
    private static final String[] STATES = {"active", "activating", "inactive", "failed", "deactivating", "reloading"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Info deployed = Info.builder().name("berth_deployed")
            .help("The deployed commit (value 1; the commit is a label)").labelNames("commit", "remote", "ref", "host")
            .register(registry);
    private final Gauge lastSyncSuccess = Gauge.builder().name("berth_last_sync_success")
            .help("1 if the last sync succeeded, 0 if it failed").register(registry);
    private final Gauge lastSyncTime = Gauge.builder().name("berth_last_sync_timestamp_seconds")
            .help("When the last sync finished, seconds since the epoch").register(registry);
    private final Gauge lastSyncDuration = Gauge.builder().name("berth_last_sync_duration_seconds")
            .help("How long the last sync of this daemon took").register(registry);
    private final Gauge syncs = Gauge.builder().name("berth_syncs")
            .help("Syncs this daemon ran since it started, by result").labelNames("result").register(registry);
    private final Gauge units = Gauge.builder().name("berth_units")
            .help("Units Berth manages, by systemd active state").labelNames("state").register(registry);
    private final Gauge failedUnits = Gauge.builder().name("berth_last_sync_failed_units")
            .help("Units that did not come up in the last sync").register(registry);
    private final Gauge drift = Gauge.builder().name("berth_drift_files")
            .help("Files Berth wrote that were changed or deleted on the host since").register(registry);
    private final Gauge pinned = Gauge.builder().name("berth_pinned")
            .help("1 while a rollback pins the host to an earlier commit").register(registry);
    private final Gauge pending = Gauge.builder().name("berth_pending")
            .help("1 when the followed ref points at a commit that is not deployed yet").register(registry);

    /** Sets every metric from a status report and the daemon's own timings, and returns the snapshot. */
    public synchronized MetricSnapshots scrape(StatusReport status, String hostName, SyncTimings timings) {
        deployed.setLabelValues(status.deployed() == null ? "" : status.deployed().id(), status.remote(),
                status.ref() == null ? "" : status.ref(), hostName);
        SyncReport last = status.lastSync();
        lastSyncSuccess.set(last == null ? Double.NaN : last.result() == SyncResult.OK ? 1 : 0);
        lastSyncTime.set(last == null ? Double.NaN : last.finishedAt() / 1000.0);
        failedUnits.set(last == null ? 0 : last.failedUnits().size());
        lastSyncDuration.set(timings.lastSeconds());
        syncs.labelValues("ok").set(timings.ok());
        syncs.labelValues("failed").set(timings.failed());
        Map<String, Integer> byState = new TreeMap<>();
        for (String s : STATES) {
            byState.put(s, 0);
        }
        for (UnitState u : status.units()) {
            byState.merge(u.activeState() == null ? "unknown" : u.activeState(), 1, Integer::sum);
        }
        byState.forEach((state, n) -> units.labelValues(state).set(n));
        drift.set(status.drift().size());
        pinned.set(status.pinned() == null ? 0 : 1);
        pending.set(status.pending() == null ? 0 : 1);
        return registry.scrape();
    }
}
