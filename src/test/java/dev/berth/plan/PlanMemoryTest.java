package dev.berth.plan;

import static dev.berth.plan.AppliedStates.fullyApplied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.DesiredState;
import dev.berth.state.AppliedState;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The memory hands over the host state of its last plan: the same objects without a comparison, equal ones after one. */
class PlanMemoryTest {
    private final DesiredState desired = new DesiredBuilder()
            .unit("web.container").in("web").supporting("web/site.env", "v1").add()
            .unit("api.container").in("api").add()
            .build();
    private final AppliedState applied = fullyApplied(desired, "c1");

    /** The files on disk, counting how often they were compared with another map. */
    private static final class ComparedFiles extends AbstractMap<String, String> {
        private final Map<String, String> files;
        int comparisons;

        ComparedFiles(Map<String, String> files) {
            this.files = Map.copyOf(files);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return files.entrySet();
        }

        @Override
        public boolean equals(Object o) {
            comparisons++;
            return super.equals(o);
        }

        @Override
        public int hashCode() {
            return files.hashCode();
        }
    }

    @Test
    void theVerySameHostStateIsHandedOverWithoutAComparison() {
        PlanMemory plans = new PlanMemory();
        ComparedFiles onDisk = new ComparedFiles(applied.files());
        plans.plan(desired, applied, onDisk);
        assertThat(plans.lastHandOver()).isEqualTo(PlanMemory.HandOver.OTHER);

        plans.plan(desired, applied, onDisk);

        assertThat(plans.lastHandOver()).isEqualTo(PlanMemory.HandOver.SAME);
        assertThat(plans.lastKind()).isEqualTo(Planning.Kind.CHANGED_UNITS);
        assertThat(onDisk.comparisons).as("the files on disk were not compared").isZero();
    }

    @Test
    void anEqualHostStateIsComparedOnceThenKeptAsTheMemorysOwn() {
        PlanMemory plans = new PlanMemory();
        plans.plan(desired, applied, new HashMap<>(applied.files()));
        AppliedState appliedAgain = new AppliedState(applied.commit(), applied.files(), applied.units());
        ComparedFiles readAgain = new ComparedFiles(applied.files());

        plans.plan(desired, appliedAgain, readAgain);

        assertThat(plans.lastHandOver()).isEqualTo(PlanMemory.HandOver.EQUAL);
        assertThat(plans.lastKind()).isEqualTo(Planning.Kind.CHANGED_UNITS);
        assertThat(readAgain.comparisons).isEqualTo(1);

        // as the state store and ObservedFiles hand out the objects they read settled, again and again
        plans.plan(desired, appliedAgain, readAgain);

        assertThat(plans.lastHandOver()).isEqualTo(PlanMemory.HandOver.SAME);
        assertThat(plans.lastKind()).isEqualTo(Planning.Kind.CHANGED_UNITS);
        assertThat(readAgain.comparisons).isEqualTo(1);
    }

    @Test
    void anotherHostStateIsPlannedInFull() {
        PlanMemory plans = new PlanMemory();
        plans.plan(desired, applied, applied.files());
        Map<String, String> drifted = new HashMap<>(applied.files());
        drifted.put("quadlet/web/site.env", "edited");

        plans.plan(desired, applied, drifted);

        assertThat(plans.lastHandOver()).isEqualTo(PlanMemory.HandOver.OTHER);
        assertThat(plans.lastKind()).isEqualTo(Planning.Kind.FULL);
    }
}
