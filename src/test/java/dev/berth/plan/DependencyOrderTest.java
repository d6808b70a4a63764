package dev.berth.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DependencyOrderTest {

    @Test
    void prerequisitesFirstAndTiesByPosition() {
        // 0 needs 2; 1 needs nothing; 2 needs nothing
        int[][] needs = {{2}, {}, {}};
        assertThat(DependencyOrder.sort(3, i -> needs[i])).containsExactly(1, 2, 0);
    }

    @Test
    void repeatedSelfAndUnknownPrerequisitesDoNotBlock() {
        int[][] needs = {{1, 1, 0, 7, -1}, {}};
        assertThat(DependencyOrder.sort(2, i -> needs[i])).containsExactly(1, 0);
    }

    @Test
    void cyclesEndUpLastInPositionOrderInsteadOfLoopingForever() {
        int[][] needs = {{1}, {0}, {}, {1}};
        assertThat(DependencyOrder.sort(4, i -> needs[i])).containsExactly(2, 0, 1, 3);
    }

    @Test
    void longChainInLinearishTime() {
        int n = 100_000;
        int[] order = DependencyOrder.sort(n, i -> i + 1 < n ? new int[] {i + 1} : new int[0]);
        assertThat(order[0]).isEqualTo(n - 1);
        assertThat(order[n - 1]).isZero();
    }
}
