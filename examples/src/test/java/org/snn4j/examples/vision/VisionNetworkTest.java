package org.snn4j.examples.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.encoding.FloatImage;

class VisionNetworkTest {

    /** An event source firing {@code inputs} at the given steps ({@code steps} long). */
    private static EventSource source(int steps, int[] stepOf, int[] inputs) {
        return EventSource.of(steps, VisionParameters.INPUTS, stepOf, inputs);
    }

    private static VisionParameters small(int n) {
        // no leak to speak of, threshold 2 mV, learning threshold 2.6 mV
        return new VisionParameters(n, 256, 128f, 0.01f, 2f, 1e6f, 1.3f, 1f, 100f, 3, 1, 0.25f, -0.125f, true, 1, 7L);
    }

    @Test
    void parametersAreChecked() {
        VisionParameters d = VisionParameters.defaults(4);
        assertThatThrownBy(() -> d.withNeurons(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("neurons must be >= 1, got 0");
        assertThatThrownBy(() -> d.withKeepBins(300)).hasMessageContaining("keepBins").hasMessageContaining("300");
        assertThatThrownBy(() -> d.withThresholdMv(-2f)).hasMessage("thresholdMv must be finite and > 0, got -2.0");
        assertThatThrownBy(() -> d.withStdp(4, 0.1f, 0.1f)).hasMessageContaining("aMinus must be finite and <= 0");
        assertThatThrownBy(() -> d.withHomeostasis(0.9f, 1f, 1f)).hasMessageContaining("learningFactor");
        assertThatThrownBy(() -> d.withInput(128f, 1.5f)).hasMessageContaining("initMaxWeight");
    }

    @Test
    void winnerTakeAllLetsOneOutputFireAndStdpMovesItsWeightsOnly() {
        VisionNetwork net = new VisionNetwork(small(3));
        float[] w = net.layer().weights();
        Arrays.fill(w, 0f);
        // inputs 0..3 drive neuron 1 with 0.8 mV each, neuron 2 with 0.7 mV each
        for (int i = 0; i < 4; i++) {
            w[i * 3 + 1] = 0.8f;
            w[i * 3 + 2] = 0.7f;
        }
        w[100 * 3 + 1] = 0.5f; // input 100 never fires: LTD
        // inputs 0,1 at step 0 (1.6 and 1.4 mV: below 2); 2,3 at step 5 -> both cross 2 mV (neuron 1: 3.2, neuron 2: 2.8)
        int got = net.present(source(10, new int[] {0, 0, 5, 5}, new int[] {0, 1, 2, 3}), true);
        assertThat(got).isEqualTo(1);
        assertThat(net.lastSpikeStep()).isEqualTo(5);
        assertThat(net.fireCounts()).containsExactly(0, 1, 0);
        // window 1 step: inputs 2, 3 (fired at 5) get +0.25 (clamped at 1); 0, 1 (step 0) and all others -0.125
        assertThat(w[2 * 3 + 1]).isEqualTo(1f);
        assertThat(w[0 * 3 + 1]).isEqualTo(0.675f, within(1e-6f));
        assertThat(w[100 * 3 + 1]).isEqualTo(0.375f);
        assertThat(w[5000 * 3 + 1]).isEqualTo(0f);
        // the loser's weights are not touched
        assertThat(w[0 * 3 + 2]).isEqualTo(0.7f);
        // potential 3.2 >= 1.3 * 2: the winner's threshold rose by 1 mV, the others' did not
        assertThat(net.thresholds()).containsExactly(2f, 3f, 2f);
    }

    @Test
    void thresholdStaysWhenTheLearningThresholdIsNotReached() {
        VisionNetwork net = new VisionNetwork(small(2));
        float[] w = net.layer().weights();
        Arrays.fill(w, 0f);
        w[0] = 1.2f;
        w[2] = 1.2f; // input 1 -> neuron 0
        // 2.4 mV >= 2 fires, < 2.6 does not raise the threshold
        assertThat(net.present(source(4, new int[] {0, 1}, new int[] {0, 1}), false)).isZero();
        assertThat(net.present(source(4, new int[] {0, 1}, new int[] {0, 1}), true)).isZero();
        assertThat(net.threshold(0)).isEqualTo(2f);
        assertThat(net.present(source(4, new int[] {0}, new int[] {0}), true)).isEqualTo(-1);
    }

    @Test
    void thresholdsPersistAcrossFramesAndInferenceDoesNotLearn() {
        VisionNetwork net = new VisionNetwork(small(2));
        float[] w = net.layer().weights();
        Arrays.fill(w, 0f);
        for (int i = 0; i < 4; i++) {
            w[i * 2] = 1f;
        }
        EventSource all = source(2, new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3});
        float[] before = w.clone();
        assertThat(net.present(all, false)).isZero();
        assertThat(w).containsExactly(before);
        assertThat(net.threshold(0)).isEqualTo(2f);
        net.present(all, true); // 4 >= 2.6: +1
        net.present(all, true); // 4 >= 1.3 * 3 = 3.9: +1
        assertThat(net.threshold(0)).isEqualTo(4f);
        net.present(all, true); // 4 >= 4 fires, 4 < 5.2: no raise
        assertThat(net.threshold(0)).isEqualTo(4f);
        assertThat(net.frames()).isEqualTo(4);
    }

    @Test
    void leakDecaysThePotentialExponentially() {
        // tau 10 ms: inputs at steps 0 and 10 of 1.5 mV each: 1.5 * e^-1 + 1.5 = 2.05 >= 2 fires only without the
        // leak of the second... check both sides of the threshold
        VisionParameters p = new VisionParameters(1, 256, 128f, 0.01f, 2f, 10f, 1.3f, 0f, 0f, 0, 1, 0f, 0f, false, 1, 1L);
        VisionNetwork net = new VisionNetwork(p);
        float[] w = net.layer().weights();
        Arrays.fill(w, 0f);
        w[0] = 1.5f;
        w[1] = 1.5f;
        assertThat(1.5 * Math.exp(-1) + 1.5).isGreaterThan(2);
        assertThat(net.present(source(20, new int[] {0, 10}, new int[] {0, 1}), false)).isZero();
        assertThat(net.lastSpikeStep()).isEqualTo(10);
        // 20 steps apart: 1.5 e^-2 + 1.5 = 1.70 < 2
        assertThat(net.present(source(30, new int[] {0, 20}, new int[] {0, 1}), false)).isEqualTo(-1);
    }

    @Property(tries = 10, seed = "12345")
    void sameSeedSameWeightsAndOutputs(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        VisionParameters p = VisionParameters.defaults(n).withSeed(seed);
        int[] a = run(p, seed);
        int[] b = run(p, seed);
        assertThat(a).containsExactly(b);
    }

    private static int[] run(VisionParameters p, long seed) {
        VisionNetwork net = new VisionNetwork(p);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] out = new int[6 + 1];
        for (int f = 0; f < 6; f++) {
            out[f] = net.present(SyntheticFrames.noise(rng), true);
        }
        out[6] = Arrays.hashCode(net.layer().weights());
        return out;
    }

