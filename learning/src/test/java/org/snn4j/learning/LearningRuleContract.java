package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.neuron.PerfectIf;

/**
 * The contract every learning rule satisfies (DESIGN S2): each rule's test extends this class and says how
 * to build the rule. Random presentations on a small dense layer check that weights stay within the
 * bounds for any rates, that zero rates change nothing, and that the rule is deterministic.
 */
abstract class LearningRuleContract {
    static final int N_PRE = 7;
    static final int N_POST = 4;
    static final int STEPS = 12;

    /**
     * A fresh rule for a dense layer (one channel) with bounds {@code bounds}; {@code r1} and
     * {@code r2} in [-1, 1] choose its rates (each rule maps them to its own rate parameters; both zero
     * must mean "no learning").
     */
    protected abstract LearningRule create(float r1, float r2, WeightBounds bounds);

    /**
     * Runs three random presentations with random rewards on a test layer or (every other seed) on the
     * library's {@link DenseLayer}, and returns the final weights.
     */
    private float[] run(LearningRule rule, WeightBounds b, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        PlasticLayer layer = (seed & 1) == 0 ? new ToyDenseLayer(N_PRE, N_POST)
                : DenseLayer.builder("dense", Shape.flat(N_PRE), N_POST).neurons(PerfectIf.latencyCoded(1f)).build();
        float[] w = layer.weights();
        for (int i = 0; i < w.length; i++) {
            w[i] = b.lo() + (float) rng.nextDouble() * (b.hi() - b.lo());
            w[i] = b.clamp(w[i]);
        }
        LayerState state = layer.newState();
        for (int sample = 0; sample < 3; sample++) {
            Spikes[] in = Drive.random(rng, N_PRE, STEPS, 0.2);
            Spikes[] out = Drive.random(rng, N_POST, STEPS, 0.15);
            float reward = rng.nextInt(3) - 1;
            Drive.present(rule, layer, state, in, out, reward, 1f);
        }
        return w;
    }

    private static WeightBounds bounds(boolean signed) {
        return signed ? new WeightBounds(-1f, 1f) : new WeightBounds(0.2f, 0.8f);
    }

    private float[] initial(WeightBounds b, long seed) {
        return run(create(0f, 0f, b), b, seed).clone();
    }

    @Property(tries = 60, seed = "20261123")
    void weightsStayWithinBounds(@ForAll @FloatRange(min = -1f, max = 1f) float r1,
                                 @ForAll @FloatRange(min = -1f, max = 1f) float r2,
                                 @ForAll long seed, @ForAll boolean signed) {
        WeightBounds b = bounds(signed);
        float[] w = run(create(r1, r2, b), b, seed);
        for (float v : w) {
            assertThat(v).isBetween(b.lo(), b.hi());
        }
    }

    @Property(tries = 30, seed = "20261124")
    void zeroRatesChangeNothing(@ForAll long seed, @ForAll boolean signed) {
        WeightBounds b = bounds(signed);
        // the weights the driver starts from, before any learning
        SplittableRandom rng = new SplittableRandom(seed);
        float[] start = new float[N_PRE * N_POST];
        for (int i = 0; i < start.length; i++) {
            start[i] = b.clamp(b.lo() + (float) rng.nextDouble() * (b.hi() - b.lo()));
        }
        assertThat(initial(b, seed)).containsExactly(start);
    }

    @Property(tries = 30, seed = "20261125")
    void sameInputsGiveBitIdenticalWeights(@ForAll @FloatRange(min = -1f, max = 1f) float r1,
                                           @ForAll @FloatRange(min = -1f, max = 1f) float r2,
                                           @ForAll long seed) {
        WeightBounds b = bounds(false);
        float[] a = run(create(r1, r2, b), b, seed);
        float[] c = run(create(r1, r2, b), b, seed);
        assertThat(c).containsExactly(a);
    }
}
