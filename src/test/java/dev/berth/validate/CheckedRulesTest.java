package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.repo.Problem;
import dev.berth.repo.ReadMemo;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryReading;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.ValidationLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each guard of {@link CheckedRules} met by a hand-made edit of one unit, read the way the daemon reads it
 * (only that unit built again), so the check runs by difference: its problems must be a full check's, and
 * the problem each guard exists for must be there (or gone). {@code IncrementalReadPropertyTest} draws random
 * histories; these are the edits it may not draw.
 */
class CheckedRulesTest {

    private static final PodmanTarget PODMAN = PodmanTarget.assumedNewest();

    @TempDir
    Path dir;

    private ReadMemo memo;
    private CheckedRules earlier;

    @BeforeEach
    void steadyUnits() throws IOException {
        // enough untouched units that one changed unit stays within the share checked by difference
        for (String name : List.of("c", "d", "e", "f", "g")) {
            write(name + ".container", "[Container]\nImage=localhost/" + name + "\n");
        }
    }

    @Test
    void aContainerNameGainingSpecifiersIsSeenByTheUnitThatJoinsItsNetwork() throws IOException {
        write("a.container", "[Container]\nImage=x\nNetwork=b.container\n");
        write("b.container", "[Container]\nImage=x\nContainerName=web\n");
        assertThat(firstRead()).isEmpty();

        List<Problem> after = edit("b.container", "[Container]\nImage=x\nContainerName=web-%H\n", Expect.NAMES_CHANGED);

        assertThat(after).extracting(Problem::file).containsExactly("a.container");
        assertThat(after.getFirst().message()).contains("cannot know the name");
    }

    @Test
    void aContainerNameLosingSpecifiersClearsTheUnitThatJoinsItsNetwork() throws IOException {
        write("a.container", "[Container]\nImage=x\nNetwork=b.container\n");
        write("b.container", "[Container]\nImage=x\nContainerName=web-%H\n");
        assertThat(firstRead()).extracting(Problem::file).containsExactly("a.container");

        assertThat(edit("b.container", "[Container]\nImage=x\nContainerName=web\n", Expect.NAMES_CHANGED)).isEmpty();
    }

    @Test
    void aCycleClosedByTheChangedUnitIsReportedAtTheUnitThatDidNotChange() throws IOException {
        write("a.container", "[Unit]\nRequires=b.service\nAfter=b.service\n[Container]\nImage=x\n");
        write("b.container", "[Container]\nImage=x\n");
        assertThat(firstRead()).isEmpty();

        List<Problem> after = edit("b.container", "[Unit]\nRequires=a.service\nAfter=a.service\n[Container]\nImage=x\n",
                Expect.DEPENDENCIES_CHANGED);

        assertThat(after).extracting(Problem::file, Problem::line).containsExactly(tuple("a.container", 2));
        assertThat(after.getFirst().message()).startsWith("dependency cycle");
    }

    @Test
    void aCycleOpenedByTheChangedUnitLeavesNoProblemAtTheUnitThatDidNotChange() throws IOException {
        write("a.container", "[Unit]\nRequires=b.service\n[Container]\nImage=x\n");
        write("b.container", "[Unit]\nRequires=a.service\n[Container]\nImage=x\n");
        assertThat(firstRead()).extracting(Problem::file).containsExactly("a.container");

        assertThat(edit("b.container", "[Container]\nImage=x\n", Expect.DEPENDENCIES_CHANGED)).isEmpty();
    }

    @Test
    void aCycleWhoseReportedLineMovedIsReportedAtItsNewLine() throws IOException {
        write("a.container", "[Unit]\nRequires=b.service\n[Container]\nImage=x\n");
        write("b.container", "[Unit]\nRequires=a.service\n[Container]\nImage=x\n");
        assertThat(firstRead()).extracting(Problem::line).containsExactly(2);

        List<Problem> after = edit("a.container", "# moved down\n[Unit]\nRequires=b.service\n[Container]\nImage=x\n",
                Expect.ONLY_CONTENT_CHANGED);

        assertThat(after).extracting(Problem::file, Problem::line).containsExactly(tuple("a.container", 3));
    }

    @Test
    void aUnitRuleProblemInTheChangedUnitIsReplacedAndOneElsewhereIsKept() throws IOException {
        write("a.container", "[Container]\nImage=x\nNoSuchKey=1\n");
        write("b.container", "[Container]\nImage=x\nNoSuchKey=1\n");
        assertThat(firstRead()).extracting(Problem::file).containsExactly("a.container", "b.container");

        List<Problem> after = edit("b.container", "[Container]\nImage=x\n\nNoSuchKey=2\nAlsoUnknown=3\n",
                Expect.ONLY_CONTENT_CHANGED);

        assertThat(after).extracting(Problem::file, Problem::line).containsExactly(
                tuple("a.container", 3), tuple("b.container", 4),
                tuple("b.container", 5));
    }