    @Test
    void compactWithoutPruningGivesTheSameOutputsAndCannotLearn() {
        VisionNetwork net = new VisionNetwork(VisionParameters.defaults(6));
        SplittableRandom rng = new SplittableRandom(3);
        for (int f = 0; f < 20; f++) {
            net.present(SyntheticFrames.noise(rng), true);
        }
        VisionNetwork exact = net.compact(0f, 2f);
        VisionNetwork pruned = net.compact(0.3f, 0.95f);
        assertThat(exact.isCompact()).isTrue();
        assertThat(pruned.synapseCount()).isLessThan(exact.synapseCount());
        assertThat(exact.synapseCount()).isLessThanOrEqualTo(net.synapseCount());
        assertThat(exact.thresholds()).containsExactly(net.thresholds());
        for (int f = 0; f < 10; f++) {
            FloatImage img = SyntheticFrames.noise(rng);
            assertThat(exact.present(img, false)).isEqualTo(net.present(img, false));
            assertThat(exact.lastSpikeStep()).isEqualTo(net.lastSpikeStep());
        }
        FloatImage img = SyntheticFrames.noise(rng);
        assertThatThrownBy(() -> exact.present(img, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inference-only");
        // quantisation: weights >= 0.95 read 1 in the copy
        float[] q = net.compact(0f, 0.2f).layer().weights();
        float[] d = net.layer().weights();
        for (int i = 0; i < d.length; i += 97) {
            assertThat(q[i]).isEqualTo(d[i] >= 0.2f ? 1f : d[i], within(0f));
        }
    }

    /** 64 outputs, 90 % of the weights pruned: the same first output and step as the dense net with them zeroed. */
    @Test
    void prunedNetworkAnswersLikeTheDenseNetworkWithThePrunedWeightsZeroed() {
        VisionParameters p = VisionParameters.defaults(64).withSeed(9);
        VisionNetwork net = new VisionNetwork(p);
        float[] w = net.layer().weights();
        float[] sorted = w.clone();
        Arrays.sort(sorted);
        float pruneBelow = sorted[(int) (0.9 * sorted.length)];
        VisionNetwork pruned = net.compact(pruneBelow, 2f);
        VisionNetwork zeroed = new VisionNetwork(p);
        float[] z = zeroed.layer().weights();
        for (int i = 0; i < w.length; i++) {
            z[i] = w[i] > pruneBelow ? w[i] : 0f;
        }
        assertThat(pruned.synapseCount()).isLessThanOrEqualTo(w.length / 10);
        SplittableRandom rng = new SplittableRandom(4);
        int fired = 0;
        for (int f = 0; f < 12; f++) {
            EventSource code = net.encoder().encode(SyntheticFrames.noise(rng));
            int a = pruned.present(code, false);
            assertThat(a).as("frame %d", f).isEqualTo(zeroed.present(code, false));
            assertThat(pruned.lastSpikeStep()).as("frame %d", f).isEqualTo(zeroed.lastSpikeStep());
            fired += a >= 0 ? 1 : 0;
        }
        assertThat(fired).isPositive();
    }

    @Test
    void receptiveFieldIsTheWeightColumn() {
        VisionNetwork net = new VisionNetwork(VisionParameters.defaults(3));
        float[] rf = net.receptiveField(2);
        float[] w = net.layer().weights();
        assertThat(rf).hasSize(VisionParameters.INPUTS);
        assertThat(rf[0]).isEqualTo(w[2]);
        assertThat(rf[8191]).isEqualTo(w[8191 * 3 + 2]);
        for (int i = 0; i < rf.length; i++) {
            assertThat(rf[i]).isBetween(0f, 0.3f);
        }
        assertThatThrownBy(() -> net.receptiveField(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
