package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.snn4j.CurrentSource;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.Layer;
import org.snn4j.layer.SparseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.BiasedIf;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * The frozen-layer output cache replays a frozen layer's recorded output for a repeated source. A layer whose output
 * depends on more than its input spikes and weights -- a model with a current set per presentation (an image given
 * as a current, as ANN-to-SNN conversion does behind one silent source), or a layer-level current that changes --
 * must never be replayed: every presentation gives what a simulation without fast paths gives. A replayable current
 * (a constant) is cached as before, and dense and sparse layers are cached like convolutions.
 */
class FrozenCacheHazardTest {
    private static final Shape IN = new Shape(1, 4, 4);
    private static final int STEPS = 20;

    /** A current set per presentation (not replayable), as {@code SnnClassifier}'s image current. */
    static final class SetCurrent implements CurrentSource {
        private final float[] values;

        SetCurrent(int size) {
            values = new float[size];
        }

        void set(float level) {
            for (int i = 0; i < values.length; i++) {
                values[i] = level * (1 + i % 3);
            }
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public void current(int step, float[] out) {
            System.arraycopy(values, 0, out, 0, values.length);
        }
    }

    private static BiasedIf biased(CurrentSource c) {
        return new BiasedIf(PerfectIfParameters.of(1f), c, true);
    }

    /** Layers whose output carries the current: the factory gets the current (of 32 neurons). */
    private static final List<Function<CurrentSource, Layer>> DRIVEN = List.of(
            c -> Conv2dLayer.builder("conv", IN, 2, 1, 1).weights(WeightInit.constant(0.5f)).neurons(biased(c)).build(),
            c -> DenseLayer.builder("dense", IN, 32).weights(WeightInit.constant(0.1f)).neurons(biased(c)).build(),
            c -> SparseLayer.fromCsr("sparse", IN, Shape.flat(32), new int[17], new int[0], new float[0], biased(c)),
            c -> SparseLayer.random("sparseCurrent", IN, Shape.flat(32), 0.3, 0.5f,
                    new Lif(LifParameters.defaults().withTauMs(10f).withVThreshold(1f)), new SplittableRandom(2))
                    .withCurrent(c));

    private static Network network(Layer first) {
        DenseLayer out = DenseLayer.builder("out", first.outputShape(), 3).weights(WeightInit.uniform(0f, 1f, 3))
                .neurons(PerfectIf.latencyCoded(2f)).build();
        return Network.builder(IN, 1f).add(first).add(out).build();
    }

    /**
     * Presents one source four times with the current at 0.1, 0.3, 0.1, 0.3 (set before each), on the engine and
     * on a reference without fast paths; every presentation must give the same spikes per layer. Returns the
     * engine's cache counts.
     */
    private static long[] fourPresentations(Function<CurrentSource, Layer> make, SetCurrent current,
                                            CurrentSource used) {
        Network net = network(make.apply(used));
        Simulation sim = net.newSimulation(1);
        Simulation ref = net.newSimulation(1).fastPaths(false);
        EventSource src = TestSources.poisson(IN.size(), STEPS, 0.2, new SplittableRandom(4));
        long[] first = null;
        float[] levels = {0.1f, 0.3f, 0.1f, 0.3f};
        for (int k = 0; k < levels.length; k++) {
            current.set(levels[k]);
            PresentationResult a = sim.present(src);
            PresentationResult b = ref.present(src);
            assertThat(a.outputSpikes()).as("%s, presentation %d", net.layer(0).name(), k)
                    .containsExactly(b.outputSpikes());
            if (k == 0) {
                first = a.outputSpikes().clone();
            } else if (k == 1 && used == current) {
                assertThat(a.outputSpikes()[0]).as("%s: the higher current changes the layer's output",
                        net.layer(0).name()).isNotEqualTo(first[0]);
            }
        }
        return sim.frozenOutputCacheCounts();
    }

    @Test
    void aLayerWithACurrentSetPerPresentationIsNeverReplayed() {
        for (Function<CurrentSource, Layer> make : DRIVEN) {
            SetCurrent c = new SetCurrent(32);
            long[] counts = fourPresentations(make, c, c);
            assertThat(counts).as(Arrays.toString(counts)).containsExactly(0L, 0L);
        }
    }

    @Test
    void theSameLayersWithAReplayableCurrentAreCached() {
        for (Function<CurrentSource, Layer> make : DRIVEN) {
            SetCurrent unused = new SetCurrent(32);
            float[] fixed = new float[32];
            Arrays.fill(fixed, 0.2f);
            long[] counts = fourPresentations(make, unused, CurrentSource.constant(fixed));
            assertThat(counts).as("hits, misses").containsExactly(3L, 1L);
        }
    }
}
