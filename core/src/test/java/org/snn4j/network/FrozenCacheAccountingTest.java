package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * The frozen-layer output cache on a prefix that does not start at layer 0 ({@code from("b")}: the prefix is
 * layers 1..2, so every {@code i - first} index matters), with a stop condition that ends the presentation at a
 * middle step (so the cached cumulative counts are read at that step, not the last), exact byte accounting, the
 * byte limit at its boundary, least-recently-used eviction and {@link Simulation#clearFrozenOutputCache()}.
 * Written after the 70c04d2 whole-module PIT run (issue 17): targets {@code Simulation.cachedOutput} and
 * {@code present}'s use of the cached counts.
 */
class FrozenCacheAccountingTest {
    private static final int STEPS = 12;
    private static final Presentation FROM_B = Presentation.inference().from("b");
    private static final Presentation STOP_MID = FROM_B.stopWhen(StopCondition.afterSpikes("d", 4));

    private static Network network() {
        Shape in = Shape.flat(12);
        DenseLayer a = DenseLayer.builder("a", in, 10).weights(WeightInit.uniform(0f, 0.5f, 1))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
        DenseLayer b = DenseLayer.builder("b", a.outputShape(), 8).weights(WeightInit.uniform(0f, 0.7f, 2))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
        DenseLayer c = DenseLayer.builder("c", b.outputShape(), 6).weights(WeightInit.uniform(0f, 0.8f, 3))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
        DenseLayer d = DenseLayer.builder("d", c.outputShape(), 3).weights(WeightInit.uniform(0f, 0.6f, 4))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
        return Network.builder(in, 1f).add(a).add(b).add(c).add(d).build();
    }

    /** Sources for layer b's input (10 neurons): each neuron spikes at several random steps. */
    private static EventSource[] sources(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        EventSource[] out = new EventSource[count];
        for (int k = 0; k < count; k++) {
            int[] steps = new int[60];
            int[] idx = new int[60];
            int n = 0;
            for (int t = 0; t < STEPS; t++) {
                for (int i = 0; i < 10; i++) {
                    if (r.nextDouble() < 0.35) {
                        steps[n] = t;
                        idx[n++] = i;
                    }
                }
            }
            out[k] = EventSource.of(STEPS, 10, Arrays.copyOf(steps, n), Arrays.copyOf(idx, n));
        }
        return out;
    }

    /** The entry size the cache states for a prefix of {@code layers} layers whose last emits {@code count}. */
    private static long entryBytes(long count, int layers) {
        return 64L + 4L * (count + STEPS + 1) + 8L * layers * (STEPS + 1) + 8L * layers;
    }

    /** Spikes of layer c over the whole source, without the cache. */
    private static long layerCSpikes(EventSource s) {
        return network().newSimulation(1).frozenOutputCache(0).present(s, FROM_B).outputSpikes(2);
    }

    @Test
    void stoppedMidwayTheCachedCountsAreThoseOfTheStopStep() {
        EventSource[] src = sources(4, 5);
        Simulation cached = network().newSimulation(1);
        Simulation plain = network().newSimulation(1).frozenOutputCache(0);
        Simulation two = network().newSimulation(2);
        boolean early = false;
        for (int round = 0; round < 2; round++) {
            for (EventSource s : src) {
                PresentationResult r = cached.present(s, STOP_MID);
                PresentationResult q = plain.present(s, STOP_MID);
                PresentationResult w = two.present(s, STOP_MID);
                assertThat(r.steps()).isEqualTo(q.steps()).isEqualTo(w.steps());
                assertThat(r.outputSpikes()).containsExactly(q.outputSpikes());
                assertThat(w.outputSpikes()).containsExactly(q.outputSpikes());
                assertThat(r.outputSpikes(0)).isZero(); // layer a is not run
                early |= r.stoppedEarly() && r.steps() > 1;
            }
        }
        assertThat(early).as("some presentation stops at a middle step").isTrue();
        assertThat(cached.frozenOutputCacheCounts()).containsExactly(4L, 4L);
        assertThat(plain.frozenOutputCacheCounts()).containsExactly(0L, 0L);
    }

    @Test
    void bytesAreCountedExactlyAndTheLimitIsInclusive() {
        EventSource[] src = sources(3, 7);
        long[] bytes = new long[3];
        for (int k = 0; k < 3; k++) {
            bytes[k] = entryBytes(layerCSpikes(src[k]), 2);
        }
        Simulation sim = network().newSimulation(1);
        sim.present(src[0], STOP_MID);
        assertThat(sim.frozenOutputCacheBytes()).isEqualTo(bytes[0]);
        sim.present(src[1], STOP_MID);
        assertThat(sim.frozenOutputCacheBytes()).isEqualTo(bytes[0] + bytes[1]);

        // a limit of exactly one entry's size keeps that entry
        Simulation one = network().newSimulation(1).frozenOutputCache(bytes[0]);
        one.present(src[0], STOP_MID);
        assertThat(one.frozenOutputCacheBytes()).isEqualTo(bytes[0]);
        one.present(src[0], STOP_MID);
        assertThat(one.frozenOutputCacheCounts()).containsExactly(1L, 1L);
        // one byte less: nothing is stored, every presentation records again
        Simulation less = network().newSimulation(1).frozenOutputCache(bytes[0] - 1);
        less.present(src[0], STOP_MID);
        less.present(src[0], STOP_MID);
        assertThat(less.frozenOutputCacheBytes()).isZero();
        assertThat(less.frozenOutputCacheCounts()).containsExactly(0L, 2L);
    }

    @Test
    void theLeastRecentlyUsedEntryIsEvictedAtTheLimit() {
        EventSource[] src = sources(3, 9);
        long b0 = entryBytes(layerCSpikes(src[0]), 2);
        long b1 = entryBytes(layerCSpikes(src[1]), 2);
        long b2 = entryBytes(layerCSpikes(src[2]), 2);
        // room for entries 1 and 2 together (whatever their order), not for all three
        long limit = Math.max(b1 + b2, Math.max(b0 + b2, b0 + b1));
        assertThat(b0 + b1 + b2).isGreaterThan(limit);
        Simulation sim = network().newSimulation(1).frozenOutputCache(limit);
        sim.present(src[0], STOP_MID);
        sim.present(src[1], STOP_MID);
        sim.present(src[0], STOP_MID); // hit: entry 0 is now the most recently used
        assertThat(sim.frozenOutputCacheBytes()).isEqualTo(b0 + b1);
        sim.present(src[2], STOP_MID); // evicts entry 1, the least recently used
        assertThat(sim.frozenOutputCacheBytes()).isEqualTo(b0 + b2);
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(1L, 3L);
        sim.present(src[0], STOP_MID);
        sim.present(src[2], STOP_MID);
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(3L, 3L);
        sim.present(src[1], STOP_MID);
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(3L, 4L);
    }

    @Test
    void clearingEmptiesTheCacheAndTheNextPresentationRecordsAgain() {
        EventSource s = sources(1, 11)[0];
        Simulation sim = network().newSimulation(1);
        sim.present(s, STOP_MID);
        assertThat(sim.frozenOutputCacheBytes()).isPositive();
        sim.clearFrozenOutputCache();
        assertThat(sim.frozenOutputCacheBytes()).isZero();
        sim.present(s, STOP_MID);
        assertThat(sim.frozenOutputCacheCounts()).containsExactly(0L, 2L);
        assertThat(sim.frozenOutputCacheBytes()).isEqualTo(entryBytes(layerCSpikes(s), 2));
    }
}
