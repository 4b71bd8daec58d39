package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * The frozen-layer output cache's bookkeeping when an entry goes stale or the limit changes, the state a
 * recorded prefix is left in (brought up to the last step, as without the cache), and a rest before
 * presentations of layers the engine cannot rest (no neurons; a fused fire-once convolution) or whose buffers
 * must still be cleared. Written after the session 7 whole-core PIT run (issue 17).
 */
class FrozenCacheEdgesTest {
    static final LifParameters LIF = LifParameters.defaults().withVThreshold(3f);

    /** in(4) - a - b - c, Lif (lazy, closed form): a and b form the frozen prefix. */
    static Network lifChain() {
        DenseLayer a = DenseLayer.builder("a", Shape.flat(4), 5).weights(WeightInit.uniform(0.1f, 1.5f, 1))
                .neurons(new Lif(LIF)).build();
        DenseLayer b = DenseLayer.builder("b", a.outputShape(), 4).weights(WeightInit.uniform(0.2f, 1f, 2))
                .neurons(new Lif(LIF)).build();
        DenseLayer c = DenseLayer.builder("c", b.outputShape(), 2).weights(WeightInit.uniform(0.5f, 2f, 3))
                .neurons(new Lif(LIF)).build();
        return Network.builder(Shape.flat(4), 1f).add(a).add(b).add(c).build();
    }

    /** Input at steps 0..2 of 12: the potentials then decay for 9 steps. */
    static EventSource early() {
        return EventSource.of(12, 4, new int[] {0, 0, 1, 1, 1, 2, 2}, new int[] {0, 3, 1, 2, 3, 0, 2});
    }

    static float[] v(Simulation s, String layer) {
        return s.state(layer).neurons().get(Lif.V).clone();
    }

    @Test
    void aRecordedPrefixIsBroughtUpToTheLastStepAsWithoutTheCache() {
        Network net = lifChain();
        Simulation cached = net.newSimulation(1);
        Simulation plain = net.newSimulation(1).frozenOutputCache(0);
        cached.present(early());
        plain.present(early());
        assertThat(cached.frozenOutputCacheCounts()).containsExactly(0L, 1L);
        assertThat(v(plain, "a")).as("decayed, not all zero").isNotEqualTo(new float[5]);
        assertThat(v(plain, "b")).as("decayed, not all zero").isNotEqualTo(new float[4]);
        for (String layer : new String[] {"a", "b", "c"}) {
            assertThat(v(cached, layer)).as(layer).containsExactly(v(plain, layer));
        }
    }

    @Test
    void aStaleEntryIsReplacedAndItsBytesWithIt() {
        Network net = lifChain();
        Simulation sim = net.newSimulation(1);
        EventSource s = early();
        sim.present(s);
        long bytes = sim.frozenOutputCacheBytes();
        assertThat(bytes).isPositive();
        ((DenseLayer) net.layer(0)).weightsChanged();
        sim.present(s);
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(0L, 2L);
        assertThat(sim.frozenOutputCacheBytes()).as("the stale entry's bytes are gone").isEqualTo(bytes);
        sim.present(s);
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(1L, 2L);
    }

    @Test
    void aLimitOfExactlyTheBytesHeldKeepsTheEntryAndALowerOneEvictsIt() {
        Simulation sim = lifChain().newSimulation(1);
        EventSource s = early();
        sim.present(s);
        long bytes = sim.frozenOutputCacheBytes();
        sim.frozenOutputCache(bytes);
        assertThat(sim.frozenOutputCacheBytes()).isEqualTo(bytes);
        sim.present(s);
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(1L, 1L);
        sim.frozenOutputCache(bytes - 1);
        assertThat(sim.frozenOutputCacheBytes()).isZero();
        sim.present(s);
        assertThat(sim.frozenOutputCacheCounts()).as("evicted: recorded again").containsExactly(1L, 2L);
        assertThat(sim.frozenOutputCacheBytes()).as("too large to keep").isZero();
    }

    @Test
    void aRestBeforeALayerWithoutNeuronsOrAFusedConvolutionStartsThemFresh() {
        Shape in = new Shape(1, 6, 6);
        PoolingLayer pool = new PoolingLayer("pool", in, 2, 2, 0);
        Conv2dLayer conv = Conv2dLayer.builder("conv", pool.outputShape(), 2, 2, 2).weights(WeightInit.constant(0.5f))
                .neurons(new PerfectIf(PerfectIfParameters.latencyCoded(0.7f))).build();
        assertThat(conv.newState().fused()).isTrue();
        Network net = Network.builder(in, 1f).add(pool).add(conv).build();
        EventSource src = EventSource.of(4, 36, new int[] {0, 1, 1, 2, 3}, new int[] {0, 7, 14, 21, 35});
        Simulation sim = net.newSimulation(1);
        long[] first = sim.present(src).outputSpikes();
        assertThat(first[1]).isPositive();
        for (float ms : new float[] {0f, 3f}) {
            sim.rest(ms);
            assertThat(sim.present(src).outputSpikes()).as("rest %s", ms).containsExactly(first);
        }
    }

    @Test
    void aRestedDenseLayerFiresOnceAgainInTheNextPresentation() {
        DenseLayer d = DenseLayer.builder("d", Shape.flat(2), 3).weights(WeightInit.constant(0.6f))
                .neurons(new PerfectIf(PerfectIfParameters.latencyCoded(1f))).build();
        Simulation sim = Network.builder(Shape.flat(2), 1f).add(d).build().newSimulation(1);
        EventSource src = EventSource.of(3, 2, new int[] {0, 1, 2}, new int[] {0, 1, 0});
        assertThat(sim.present(src).outputSpikes(0)).isEqualTo(3);
        sim.rest(0f);
        assertThat(sim.present(src).outputSpikes(0)).isEqualTo(3);
    }

    /** Input at random steps of 12, about 30 % of (step, input) pairs. */
    static EventSource random(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] t = new int[48];
        int[] n = new int[48];
        int c = 0;
        for (int step = 0; step < 12; step++) {
            for (int i = 0; i < 4; i++) {
                if (r.nextDouble() < 0.3) {
                    t[c] = step;
                    n[c++] = i;
                }
            }
        }
        return EventSource.of(12, 4, java.util.Arrays.copyOf(t, c), java.util.Arrays.copyOf(n, c));
    }

    @Test
    void manySourcesEachGetTheirOwnEntry() {
        Network net = lifChain();
        Simulation cached = net.newSimulation(1);
        Simulation plain = net.newSimulation(1).frozenOutputCache(0);
        EventSource[] src = new EventSource[40];
        for (int k = 0; k < src.length; k++) {
            src[k] = random(k);
        }
        for (int round = 0; round < 2; round++) {
            for (EventSource s : src) {
                assertThat(cached.present(s).outputSpikes()).containsExactly(plain.present(s).outputSpikes());
                assertThat(v(cached, "c")).containsExactly(v(plain, "c"));
            }
        }
        assertThat(cached.frozenOutputCacheCounts()).containsExactly(40L, 40L);
    }
}
