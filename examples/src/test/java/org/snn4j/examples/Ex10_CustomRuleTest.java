package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Ex10_CustomRuleTest {

    @Test
    void eachPatternIsWonMostlyByItsOwnNeuron() {
        int[][] counts = Ex10_CustomRule.run(300, 20, null);
        Set<Integer> preferred = new HashSet<>();
        for (int[] row : counts) {
            int best = 0;
            for (int j = 1; j < 3; j++) {
                if (row[j] > row[best]) {
                    best = j;
                }
            }
            assertThat(row[best]).isGreaterThanOrEqualTo(16); // >= 80 % of the tests
            preferred.add(best);
        }
        assertThat(preferred).hasSize(3); // three different neurons
    }

    @Test
    void quickRunCompletes() {
        Ex10_CustomRule.main(new String[] {"--quick"});
    }
}
