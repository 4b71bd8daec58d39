package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SynapticInput#clear()} takes two routes (scattered stores for few touched neurons, whole-array fills
 * from {@code size / 16} on); on both sides of the switch every input and every touched mark must be zero
 * afterwards, so that the next step lists exactly the neurons it touches, in order, with exactly its input.
 */
class SynapticInputClearTest {
    @Test
    void bothRoutesLeaveNothingBehind() {
        int size = 160; // bulk route from 10 touched neurons on
        SplittableRandom r = new SplittableRandom(3);
        SynapticInput in = new SynapticInput(size);
        for (int touched : new int[] {0, 1, 9, 10, 11, 40, 159, 160}) {
            for (int round = 0; round < 3; round++) {
                int[] targets = distinct(r, size, touched);
                float[] w = new float[touched];
                for (int k = 0; k < touched; k++) {
                    w[k] = (float) r.nextDouble(-2, 2);
                }
                in.addRow(targets, w, 0, touched);
                in.add(targets.length > 0 ? targets[0] : 0, 0.25f); // a second arrival at an already touched neuron
                int expectedCount = Math.max(touched, 1);
                assertThat(in.touchedCount()).as("%d touched", touched).isEqualTo(expectedCount);
                float[] want = new float[size];
                for (int k = 0; k < touched; k++) {
                    want[targets[k]] += w[k];
                }
                want[targets.length > 0 ? targets[0] : 0] += 0.25f;
                assertThat(in.values()).as("%d touched, round %d", touched, round).containsExactly(want);
                assertThat(Arrays.copyOf(in.touchedList(), touched)).containsExactly(targets);
                in.clear();
                assertThat(in.touchedCount()).isZero();
                for (int i = 0; i < size; i++) {
                    assertThat(Float.floatToRawIntBits(in.values()[i])).as("neuron %d after %d touched", i, touched)
                            .isZero();
                }
            }
        }
    }

    private static int[] distinct(SplittableRandom r, int size, int n) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, n);
    }
}
