package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.neuron.ConductanceLif;

/**
 * The composed network ({@link DiehlCookComposed}, library parts on {@code Network} / {@code Simulation}) against
 * the former fused simulator ({@link DiehlCookNetwork}, the oracle), fed the same input spikes and weights:
 * <ul>
 *   <li>without learning, spike counts are bit-identical (neuron model, lateral inhibition, dense layer);</li>
 *   <li>learning without depression ({@code nuPre = 0}) gives bit-identical weights, thresholds and spike counts
 *       over consecutive presentations, each followed by the 150 ms rest (triplet STDP, threshold adaptation,
 *       normalisation, the closed-form rest);</li>
 *   <li>with depression too (both depress a synapse before its weight is delivered): weights, thresholds,
 *       potentials and spike counts after every presentation;</li>
 *   <li>the example's whole path from one seed: initial weights, input trains drawn by each side's generator from
 *       its copy of one random stream, the repeat rule and the rest, then evaluation without learning.</li>
 * </ul>
 */
class DiehlCookEquivalenceTest {
    static final int N = 16;
    static MnistDataset.Split digits;

    @BeforeAll
    static void load() throws Exception {
        digits = MnistDataset.load(DiehlCook2015.Options.defaults().data()).train();
    }

    static float[] pixels(int d) {
        float[] x = new float[784];
        for (int i = 0; i < 784; i++) {
            x[i] = digits.pixels()[d * 784 + i] & 0xFF;
        }
        return x;
    }

    static EventSource encode(DiehlCookParameters p, int d, long seed) {
        PoissonEncoder enc = new PoissonEncoder(p.maxRateHz(), p.presentSteps() * (double) p.dtMs(), p.dtMs(), 255);
        return enc.encode(pixels(d), new SplittableRandom(seed));
    }

    /** The composed network with the oracle's weights. */
    static DiehlCookComposed composedLike(DiehlCookNetwork oracle) {
        DiehlCookComposed c = new DiehlCookComposed(oracle.parameters(), new Shape(1, 28, 28), oracle.neurons(), 1L);
        System.arraycopy(oracle.weights(), 0, c.layer().weights(), 0, oracle.weights().length);
        return c;
    }

    @Test
    void withoutLearningSpikeCountsAreBitIdentical() {
        DiehlCookParameters p = DiehlCookParameters.paper();
        DiehlCookNetwork oracle = new DiehlCookNetwork(p, 784, N, 5L);
        DiehlCookNetwork.Simulation train = oracle.newSimulation();
        SplittableRandom r = new SplittableRandom(3);
        for (int d = 0; d < 30; d++) {
            train.present(digits.pixels(), d * 784, true, r); // varied weights and thresholds
        }
        DiehlCookComposed composed = composedLike(oracle);
        DiehlCookComposed.Presenter sim = composed.newPresenter();
        System.arraycopy(oracle.theta(), 0, sim.theta(), 0, N);
        assertThat(oracle.theta()).isNotEqualTo(new float[N]);
        DiehlCookNetwork.Simulation ref = oracle.newSimulation();
        long spikes = 0;
        for (int d = 100; d < 130; d++) {
            EventSource src = encode(p, d, d);
            ref.reset();
            int total = ref.runSource(src, false);
            long got = sim.presentOnce(src, false).outputSpikes(0);
            assertThat(sim.counts()).as("digit %d", d).isEqualTo(ref.counts());
            assertThat(got).isEqualTo(total);
            spikes += total;
        }
        assertThat(spikes).as("spikes over 30 digits").isGreaterThan(100);
        assertThat(sim.theta()).as("thresholds are not changed without learning").isEqualTo(oracle.theta());
    }

    @Test
    void learningWithoutDepressionIsBitIdentical() {
        DiehlCookParameters p = noDepression(DiehlCookParameters.paper());
        DiehlCookNetwork oracle = new DiehlCookNetwork(p, 784, N, 7L);
        DiehlCookComposed composed = composedLike(oracle);
        DiehlCookComposed.Presenter sim = composed.newPresenter();
        DiehlCookNetwork.Simulation ref = oracle.newSimulation();
        long spikes = 0;
        for (int d = 0; d < 12; d++) {
            EventSource src = encode(p, d, 100 + d);
            spikes += ref.runSource(src, true);
            ref.rest();
            sim.presentOnce(src, true);
            assertThat(sim.counts()).as("digit %d", d).isEqualTo(ref.counts());
            assertThat(composed.layer().weights()).as("weights after digit %d", d).isEqualTo(oracle.weights());
            assertThat(sim.theta()).as("thresholds after digit %d", d).isEqualTo(oracle.theta());
        }
        assertThat(spikes).isGreaterThan(50);
    }

