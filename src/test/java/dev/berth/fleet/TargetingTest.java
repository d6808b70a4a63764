package dev.berth.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.DesiredState;
import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetingTest {

    @TempDir
    Path dir;

    private static final String FLEET = """
            default = "all"

            [hosts.a]
            labels = { role = "edge", site = "berlin" }
            [hosts.b]
            labels = { role = "db" }
            [hosts.c]
            labels = { role = "edge", site = "paris" }

            [groups.berlin]
            labels = { site = "berlin" }
            [groups.special]
            hosts = ["b"]

            [[rules]]
            units = ["web/**"]
            labels = { role = "edge" }

            [[rules]]
            units = ["db.container", "*.timer"]
            hosts = ["b"]

            [[rules]]
            units = ["berlin-only.container"]
            groups = ["berlin"]
            """;

    private DesiredState repo() {
        RepositoryScan scan = new TestRepo(dir)
                .file("shared.network", "[Network]\n")
                .file("web/web.container", "[Container]\nImage=x\nNetwork=shared.network\n")
                .file("web/web.container.d/10-base.conf", "[Container]\nEnvironment=A=1\n")
                .file("web/web.container.d/host-a.conf", "[Container]\nPublishPort=8081:80\n")
                .file("web/web.container.d/group-berlin.conf", "[Container]\nEnvironment=CITY=berlin\n")
                .file("db.container", "[Container]\nImage=x\n")
                .file("nightly.timer", "[Timer]\nOnCalendar=daily\nUnit=db.service\n")
                .file("berlin-only.container", "[Container]\nImage=x\n")
                .file("pinned.container", "[Container]\nImage=x\n[X-Berth]\nHosts=c\nLabels=role=db\n")
                .read();
        assertThat(scan.problems()).filteredOn(Problem::isError).isEmpty();
        return scan.desired();
    }

    private HostSelection select(String host, Map<String, String> labels) {
        return Targeting.select(repo(), FleetFileReader.parse(FLEET).file(), new HostIdentity(host, labels));
    }

    @Test
    void eachHostGetsExactlyItsUnits() {
        assertThat(select("a", Map.of()).desired().units().keySet())
                .containsExactlyInAnyOrder("shared.network", "web.container", "berlin-only.container");
        assertThat(select("b", Map.of()).desired().units().keySet())
                .containsExactlyInAnyOrder("shared.network", "db.container", "nightly.timer", "pinned.container");
        assertThat(select("c", Map.of()).desired().units().keySet())
                .containsExactlyInAnyOrder("shared.network", "web.container", "pinned.container");
    }

    @Test
    void undeclaredHostGetsWhatItsOwnLabelsSelect() {
        assertThat(select("new", Map.of("role", "edge")).desired().units().keySet())
                .containsExactlyInAnyOrder("shared.network", "web.container");
        assertThat(select("new", Map.of()).desired().units().keySet()).containsExactly("shared.network");
    }

    @Test
    void ownLabelsOverrideDeclaredOnes() {
        // a is declared role=edge; its own label role=db wins: web goes, db stays with b (name rule)
        assertThat(select("a", Map.of("role", "db")).desired().units().keySet())
                .containsExactlyInAnyOrder("shared.network", "berlin-only.container", "pinned.container");
    }

    @Test
    void hostAndGroupDropInsApplyOnlyWhereTheyBelong() {
        DesiredState onA = select("a", Map.of()).desired();
        DesiredState onC = select("c", Map.of()).desired();
        assertThat(onA.units().get("web.container").dropIns())
                .containsExactly("web/web.container.d/10-base.conf", "web/web.container.d/group-berlin.conf",
                        "web/web.container.d/host-a.conf");
        assertThat(onA.units().get("web.container").unit().values("Container", "PublishPort")).containsExactly("8081:80");
        assertThat(onC.units().get("web.container").dropIns()).containsExactly("web/web.container.d/10-base.conf");
        assertThat(onC.units().get("web.container").unit().values("Container", "PublishPort")).isEmpty();
        assertThat(onC.files().keySet()).noneMatch(f -> f.contains("host-a") || f.contains("group-berlin"));
        assertThat(onA.files().keySet()).contains("quadlet/web/web.container.d/host-a.conf");
        assertThat(onA.units().get("web.container").inputDigest()).isNotEqualTo(onC.units().get("web.container").inputDigest());
    }

    @Test
    void digestWithoutOtherHostsDropInsDoesNotDependOnThem() {
        String before = select("c", Map.of()).desired().units().get("web.container").inputDigest();
        new TestRepo(dir).file("web/web.container.d/host-a.conf", "[Container]\nPublishPort=9999:80\n");
        assertThat(select("c", Map.of()).desired().units().get("web.container").inputDigest()).isEqualTo(before);
        assertThat(select("a", Map.of()).desired().units().get("web.container").inputDigest()).isNotEqualTo(before);
    }

    @Test
    void unitNeedingOneTheHostDoesNotGetIsAnErrorForThatHost() {
        String fleet = """
                [[rules]]
                units = ["shared.network"]
                hosts = ["b"]
                """;
        HostSelection onA = Targeting.select(repo(), FleetFileReader.parse(fleet).file(), new HostIdentity("a", Map.of()));
        assertThat(onA.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.file()).isEqualTo("web/web.container");
            assertThat(p.message()).contains("needs shared.network").contains("rule 1 of berth.toml");
        });
        HostSelection onB = Targeting.select(repo(), FleetFileReader.parse(fleet).file(), new HostIdentity("b", Map.of()));
        assertThat(onB.problems()).isEmpty();
    }

    @Test
    void noFleetFileMeansEveryHostGetsEverythingNotPlacedByItsOwnXBerth() {
        DesiredState all = repo();
        HostSelection s = Targeting.select(all, FleetFile.NONE, new HostIdentity("anyone", Map.of()));
        assertThat(s.skipped()).containsExactly("pinned.container");
        assertThat(s.desired().units().keySet()).hasSize(all.units().size() - 1);
        // host drop-ins work without a berth.toml too: host-a.conf is for host a only
        assertThat(s.desired().units().get("web.container").dropIns()).containsExactly("web/web.container.d/10-base.conf");
    }

    @Test
    void defaultNoneKeepsUnplacedUnitsOffEveryHost() {
        String fleet = """
                default = "none"
                [[rules]]
                units = ["db.container"]
                hosts = ["b"]
                """;
        assertThat(Targeting.select(repo(), FleetFileReader.parse(fleet).file(), new HostIdentity("b", Map.of()))
                .desired().units().keySet()).containsExactly("db.container");
    }

    @Test
    void firstMatchingRuleWins() {
        String fleet = """
                [[rules]]
                units = ["db.container"]
                hosts = ["x"]
                [[rules]]
                units = ["*.container"]
                hosts = ["y"]
                """;
        FleetFile f = FleetFileReader.parse(fleet).file();
        assertThat(Targeting.place(repo(), f).get("db.container").origin()).isEqualTo("rule 1 of berth.toml");
        assertThat(Targeting.place(repo(), f).get("berlin-only.container").origin()).isEqualTo("rule 2 of berth.toml");
        assertThat(Targeting.place(repo(), f).get("pinned.container").origin()).startsWith("[X-Berth]");
    }

    @Test
    void validateReportsUnknownGroupsSelectorsMatchingNoHostAndOrphanUnits() {
        String fleet = """
                [hosts.a]
                labels = { role = "edge" }
                [[rules]]
                units = ["db.container"]
                groups = ["nosuch"]
                [[rules]]
                units = ["nightly.timer"]
                labels = { role = "gpu" }
                """;
        var problems = FleetChecks.check(repo(), FleetFileReader.parse(fleet).file());
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.message()).contains("group 'nosuch'");
        });
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("rule 2").contains("matches no host"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("no host declared in berth.toml gets nightly.timer"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("[X-Berth]").contains("host 'c'"));
    }

    @Test
    void badFleetFilesAreClearErrorsWithLines() {
        assertThat(FleetFileReader.parse("[[rules]]\nunits = [\"a\"]\n").problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("sends its units to no host").startsWith("rule 1"));
        assertThat(FleetFileReader.parse("default = \"some\"\n").problems())
                .singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(1));
        assertThat(FleetFileReader.parse("[hosts.a\n").problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("not valid TOML"));
        assertThat(FleetFileReader.parse("colour = 1\n").problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("unknown key 'colour'"));
        assertThat(FleetFileReader.parse("\n\n[groups.e]\n").problems())
                .singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }
}
