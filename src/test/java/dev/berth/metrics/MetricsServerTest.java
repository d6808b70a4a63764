package dev.berth.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.git.CommitInfo;
import dev.berth.state.SyncReport;
import dev.berth.state.SyncResult;
import dev.berth.status.Drift;
import dev.berth.status.StatusReport;
import dev.berth.status.UnitState;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private static StatusReport status() {
        return new StatusReport("https://git.example/ops.git", "main", "", new CommitInfo("abc123def456", "x", 1),
                null, null, new SyncReport(1_700_000_000_000L, SyncResult.OK, "abc123def456", null, List.of(), List.of()),
                List.of(new UnitState("web.container", "web.service", "active", "running", "success", true, null),
                        new UnitState("db.container", "db.service", "failed", "failed", "exit-code", true, null),
                        new UnitState("b.container", "b.service", "active", "running", "success", true, null)),
                List.of(new Drift("quadlet/web.container", "/etc/x", "changed")), false, List.of(), List.of());
    }

    @Test
    void servesTheStatusAsPrometheusText() throws Exception {
        SyncTimings timings = new SyncTimings();
        timings.record(1.5, true);
        timings.record(0.5, false);
        BerthMetrics metrics = new BerthMetrics();
        try (MetricsServer server = new MetricsServer(new InetSocketAddress("127.0.0.1", 0),
                () -> metrics.scrape(status(), "edge-1", timings))) {
            server.start();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(r.body()).contains(
                    "berth_deployed_info{commit=\"abc123def456\",host=\"edge-1\",ref=\"main\",remote=\"https://git.example/ops.git\"} 1",
                    "berth_last_sync_success 1.0",
                    "berth_last_sync_timestamp_seconds 1.7E9",
                    "berth_last_sync_duration_seconds 0.5",
                    "berth_syncs{result=\"ok\"} 1.0",
                    "berth_syncs{result=\"failed\"} 1.0",
                    "berth_units{state=\"active\"} 2.0",
                    "berth_units{state=\"failed\"} 1.0",
                    "berth_units{state=\"inactive\"} 0.0",
                    "berth_drift_files 1.0",
                    "berth_pinned 0.0");
        }
    }

    @Test
    void aStatusThatCannotBeCollectedIsA500() throws Exception {
        try (MetricsServer server = new MetricsServer(new InetSocketAddress("127.0.0.1", 0), () -> {
            throw new java.io.IOException("state folder unreadable");
        })) {
            server.start();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("state folder unreadable");
        }
    }

    @Test
    void onlyGetAndHeadOfMetricsAreServed() throws Exception {
        try (MetricsServer server = new MetricsServer(new InetSocketAddress("127.0.0.1", 0), () -> MetricSnapshots.of())) {
            server.start();
            String base = "http://127.0.0.1:" + server.address().getPort();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.body()).isEqualTo("only GET\n");
            HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            HttpResponse<String> other = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).isEqualTo("Berth serves Prometheus metrics at /metrics\n");
            assertThat(other.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
        }
    }

    @Test
    void aPortInUseIsAnErrorAtStart() throws Exception {
        try (MetricsServer first = new MetricsServer(new InetSocketAddress("127.0.0.1", 0), () -> MetricSnapshots.of())) {
            first.start();
            MetricsServer second = new MetricsServer(new InetSocketAddress("127.0.0.1", first.address().getPort()),
                    () -> MetricSnapshots.of());
            assertThatThrownBy(second::start).isInstanceOf(java.io.IOException.class).hasMessageContaining("cannot listen on");
        }
    }

    @Test
    void listenAddressesAreCheckedWithClearErrors() {
        assertThat(MetricsServer.parseAddress("127.0.0.1:9390").getPort()).isEqualTo(9390);
        assertThat(MetricsServer.parseAddress("[::1]:9390").getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> MetricsServer.parseAddress("9390")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> MetricsServer.parseAddress("localhost:x")).hasMessageContaining("must be a number");
    }
}