    @Test
    void learningWithDepressionIsBitIdentical() {
        // the composition depresses before the step's input is delivered, as the oracle does
        DiehlCookParameters p = DiehlCookParameters.paper();
        DiehlCookNetwork oracle = new DiehlCookNetwork(p, 784, N, 9L);
        DiehlCookComposed composed = composedLike(oracle);
        float[] w0 = oracle.weights().clone();
        DiehlCookComposed.Presenter sim = composed.newPresenter();
        DiehlCookNetwork.Simulation ref = oracle.newSimulation();
        float[] v = sim.simulation().state(DiehlCookComposed.LAYER).neurons().get(ConductanceLif.V);
        long spikes = 0;
        for (int d = 0; d < 12; d++) {
            EventSource src = encode(p, d, 200 + d);
            spikes += ref.runSource(src, true);
            sim.presentOnce(src, true);
            assertThat(sim.counts()).as("digit %d", d).isEqualTo(ref.counts());
            assertThat(v).as("potentials after digit %d", d).isEqualTo(ref.potentials());
            assertThat(composed.layer().weights()).as("weights after digit %d", d).isEqualTo(oracle.weights());
            assertThat(sim.theta()).as("thresholds after digit %d", d).isEqualTo(oracle.theta());
            ref.rest();
        }
        assertThat(spikes).isGreaterThan(50);
        assertThat(maxDiff(oracle.weights(), w0)).as("learning changed the weights").isGreaterThan(1e-3);
    }

    /**
     * The example's whole path on a tiny network: both built from one seed (same initial weights), both drawing
     * their input trains from their own copy of one random stream, the repeat rule, the rest; then evaluation
     * without learning from per-digit streams. Everything is bit-identical.
     */
    @Test
    void trainingAndEvaluationFromOneSeedAreBitIdentical() {
        DiehlCookParameters p = DiehlCookParameters.paper();
        DiehlCookNetwork oracle = new DiehlCookNetwork(p, 784, N, 11L);
        DiehlCookComposed composed = new DiehlCookComposed(p, new Shape(1, 28, 28), N, 11L);
        assertThat(composed.layer().weights()).as("initial weights").isEqualTo(oracle.weights());
        DiehlCookNetwork.Simulation ref = oracle.newSimulation();
        DiehlCookComposed.Presenter sim = composed.newPresenter();
        SplittableRandom ro = new SplittableRandom(21);
        SplittableRandom rc = new SplittableRandom(21);
        byte[] px = digits.pixels();
        for (int d = 0; d < 25; d++) {
            int[] a = ref.present(px, d * 784, true, ro);
            int[] b = sim.present(px, d * 784, true, rc);
            assertThat(b).as("digit %d", d).isEqualTo(a);
        }
        assertThat(sim.presentations()).as("repeats included").isEqualTo(ref.presentations());
        assertThat(composed.layer().weights()).isEqualTo(oracle.weights());
        assertThat(sim.theta()).isEqualTo(oracle.theta());
        assertThat(ro.nextLong()).as("the same draws").isEqualTo(rc.nextLong());
        DiehlCookComposed.Presenter eval = composed.newPresenter();
        System.arraycopy(sim.theta(), 0, eval.theta(), 0, N);
        DiehlCookNetwork.Simulation evalRef = oracle.newSimulation();
        long total = 0;
        for (int d = 100; d < 120; d++) {
            int[] a = evalRef.present(px, d * 784, false, new SplittableRandom(d)).clone();
            int[] b = eval.present(px, d * 784, false, new SplittableRandom(d));
            assertThat(b).as("evaluation digit %d", d).isEqualTo(a);
            total += java.util.Arrays.stream(a).sum();
        }
        assertThat(total).isGreaterThan(20);
    }

    static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static DiehlCookParameters noDepression(DiehlCookParameters q) {
        return new DiehlCookParameters(q.dtMs(), q.presentMs(), q.restMs(), q.maxRateHz(), q.rateBoostHz(),
                q.minSpikes(), q.maxRepeats(), q.tauExcMs(), q.vRestExc(), q.vResetExc(), q.vThreshExc(),
                q.refractoryExcMs(), q.eExc(), q.eInh(), q.tauGeMs(), q.tauGiMs(), q.wInh(), q.thetaPlus(),
                q.tauThetaMs(), q.tauPreMs(), q.tauPost1Ms(), q.tauPost2Ms(), 0f, q.nuPost(), q.wMax(), q.wInitMax(),
                q.weightSum());
    }
}