    /**
     * The reader builds a unit again by difference only while its drop-ins stay (a new drop-in is a new file), so
     * this scan is made by hand: one unit of the first read now with a type-wide drop-in, the rest the same objects.
     */
    @Test
    void aUnitGainingATypeWideDropInIsWarnedAboutThoughTheOthersAreNotCheckedAgain() throws IOException {
        write("a.container", "[Container]\nImage=x\n");
        assertThat(firstRead()).isEmpty();
        RepositoryScan then = earlier.scan();
        List<RepoUnit> units = new ArrayList<>(then.units());
        RepoUnit a = units.getFirst();
        units.set(0, new RepoUnit(a.name(), a.path(), a.unit(), List.of("container.d/10-all.conf"), a.supportingFiles(),
                a.systemdName(), a.dependsOn(), "other", a.options()));
        RepositoryScan now = new RepositoryScan(then.desired(), then.problems(), units, then.unitPaths());
        assertThat(ScanChanges.between(then, now).dropInsKept()).isFalse();

        List<Problem> byDifference = CheckedRules.check(now, PODMAN, earlier).problems();

        List<Problem> full = new ArrayList<>(RepositoryValidator.check(now));
        full.sort(Problem.BY_LOCATION);
        assertThat(byDifference).isEqualTo(full);
        assertThat(byDifference).extracting(Problem::file).containsExactly("container.d");
    }

    /** No name changed: the next check's lookups are the first check's, but for the changed unit itself. */
    @Test
    void aCheckInWhichNoNameChangedTakesOverTheLookups() throws IOException {
        write("a.container", "[Container]\nImage=x\n");
        firstRead();
        ScanContext first = new ScanContext(earlier.scan());
        write("a.container", "[Container]\nImage=y\n");
        RepositoryScan now = RepositoryReader.readChanged(dir, memo, Set.of("a.container")).scan();
        ScanChanges changes = ScanChanges.between(earlier.scan(), now);
        assertThat(changes.namesKept()).isTrue();

        ScanContext next = ScanContext.following(first, now, changes);

        assertThat(next.index()).isSameAs(first.index());
        assertThat(next.fileNames()).isSameAs(first.fileNames());
        assertThat(next.firstByFileName().get("a.container")).isSameAs(changes.changedNow().getFirst())
                .isNotSameAs(first.firstByFileName().get("a.container"));
        assertThat(next.firstByFileName().get("c.container")).isSameAs(first.firstByFileName().get("c.container"));
        assertThat(next.firstByFileName()).isEqualTo(new ScanContext(now).firstByFileName());
    }

    /** What the edit changes besides the unit's content, as {@link ScanChanges} must see it. */
    private enum Expect { NAMES_CHANGED, DEPENDENCIES_CHANGED, ONLY_CONTENT_CHANGED }

    private List<Problem> firstRead() {
        RepositoryReading reading = RepositoryReader.readRemembering(dir, ValidationLimits.DEFAULTS);
        memo = reading.memo();
        earlier = CheckedRules.check(reading.scan(), PODMAN, null);
        return earlier.problems();
    }

    /** Rewrites one unit, reads only it again, and checks the rules by difference against a full check. */
    private List<Problem> edit(String file, String text, Expect expect) throws IOException {
        write(file, text);
        RepositoryReading reading = RepositoryReader.readChanged(dir, memo, Set.of(file));
        assertThat(reading.kind()).as("only the edited unit is built again").isEqualTo(RepositoryReading.Kind.CHANGED_UNITS);

        ScanChanges changes = ScanChanges.between(earlier.scan(), reading.scan());
        assertThat(changes).isNotNull();
        assertThat(changes.changedPaths()).containsExactly(file);
        assertThat(changes.namesKept()).isEqualTo(expect != Expect.NAMES_CHANGED);
        assertThat(changes.dependenciesKept()).isEqualTo(expect != Expect.DEPENDENCIES_CHANGED);

        List<Problem> byDifference = CheckedRules.check(reading.scan(), PODMAN, earlier).problems();
        List<Problem> full = new ArrayList<>(RepositoryValidator.check(RepositoryReader.read(dir)));
        full.sort(Problem.BY_LOCATION);
        assertThat(byDifference).isEqualTo(full);
        return byDifference;
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
    }
}
