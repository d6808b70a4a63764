package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.RepoUnit;
import dev.berth.repo.UnitOptions;
import dev.berth.unit.UnitName;
import dev.berth.unit.UnitParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container's settle window ends early once its own process listens on what it publishes, and only then. */
class ListeningEndTest {
    @TempDir
    Path proc;

    private static final String LISTENING_8080 = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
               1: 0100007F:0050 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1
            """;

    static RepoUnit unit(String fileName, String text) throws Exception {
        UnitName name = UnitName.parse(fileName).orElseThrow();
        return new RepoUnit(name, fileName, UnitParser.parse(fileName, text), List.of(), List.of(), name.defaultSystemdName(),
                List.of(), "d", UnitOptions.DEFAULTS);
    }

    @Test
    void theContainersSideOfEachPublishedTcpPortIsWhatMustListen() throws Exception {
        assertThat(PublishedPorts.containerPort("127.0.0.1:18080:8080")).contains(8080);
        assertThat(PublishedPorts.containerPort("8080")).contains(8080);
        assertThat(PublishedPorts.containerPort("18080:80/tcp")).contains(80);
        assertThat(PublishedPorts.containerPort("[::1]:18080:80")).contains(80);
        assertThat(PublishedPorts.containerPort("53:53/udp")).as("UDP has no listen").isEmpty();
        assertThat(PublishedPorts.containerPort("8000-8010:8000-8010")).as("a range").isEmpty();
        assertThat(PublishedPorts.containerPort("127.0.0.1::")).isEmpty();
        assertThat(PublishedPorts.containerPort("1:99999")).isEmpty();

        assertThat(PublishedPorts.tcpContainerPorts(unit("a.container",
                "[Container]\nImage=x\nPublishPort=1:80\nPublishPort=127.0.0.1:2:443\n"))).contains(Set.of(80, 443));
        assertThat(PublishedPorts.tcpContainerPorts(unit("a.container", "[Container]\nImage=x\n"))).as("nothing published").isEmpty();
        assertThat(PublishedPorts.tcpContainerPorts(unit("a.container", "[Container]\nImage=x\nPublishPort=1:80\nPublishPort=53:53/udp\n")))
                .as("one port that cannot tell: the whole window").isEmpty();
        assertThat(PublishedPorts.tcpContainerPorts(unit("a.container", "[Container]\nImage=x\nNetwork=host\nPublishPort=1:80\n"))).isEmpty();
        assertThat(PublishedPorts.tcpContainerPorts(unit("a.container", "[Container]\nImage=x\nNetwork=container:db\nPublishPort=1:80\n"))).isEmpty();
        assertThat(PublishedPorts.tcpContainerPorts(unit("a.container", "[Container]\nImage=x\nPod=p.pod\nPublishPort=1:80\n"))).isEmpty();
        assertThat(PublishedPorts.tcpContainerPorts(unit("a.container", "[Container]\nImage=x\nNetwork=app.network\nPublishPort=1:80\n")))
                .contains(Set.of(80));
        assertThat(PublishedPorts.tcpContainerPorts(unit("a.service", "[Service]\nExecStart=/bin/true\n"))).isEmpty();
    }

    @Test
    void onlyListeningSocketsCountFromEitherTable() {
        assertThat(ContainerListening.listeningPorts(LISTENING_8080.lines().toList())).containsExactly(8080);
        assertThat(ContainerListening.listeningPorts(List.of("garbage", "  0: zz:zz 00:00 0A", ""))).isEmpty();
    }

    @Test
    void theContainerProcessMustListenInItsOwnNetworkNamespace() throws Exception {
        fakeProc("net:[1]", "net:[2]", LISTENING_8080);
        ContainerListening probe = new ContainerListening(proc);
        assertThat(probe.look(100, Set.of(8080))).isEqualTo(SettleWatch.Seen.LISTENING);
        assertThat(probe.look(100, Set.of(8080, 8443))).as("every port").isEqualTo(SettleWatch.Seen.NOT_YET);
        assertThat(probe.look(999, Set.of(8080))).as("no such process").isEqualTo(SettleWatch.Seen.UNKNOWN);

        fakeProc("net:[1]", "net:[1]", LISTENING_8080);
        assertThat(probe.look(100, Set.of(8080))).as("only a child in conmon's namespace (its cleanup): the container is gone")
                .isEqualTo(SettleWatch.Seen.GONE);
        Files.writeString(proc.resolve("100/task/100/children"), "");
        assertThat(probe.look(100, Set.of(8080))).as("no child at all").isEqualTo(SettleWatch.Seen.GONE);
    }

    private void fakeProc(String ownNet, String childNet, String tcp) throws Exception {
        Files.createDirectories(proc.resolve("self/ns"));
        Files.deleteIfExists(proc.resolve("self/ns/net"));
        Files.createSymbolicLink(proc.resolve("self/ns/net"), Path.of(ownNet));
        Files.createDirectories(proc.resolve("100/task/100"));
        Files.writeString(proc.resolve("100/task/100/children"), "101 ");
        Files.createDirectories(proc.resolve("101/ns"));
        Files.createDirectories(proc.resolve("101/net"));
        Files.deleteIfExists(proc.resolve("101/ns/net"));
        Files.createSymbolicLink(proc.resolve("101/ns/net"), Path.of(childNet));
        Files.writeString(proc.resolve("101/net/tcp"), "  sl  local_address\n");
        Files.writeString(proc.resolve("101/net/tcp6"), tcp);
    }

    @Test
    void aListeningContainerIsUpAfterTheFloorAndTheOthersWaitTheirWholeWindow() throws Exception {
        RepoUnit web = unit("web.container", "[Container]\nImage=x\nPublishPort=127.0.0.1:1:8080\n");
        RepoUnit quiet = unit("quiet.container", "[Container]\nImage=x\nPublishPort=127.0.0.1:2:9090\n");
        RepoUnit plain = unit("plain.container", "[Container]\nImage=x\n");
        RecordingSystemd systemd = new RecordingSystemd();
        for (RepoUnit u : List.of(web, quiet, plain)) {
            systemd.start(u.systemdName(), Duration.ofSeconds(1));
        }
        systemd.mainPids.putAll(Map.of("web.service", 100L, "quiet.service", 200L, "plain.service", 300L));
        SettleWatch.ListenProbe probe = (mainPid, ports) -> mainPid == 100 && ports.equals(Set.of(8080))
                ? SettleWatch.Seen.LISTENING : SettleWatch.Seen.NOT_YET; // quiet never listens
        List<String> said = Collections.synchronizedList(new ArrayList<>());
        Duration settle = Duration.ofMillis(1200);
        long started = System.nanoTime();
        List<UnitStarts.Started> all = List.of(new UnitStarts.Started(web, started), new UnitStarts.Started(quiet, started),
                new UnitStarts.Started(plain, started));
        Map<RepoUnit, String> wrong = new SettleWatch(systemd, HealthGate.NONE, settle, Duration.ofMillis(20),
                new SettleWatch.Listening(probe, Duration.ofMillis(300), said::add)).check(all);

        assertThat(wrong).isEmpty();
        assertThat(said).singleElement().asString().startsWith("up web.service  (listens on [8080], ");
        long webUp = systemd.lastLook.get("web.service") - started;
        assertThat(Duration.ofNanos(webUp)).as("web: the floor, not the window").isBetween(Duration.ofMillis(300), Duration.ofMillis(1100));
        assertThat(Duration.ofNanos(systemd.lastLook.get("quiet.service") - started)).as("quiet: its whole window")
                .isGreaterThanOrEqualTo(settle);
        assertThat(Duration.ofNanos(systemd.lastLook.get("plain.service") - started)).isGreaterThanOrEqualTo(settle);
        assertThat(systemd.mainPidAsks.get()).as("main processes asked once").isEqualTo(1);
    }

    @Test
    void theFirstLookIsTakenAtTheFloorNotAtThePollAfterIt() throws Exception {
        RepoUnit web = unit("web.container", "[Container]\nImage=x\nPublishPort=127.0.0.1:1:8080\n");
        RecordingSystemd systemd = new RecordingSystemd();
        systemd.start(web.systemdName(), Duration.ofSeconds(1));
        systemd.mainPids.put("web.service", 100L);
        long started = System.nanoTime();
        Map<RepoUnit, String> wrong = new SettleWatch(systemd, HealthGate.NONE, Duration.ofSeconds(5), Duration.ofMillis(1500),
                new SettleWatch.Listening((pid, ports) -> SettleWatch.Seen.LISTENING, Duration.ofMillis(300), s -> { }))
                .check(List.of(new UnitStarts.Started(web, started)));
        assertThat(wrong).isEmpty();
        assertThat(Duration.ofNanos(systemd.lastLook.get("web.service") - started))
                .as("up at its 300 ms floor, not at the first 1.5 s poll").isBetween(Duration.ofMillis(300), Duration.ofMillis(1400));
    }

    @Test
    void aFloorThatPassesDuringABusyPollIsLookedAtRightAfterIt() throws Exception {
        RepoUnit web = unit("web.container", "[Container]\nImage=x\nPublishPort=127.0.0.1:1:8080\n");
        RecordingSystemd systemd = new RecordingSystemd();
        systemd.start(web.systemdName(), Duration.ofSeconds(1));
        systemd.mainPids.put("web.service", 100L);
        systemd.lookTakes = Duration.ofMillis(500); // the poll at 1.0 s is still busy when the floor (1.1 s) passes
        java.util.concurrent.atomic.AtomicLong firstProbe = new java.util.concurrent.atomic.AtomicLong();
        long started = System.nanoTime();
        Map<RepoUnit, String> wrong = new SettleWatch(systemd, HealthGate.NONE, Duration.ofSeconds(8), Duration.ofMillis(1000),
                new SettleWatch.Listening((pid, ports) -> {
                    firstProbe.compareAndSet(0, System.nanoTime());
                    return SettleWatch.Seen.LISTENING;
                }, Duration.ofMillis(1100), s -> { }))
                .check(List.of(new UnitStarts.Started(web, started)));
        assertThat(wrong).isEmpty();
        assertThat(Duration.ofNanos(firstProbe.get() - started))
                .as("looked at when the busy poll (1.0–1.5 s) ended, not a whole poll later (2.5 s)")
                .isBetween(Duration.ofMillis(1100), Duration.ofMillis(2200));
    }

    @Test
    void aContainerThatListensButHasFailedIsStillCaught() throws Exception {
        RepoUnit web = unit("web.container", "[Container]\nImage=x\nPublishPort=127.0.0.1:1:8080\n");
        RecordingSystemd systemd = new RecordingSystemd(); // never started: failed
        systemd.failing.add("web.service");
        systemd.mainPids.put("web.service", 100L);
        SettleWatch.ListenProbe listensAlways = (mainPid, ports) -> SettleWatch.Seen.LISTENING;
        Map<RepoUnit, String> wrong = new SettleWatch(systemd, HealthGate.NONE, Duration.ofSeconds(5), Duration.ofMillis(20),
                new SettleWatch.Listening(listensAlways, Duration.ofMillis(100), s -> { }))
                .check(List.of(new UnitStarts.Started(web, System.nanoTime())));
        assertThat(wrong).containsEntry(web, "web.service failed right after it started (exit-code)");
    }

    @Test
    void aContainerWhoseProcessIsGoneFailsThoughSystemdStillSaysActive() throws Exception {
        RepoUnit web = unit("web.container", "[Container]\nImage=x\nPublishPort=127.0.0.1:1:8080\n");
        RecordingSystemd systemd = new RecordingSystemd();
        systemd.start("web.service", Duration.ofSeconds(1)); // active: conmon and podman still cleaning up
        systemd.mainPids.put("web.service", 100L);
        long t0 = System.nanoTime();
        Map<RepoUnit, String> wrong = new SettleWatch(systemd, HealthGate.NONE, Duration.ofSeconds(5), Duration.ofMillis(20),
                new SettleWatch.Listening((pid, ports) -> SettleWatch.Seen.GONE, Duration.ofMillis(100), s -> { }))
                .check(List.of(new UnitStarts.Started(web, t0)));
        assertThat(wrong).containsEntry(web, "web.service failed right after it started (its container's process exited)");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("at once, not after the window").isLessThan(Duration.ofSeconds(4));
    }
}
