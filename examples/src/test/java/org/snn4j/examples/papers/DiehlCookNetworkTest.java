package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DiehlCookNetworkTest {
    static final DiehlCookParameters P = DiehlCookParameters.paper();

    static byte[] image(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static float columnSum(DiehlCookNetwork net, int j) {
        double s = 0;
        for (int i = 0; i < net.inputs(); i++) {
            s += net.weights()[i * net.neurons() + j];
        }
        return (float) s;
    }

    @Test
    void poissonInputRateMatchesIntensity() {
        // 784 inputs at full intensity, 700 steps of 0.5 ms, 63.75 Hz: p = 0.031875 per step
        DiehlCookNetwork net = new DiehlCookNetwork(P, 784, 1, new float[784], new float[1]);
        DiehlCookNetwork.Simulation sim = net.newSimulation();
        sim.present(image(784, 255), 0, false, new SplittableRandom(1));
        long presentations = sim.presentations(); // no spikes (zero weights) -> 1 + maxRepeats presentations
        assertThat(presentations).isEqualTo(1 + P.maxRepeats());
        // rates 63.75 + r * 31.875 for r = 0..10: sum = 11 * 63.75 + 55 * 31.875
        double expected = 784 * 700 * 0.0005 * (11 * 63.75 + 55 * 31.875);
        assertThat((double) sim.synapticEvents()).isCloseTo(expected, within(expected * 0.01));
        // half intensity halves the rate
        DiehlCookNetwork.Simulation half = net.newSimulation();
        half.present(image(784, 128), 0, false, new SplittableRandom(2));
        assertThat((double) half.synapticEvents()).isCloseTo(expected * 128 / 255, within(expected * 0.01));
    }

    @Test
    void blankDigitIsRepeatedAtMostMaxRepeatsTimes() {
        DiehlCookNetwork net = new DiehlCookNetwork(P, 4, 2, 3L);
        DiehlCookNetwork.Simulation sim = net.newSimulation();
        int[] c = sim.present(image(4, 0), 0, true, new SplittableRandom(3));
        assertThat(sim.presentations()).isEqualTo(11);
        assertThat(c).containsOnly(0);
        assertThat(sim.synapticEvents()).isZero();
    }

    /** One input firing every step (rate so high that p = 1) drives one neuron: compare with a plain loop. */
    @Test
    void membraneMatchesPlainRecurrence() {
        DiehlCookParameters p = new DiehlCookParameters(0.5f, 350f, 150f, 2000f, 0f, 0, 0, 100f, -65f, -65f, -52f,
                5f, 0f, -100f, 1f, 2f, 17f, 0.05f, 1e7f, 20f, 20f, 40f, 0f, 0f, 1f, 0.3f, 78f);
        float w = 0.3f;
        DiehlCookNetwork net = new DiehlCookNetwork(p, 1, 1, new float[] {w}, new float[1]);
        int[] c = net.newSimulation().present(image(1, 255), 0, false, new SplittableRandom(4));
        // reference: v <- rest + (v - rest) * exp(-dt/tau); v <- v + (1/100) * w * (0 - v); spike if v > -52
        double decay = Math.exp(-0.5 / 100);
        double v = -65;
        int refrEnd = -1;
        int spikes = 0;
        int firstSpike = -1;
        for (int t = 0; t < 700; t++) {
            if (refrEnd >= t) {
                continue;
            }
            v = -65 + (v + 65) * decay;
            v += 0.01 * w * (0 - v);
            if (v > -52) {
                v = -65;
                refrEnd = t + 10;
                spikes++;
                if (firstSpike < 0) {
                    firstSpike = t;
                }
            }
        }
        assertThat(spikes).isGreaterThan(5);
        assertThat(c[0]).isEqualTo(spikes);
        // analytic first-spike time of the linear map v' = a v + b: fixed point v* = b / (1 - a)
        double a = decay * (1 - 0.01 * w);
        double b = (-65 * (1 - decay)) * (1 - 0.01 * w);
        double vStar = b / (1 - a);
        // v_t = v* + (v0 - v*) a^t, first t with v_t > -52
        int tAnalytic = (int) Math.ceil(Math.log((-52 - vStar) / (-65 - vStar)) / Math.log(a)) - 1;
        assertThat(firstSpike).isEqualTo(tAnalytic);
    }

    @Test
    void adaptiveThresholdRisesByThetaPlusPerSpike() {
        DiehlCookParameters p = P.withWeightSum(4f);
        DiehlCookNetwork net = new DiehlCookNetwork(p, 4, 1, new float[] {1f, 1f, 1f, 1f}, new float[1]);
        DiehlCookNetwork.Simulation sim = net.newSimulation();
        float before = net.theta()[0];
        for (int k = 0; k < 3; k++) {
            sim.present(image(4, 255), 0, true, new SplittableRandom(k));
        }
        long spikes = sim.spikes();
        assertThat(spikes).isGreaterThan(0);
        assertThat(before).isZero();
        // theta = 0.05 mV per spike, decayed by exp(-500 ms / 1e7 ms) per presentation (< 1e-4 relative)
        assertThat((double) net.theta()[0]).isCloseTo(0.05 * spikes, within(0.05 * spikes * 1e-3));
        // with learning off theta does not change
        float t = net.theta()[0];
        sim.present(image(4, 255), 0, false, new SplittableRandom(9));
        assertThat(net.theta()[0]).isEqualTo(t);
    }

    @Test
    void inhibitionLetsTheStrongestNeuronDominate() {
        // two neurons see the same input; neuron 0 has 10 % larger weights
        int nIn = 50;
        float[] w = new float[nIn * 2];
        for (int i = 0; i < nIn; i++) {
            w[i * 2] = 0.33f;
            w[i * 2 + 1] = 0.3f;
        }
        byte[] img = image(nIn, 255);
        DiehlCookNetwork inhibited = new DiehlCookNetwork(P, nIn, 2, w.clone(), new float[2]);
        int[] ci = inhibited.newSimulation().present(img, 0, false, new SplittableRandom(5)).clone();
        DiehlCookParameters noInh = new DiehlCookParameters(0.5f, 350f, 150f, 63.75f, 31.875f, 5, 10, 100f, -65f,
                -65f, -52f, 5f, 0f, -100f, 1f, 2f, 0f, 0.05f, 1e7f, 20f, 20f, 40f, 0.0001f, 0.01f, 1f, 0.3f, 78f);
        DiehlCookNetwork free = new DiehlCookNetwork(noInh, nIn, 2, w.clone(), new float[2]);
        int[] cf = free.newSimulation().present(img, 0, false, new SplittableRandom(5)).clone();
        assertThat(cf[1]).as("without inhibition both fire").isGreaterThanOrEqualTo(8);
        assertThat(ci[0]).as("winner").isGreaterThanOrEqualTo(8);
        assertThat(ci[1]).as("loser is suppressed").isLessThanOrEqualTo(cf[1] / 5);
    }

    @Test
    void normalisationKeepsEveryColumnSumAfterLearning() {
        DiehlCookNetwork net = new DiehlCookNetwork(P, 100, 8, 7L);
        for (int j = 0; j < 8; j++) {
            assertThat(columnSum(net, j)).isCloseTo(78f, within(1e-3f));
        }
        DiehlCookNetwork.Simulation sim = net.newSimulation();
        SplittableRandom r = new SplittableRandom(8);
        byte[] img = new byte[100];
        float[] initial = net.weights().clone();
        for (int k = 0; k < 20; k++) {
            for (int i = 0; i < 100; i++) {
                img[i] = (byte) (r.nextInt(3) == 0 ? 255 : 0);
            }
            sim.present(img, 0, true, r);
        }
        assertThat(net.weights()).isNotEqualTo(initial);
        for (int j = 0; j < 8; j++) {
            assertThat(columnSum(net, j)).isCloseTo(78f, within(1e-3f));
        }
        for (float x : net.weights()) {
            assertThat(x).isBetween(0f, P.wMax() * 78f);
        }
    }

    @Test
    void stdpStrengthensTheInputsOfTheFiringPattern() {
        // 20 inputs, the first 10 on; one neuron that fires: its weights from the "on" inputs grow
        // weight sum 10 over 20 inputs: the neuron fires a few times per presentation (the paper's LTP needs
        // a second post spike, through the slow post trace), and weights stay below wMax = 1
        DiehlCookNetwork net = new DiehlCookNetwork(P.withWeightSum(10f), 20, 1, 11L);
        float onBefore = 0;
        for (int i = 0; i < 10; i++) {
            onBefore += net.weights()[i];
        }
        byte[] img = new byte[20];
        Arrays.fill(img, 0, 10, (byte) 255);
        DiehlCookNetwork.Simulation sim = net.newSimulation();
        for (int k = 0; k < 20; k++) {
            sim.present(img, 0, true, new SplittableRandom(k));
        }
        float onAfter = 0;
        for (int i = 0; i < 10; i++) {
            onAfter += net.weights()[i];
        }
        // LTP on the inputs that fire, normalisation takes it from the silent ones
        assertThat(onAfter).isGreaterThan(onBefore + 0.5f);
        assertThat(onAfter).isLessThanOrEqualTo(10.001f);
    }

    @Property(seed = "42", tries = 20)
    void sameSeedSameWeights(@ForAll @IntRange(min = 1, max = 5) int neurons,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        float[][] ws = new float[2][];
        for (int rep = 0; rep < 2; rep++) {
            DiehlCookNetwork net = new DiehlCookNetwork(P, 30, neurons, seed);
            DiehlCookNetwork.Simulation sim = net.newSimulation();
            SplittableRandom r = new SplittableRandom(seed);
            byte[] img = new byte[30];
            for (int i = 0; i < 30; i++) {
                img[i] = (byte) r.nextInt(256);
            }
            sim.present(img, 0, true, r);
            sim.present(img, 0, true, r);
            ws[rep] = net.weights().clone();
        }
        assertThat(ws[1]).isEqualTo(ws[0]);
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> P.withDtMs(-2f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dtMs must be finite and > 0, got -2.0");
        assertThatThrownBy(() -> new DiehlCookNetwork(P, 4, 2, new float[7], new float[2]))
                .hasMessageContaining("weights must have length nInputs * nNeurons = 8, got 7");
        DiehlCookNetwork net = new DiehlCookNetwork(P, 4, 2, 1L);
        assertThatThrownBy(() -> net.newSimulation().present(new byte[6], 3, false, new SplittableRandom(1)))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
