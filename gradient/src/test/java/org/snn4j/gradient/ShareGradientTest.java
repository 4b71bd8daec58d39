package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Trainer#shareGradient} + {@link Trainer#applyGradients}: the data-parallel split of {@link Trainer#trainBatch}. */
class ShareGradientTest {
    static final int STEPS = 20;

    static float[][] values(SpikingNetwork net) {
        float[][] w = new float[net.parameters().size()][];
        for (int p = 0; p < w.length; p++) {
            w[p] = net.parameters().get(p).value().clone();
        }
        return w;
    }

    static Trainer trainer(SpikingNetwork net, int batch) {
        return new Trainer(net, SpikeCountLoss.slayer(STEPS, 6f, 1f), Adam.defaults(true),
                LearningRate.constant(0.05f), batch, 1, 3);
    }

    /** One epoch through trainBatch, or through shares of {@code shareSize} summed in order and applied. */
    static float[][] epoch(int shareSize, double[] lossOut) {
        SpikingNetwork net = NetworkGradientTest.tiny(ForwardMode.SPIKES, ResetGradient.DETACHED, STEPS);
        Samples data = NetworkGradientTest.samples(10, STEPS, net.inputShape(), true, 9);
        int batch = 4;
        double loss = 0;
        try (Trainer tr = trainer(net, batch)) {
            int[] order = tr.epochOrder(data.size(), 0);
            for (int b = 0; b < order.length; b += batch) {
                int count = Math.min(batch, order.length - b);
                if (shareSize == 0) {
                    loss += tr.trainBatch(data, order, b, count, 0);
                    continue;
                }
                float[][] sum = null;
                for (int s = b; s < b + count; s += shareSize) {
                    loss += tr.shareGradient(data, order, s, Math.min(shareSize, b + count - s), count, 0);
                    float[][] g = new float[net.parameters().size()][];
                    for (int p = 0; p < g.length; p++) {
                        g[p] = net.parameters().get(p).grad().clone();
                    }
                    if (sum == null) {
                        sum = g;
                    } else {
                        for (int p = 0; p < g.length; p++) {
                            for (int i = 0; i < g[p].length; i++) {
                                sum[p][i] += g[p][i];
                            }
                        }
                    }
                }
                for (int p = 0; p < sum.length; p++) {
                    System.arraycopy(sum[p], 0, net.parameters().get(p).grad(), 0, sum[p].length);
                }
                tr.applyGradients(0);
            }
            assertThat(tr.updates()).isEqualTo(3);
        }
        lossOut[0] = loss;
        return values(net);
    }

    @Test
    void oneShareIsTrainBatchBitForBitAndSmallerSharesAgreeWithinRounding() {
        double[] l0 = new double[1];
        double[] l1 = new double[1];
        double[] l2 = new double[1];
        float[][] whole = epoch(0, l0);
        float[][] one = epoch(4, l1);
        float[][] split = epoch(1, l2);
        float[][] init = values(NetworkGradientTest.tiny(ForwardMode.SPIKES, ResetGradient.DETACHED, STEPS));
        boolean changed = false;
        for (int p = 0; p < whole.length; p++) {
            assertThat(one[p]).as("parameter " + p).containsExactly(whole[p]);
            for (int i = 0; i < whole[p].length; i++) {
                assertThat(split[p][i]).as("parameter " + p + "[" + i + "]")
                        .isCloseTo(whole[p][i], org.assertj.core.data.Offset.offset(1e-4f));
            }
            changed |= !java.util.Arrays.equals(whole[p], init[p]);
        }
        assertThat(changed).isTrue();
        assertThat(l1[0]).isEqualTo(l0[0]);
        assertThat(l2[0]).isCloseTo(l0[0], org.assertj.core.data.Offset.offset(1e-4 * Math.abs(l0[0])));
    }

    @Test
    void epochOrderIsTheOrderOfTrainEpochAndSharesAreChecked() {
        SpikingNetwork net = NetworkGradientTest.tiny(ForwardMode.SPIKES, ResetGradient.DETACHED, STEPS);
        Samples data = NetworkGradientTest.samples(10, STEPS, net.inputShape(), true, 9);
        try (Trainer tr = trainer(net, 4)) {
            int[] order = tr.epochOrder(10, 2);
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(order).isNotEqualTo(tr.epochOrder(10, 3));
            assertThatThrownBy(() -> tr.shareGradient(data, order, 0, 5, 8, 0))
                    .hasMessageContaining("count must be in [1, 4], got 5");
            assertThatThrownBy(() -> tr.shareGradient(data, order, 0, 3, 2, 0))
                    .hasMessageContaining("batchSize must be >= count = 3, got 2");
            tr.shareGradient(data, order, 0, 3, 8, 0);
            assertThat(tr.correct()).isBetween(0, 3);
            assertThatThrownBy(() -> tr.epochOrder(-1, 0)).hasMessageContaining("n must be >= 0");
        }
    }
}
