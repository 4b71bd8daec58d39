package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void quickRunPrintsEveryFieldAndTheTallyOfItsRun(@TempDir Path tmp) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            Ex10_CustomRule.main(new String[] {"--quick", "--out", tmp.toString()});
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("60 training samples, seed 10");
        for (int j = 0; j < 3; j++) {
            assertThat(out).contains("receptive field of output " + j + ":");
        }
        // the printed tally is the one the same quick run returns (10 tests per pattern)
        int[][] counts = Ex10_CustomRule.run(60, 10, null);
        String[] names = {"horizontal", "vertical", "diagonal"};
        for (int p = 0; p < 3; p++) {
            int[] row = counts[p];
            assertThat(row[0] + row[1] + row[2] + row[3]).isEqualTo(10);
            assertThat(out).contains(String.format("%-10s out0=%d out1=%d out2=%d silent=%d",
                    names[p], row[0], row[1], row[2], row[3]));
        }
        // even the quick run learns: most tests of each pattern get a winner
        for (int[] row : counts) {
            assertThat(row[3]).as("silent tests").isLessThanOrEqualTo(5);
        }
    }
}
