package org.snn4j.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Spikes;

/** FORMATS-AND-ORACLES section 4 item 4, for both bin modes. */
class RankOrderProperties {

    @Provide
    Arbitrary<float[]> intensities() {
        // few distinct values so that ties are common; zeros and negatives included
        Arbitrary<Float> v = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(-1f)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 6).map(i -> (float) i)),
                net.jqwik.api.Tuple.of(3, Arbitraries.floats().between(1e-6f, 300f).ofScale(7)));
        return v.array(float[].class).ofMinSize(0).ofMaxSize(200);
    }

    @Property(seed = "42", tries = 300)
    void equalCountIsAPermutationOfPositiveInputsOrderedByIntensity(@ForAll("intensities") float[] x,
                                                                    @ForAll @IntRange(min = 1, max = 20) int bins) {
        RankOrder code = RankOrder.equalCount(bins);
        int[] step = code.latencies(x);
        checkPermutationAndOrder(x, step);
        int n = countPositive(x);
        // exact binning: rank k -> floor(k T / n)
        List<Integer> ranked = ranked(x);
        for (int k = 0; k < ranked.size(); k++) {
            assertThat(step[ranked.get(k)]).isEqualTo((int) ((long) k * bins / n));
        }
        // bin sizes are floor(n/T) or ceil(n/T)
        EventSource src = code.encode(x);
        assertThat(src.steps()).isEqualTo(bins);
        for (int t = 0; t < bins; t++) {
            assertThat(src.count(t)).isBetween(n / bins, (n + bins - 1) / bins);
        }
        if (n % bins == 0) {
            // SpykeTorch's bins exactly: rank k in bin k / (n / T)
            for (int k = 0; k < ranked.size(); k++) {
                assertThat(step[ranked.get(k)]).isEqualTo(k / (n / bins));
            }
        }
    }

    @Property(seed = "7", tries = 200)
    void keepFirstKeepsAPrefixOfTheFullCode(@ForAll("intensities") float[] x,
                                            @ForAll @IntRange(min = 1, max = 20) int bins,
                                            @ForAll @IntRange(min = 1, max = 20) int k) {
        Assume.that(k <= bins);
        int[] full = RankOrder.equalCount(bins).latencies(x);
        int[] part = RankOrder.equalCount(bins).keepFirst(k).latencies(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(part[i]).isEqualTo(full[i] < k ? full[i] : -1);
        }
        int[] fullL = RankOrder.intensityLevels(bins, 300f).latencies(x);
        int[] partL = RankOrder.intensityLevels(bins, 300f).keepFirst(k).latencies(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(partL[i]).isEqualTo(fullL[i] < k ? fullL[i] : -1);
        }
    }

    @Property(seed = "11", tries = 300)
    void intensityLevelsIsAPermutationOfPositiveInputsOrderedByIntensity(
            @ForAll("intensities") float[] x, @ForAll @IntRange(min = 1, max = 300) int levels) {
        RankOrder code = RankOrder.intensityLevels(levels, 300f);
        int[] step = code.latencies(x);
        checkPermutationAndOrder(x, step);
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
                int level = Math.min(levels - 1, (int) (x[i] * (double) levels / 300f));
                assertThat(step[i]).isEqualTo(levels - 1 - level);
            }
        }
    }

    @Test
    void bytePixelsWith256LevelsFireAt255MinusValue() {
        float[] x = new float[256];
        for (int p = 0; p < 256; p++) {
            x[p] = p;
        }
        int[] step = RankOrder.intensityLevels(256, 255f).latencies(x);
        assertThat(step[0]).isEqualTo(-1);
        for (int p = 1; p < 256; p++) {
            assertThat(step[p]).isEqualTo(255 - p);
        }
    }

    @Test
    void fewerPositiveInputsThanBinsSpreadOverTheWindow() {
        // SpykeTorch: bin size 3 // 15 = 0 -> error; here ranks 0, 1, 2 fire at 0, 5, 10
        float[] x = {0, 5, 0, 9, 1, 0};
        int[] step = RankOrder.equalCount(15).latencies(x);
        assertThat(step).containsExactly(-1, 5, -1, 0, 10, -1);
    }

    @Test
    void remainderIsSpreadNotDropped() {
        // 17 inputs, 15 bins: SpykeTorch would fire 15 and drop 2; here all 17 fire, two bins hold 2
        float[] x = new float[17];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 - i;
        }
        EventSource src = RankOrder.equalCount(15).encode(x);
        assertThat(src.eventCount()).isEqualTo(17);
        int[] counts = new int[15];
        for (int t = 0; t < 15; t++) {
            counts[t] = src.count(t);
        }
        // floor(k * 15 / 17): k = 0..16
        assertThat(counts).containsExactly(2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void allZeroGivesNoSpikes() {
        EventSource src = RankOrder.equalCount(15).encode(new float[100]);
        assertThat(src.eventCount()).isZero();
        assertThat(src.steps()).isEqualTo(15);
        assertThat(RankOrder.intensityLevels(8, 1f).encode(new float[10]).eventCount()).isZero();
        assertThat(RankOrder.equalCount(3).encode(new float[0]).eventCount()).isZero();
    }

    @Test
    void tiesAreOrderedByIndex() {
        float[] x = {2, 2, 2, 2};
        assertThat(RankOrder.equalCount(4).latencies(x)).containsExactly(0, 1, 2, 3);
        assertThat(RankOrder.equalCount(2).latencies(x)).containsExactly(0, 0, 1, 1);
    }

    @Test
    void nanAndBadParametersAreRejected() {
        assertThatThrownBy(() -> RankOrder.equalCount(3).encode(new float[] {1, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[1]");
        assertThatThrownBy(() -> RankOrder.intensityLevels(3, 1f).encode(new float[] {Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[0]");
        assertThatThrownBy(() -> RankOrder.equalCount(0)).hasMessage("bins must be >= 1, got 0");
        assertThatThrownBy(() -> RankOrder.intensityLevels(4, -2f)).hasMessage("maxValue must be > 0 and finite, got -2.0");
        assertThatThrownBy(() -> RankOrder.equalCount(4).keepFirst(5)).hasMessage("keepBins must be in [1, 4], got 5");
    }

    @Test
    void infinityFiresFirst() {
        assertThat(RankOrder.equalCount(2).latencies(new float[] {1, Float.POSITIVE_INFINITY}))
                .containsExactly(1, 0);
    }

    @Test
    void encoderChecksShape() {
        var enc = RankOrder.equalCount(3).encoder(new org.snn4j.Shape(1, 2, 2));
        assertThatThrownBy(() -> enc.encode(FeatureMaps.zeros(new org.snn4j.Shape(1, 2, 3)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1x2x2").hasMessageContaining("1x2x3");
    }

    private static void checkPermutationAndOrder(float[] x, int[] step) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
                assertThat(step[i]).as("input %d fires", i).isGreaterThanOrEqualTo(0);
            } else {
                assertThat(step[i]).as("input %d silent", i).isEqualTo(-1);
            }
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (x[i] > 0 && x[j] > 0 && (x[i] > x[j] || (x[i] == x[j] && i < j))) {
                    assertThat(step[i]).as("step(%d) <= step(%d)", i, j).isLessThanOrEqualTo(step[j]);
                }
            }
        }
        // each input at most once: latencies() overwrites, so count emitted events instead
    }

    private static int countPositive(float[] x) {
        int n = 0;
        for (float v : x) {
            if (v > 0) {
                n++;
            }
        }
        return n;
    }

    private static List<Integer> ranked(float[] x) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
                idx.add(i);
            }
        }
        idx.sort((a, b) -> x[a] != x[b] ? Float.compare(x[b], x[a]) : Integer.compare(a, b));
        return idx;
    }

    @Property(seed = "3", tries = 100)
    void eachInputIsEmittedAtMostOnce(@ForAll("intensities") float[] x, @ForAll @IntRange(min = 1, max = 20) int bins) {
        for (RankOrder code : new RankOrder[] {RankOrder.equalCount(bins), RankOrder.intensityLevels(bins, 100f)}) {
            EventSource src = code.encode(x);
            int[] seen = new int[x.length];
            Spikes s = new Spikes(x.length);
            int total = 0;
            for (int t = 0; t < src.steps(); t++) {
                s.clear();
                src.emit(t, s);
                assertThat(s.count()).isEqualTo(src.count(t));
                total += s.count();
                for (int k = 0; k < s.count(); k++) {
                    seen[s.get(k)]++;
                }
            }
            assertThat(total).isEqualTo(countPositive(x));
            for (int c : seen) {
                assertThat(c).isLessThanOrEqualTo(1);
            }
        }
    }

    /**
     * SpykeTorch equivalence for non-leaky integrate-and-fire: with n a multiple of T, the potential at step
     * t computed from SpykeTorch's cumulative spike wave (ranks 0 .. (t+1) n/T - 1 are "on", bins cut from
     * the descending stable order) equals the event-driven sum of the weights of the inputs fired at steps
     * 0..t.
     */
    @Property(seed = "21", tries = 200)
    void eventDrivenPotentialsEqualTheCumulativeWave(@ForAll("intensities") float[] x,
                                                     @ForAll @IntRange(min = 1, max = 10) int bins) {
        int n = countPositive(x);
        Assume.that(n > 0 && n % bins == 0);
        java.util.SplittableRandom r = new java.util.SplittableRandom(x.length * 31L + bins);
        double[] w = new double[x.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
        }
        List<Integer> ranked = ranked(x);
        int binSize = n / bins;
        EventSource src = RankOrder.equalCount(bins).encode(x);
        Spikes s = new Spikes(x.length);
        double potential = 0;
        for (int t = 0; t < bins; t++) {
            s.clear();
            src.emit(t, s);
            for (int k = 0; k < s.count(); k++) {
                potential += w[s.get(k)];
            }
            // cumulative wave at step t: the first (t+1) bins of the sorted order
            double wave = 0;
            for (int k = 0; k < (t + 1) * binSize; k++) {
                wave += w[ranked.get(k)];
            }
            assertThat(potential).isCloseTo(wave, org.assertj.core.api.Assertions.within(1e-9));
        }
    }
}
