package org.snn4j.encoding;

import org.snn4j.internal.Checks;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;

/**
 * Rank-order (intensity-to-latency) code: the most intense inputs fire first, every input fires at most
 * once, and only inputs {@code > 0} fire (zero and negative inputs are silent; NaN is rejected).
 *
 * <h2>Binning</h2>
 * <ul>
 *   <li>{@link BinMode#EQUAL_COUNT} ({@link #equalCount(int)}, SpykeTorch's {@code Intensity2Latency}
 *       scheme, Mozafari et al. 2019 with {@code T = 15}): the {@code n} positive inputs are sorted by
 *       descending intensity, ties by ascending index (a stable order), and the input of rank
 *       {@code k = 0..n-1} fires at step
 *       <pre>step(k) = floor(k * T / n)</pre>
 *       So when {@code n} is a multiple of {@code T} every bin holds exactly {@code n / T} inputs, the same
 *       bins as SpykeTorch. When it is not, bins hold {@code floor(n/T)} or {@code ceil(n/T)} inputs, the
 *       {@code n mod T} larger bins spread evenly over the window (SpykeTorch instead drops the last
 *       {@code n mod T} inputs). When {@code n < T} each input gets its own step, spread over the window
 *       ({@code floor(k T / n)}; SpykeTorch divides by zero there). All-zero input: no spikes.</li>
 *   <li>{@link BinMode#INTENSITY_LEVELS} ({@link #intensityLevels(int, float)}): the value range
 *       {@code (0, maxValue]} is cut into {@code L} equal levels, {@code level = min(L - 1, floor(v L /
 *       maxValue))}, and level {@code L-1} (the brightest) fires at step 0, level 0 at step {@code L-1}.
 *       With {@code L = 256, maxValue = 255} a byte pixel {@code p > 0} fires at step {@code 255 - p} (the
 *       scheme of the JavaScript demo that feeds 256 intensity bins in descending order).</li>
 * </ul>
 * {@link #keepFirst(int)} keeps only the first {@code K} steps (the inputs of later bins never fire).
 *
 * <h2>Cumulative spike waves</h2>
 * SpykeTorch's {@code Intensity2Latency} returns a <em>cumulative</em> spike wave: once an input has fired
 * it stays 1 in every later step, and each layer recomputes its potentials from the whole wave. snn4j is
 * event-driven: each input fires once, at its bin's step, and the layer's potentials accumulate over
 * steps. For non-leaky integrate-and-fire layers the potential at step {@code t} is the same sum of weights
 * of every input fired at or before {@code t}, so the two are equivalent (up to float summation order).
 *
 * <p>Within a step, events are listed in rank order (EQUAL_COUNT) or by ascending index
 * (INTENSITY_LEVELS); a layer must not depend on that order. Immutable and thread-safe.
 *
 * @param mode     how bins are formed
 * @param bins     number of bins {@code T} (or levels {@code L}), {@code >= 1}
 * @param maxValue for INTENSITY_LEVELS the intensity of the top level, {@code > 0} and finite; ignored
 *                 (0) for EQUAL_COUNT
 * @param keepBins steps emitted, {@code 1 <= keepBins <= bins}
 */
public record RankOrder(BinMode mode, int bins, float maxValue, int keepBins) {

    /** How inputs are assigned to time bins. */
    public enum BinMode {
        /** Bins of (nearly) equal count of the positive inputs, by rank. */
        EQUAL_COUNT,
        /** Bins by intensity value, brightest level first. */
        INTENSITY_LEVELS
    }

    /** Checks every parameter. */
    public RankOrder {
        Objects.requireNonNull(mode, "mode");
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (mode == BinMode.INTENSITY_LEVELS && (!(maxValue > 0) || !Float.isFinite(maxValue))) {
            throw new IllegalArgumentException("maxValue must be > 0 and finite, got " + maxValue);
        }
        if (keepBins < 1 || keepBins > bins) {
            throw new IllegalArgumentException("keepBins must be in [1, " + bins + "], got " + keepBins);
        }
    }

    /** SpykeTorch-style equal-count bins over {@code bins} steps (15 for Mozafari 2019). */
    public static RankOrder equalCount(int bins) {
        return new RankOrder(BinMode.EQUAL_COUNT, bins, 0f, bins);
    }

    /** Intensity-level bins: {@code levels} steps over {@code (0, maxValue]}, brightest first. */
    public static RankOrder intensityLevels(int levels, float maxValue) {
        return new RankOrder(BinMode.INTENSITY_LEVELS, levels, maxValue, levels);
    }

    /** The same code emitting only the first {@code k} steps. */
    public RankOrder keepFirst(int k) {
        return new RankOrder(mode, bins, maxValue, k);
    }

    /** The number of steps of the produced sources ({@link #keepBins()}). */
    public int steps() {
        return keepBins;
    }

    /**
     * The step at which each input fires.
     *
     * @param values intensities; not modified
     * @return a new array, {@code step[i]} in {@code [0, steps())} or {@code -1} if input {@code i} never
     *         fires
     * @throws IllegalArgumentException naming the first NaN value
     */
    public int[] latencies(float[] values) {
        Objects.requireNonNull(values, "values");
        int[] out = new int[values.length];
        Arrays.fill(out, -1);
        EventSource src = encode(values);
        org.snn4j.Spikes s = new org.snn4j.Spikes(values.length);
        for (int t = 0; t < src.steps(); t++) {
            s.clear();
            src.emit(t, s);
            for (int k = 0; k < s.count(); k++) {
                out[s.get(k)] = t;
            }
        }
        return out;
    }

    /**
     * Encodes a vector of intensities (e.g. {@link FeatureMaps#data()} in CHW order).
     *
     * @param values intensities, one per neuron; not modified
     * @return a source of {@link #steps()} steps and {@code values.length} neurons
     * @throws IllegalArgumentException naming the first NaN value
     */
    public EventSource encode(float[] values) {
        Objects.requireNonNull(values, "values");
        return mode == BinMode.EQUAL_COUNT ? encodeEqualCount(values) : encodeLevels(values);
    }

    /** Encodes feature maps, neuron {@code i} = {@code maps.data()[i]} (CHW order). */
    public EventSource encode(FeatureMaps maps) {
        Objects.requireNonNull(maps, "maps");
        return encode(maps.data());
    }

    /** An {@link Encoder} of feature maps of exactly {@code shape}. */
    public Encoder<FeatureMaps> encoder(Shape shape) {
        Objects.requireNonNull(shape, "shape");
        RankOrder code = this;
        return new Encoder<>() {
            @Override
            public Shape outputShape() {
                return shape;
            }

            @Override
            public SpikeSource encode(FeatureMaps input, RandomGenerator rng) {
                if (!input.shape().equals(shape)) {
                    throw new IllegalArgumentException("encoder expects " + shape + " maps, got " + input.shape());
                }
                return code.encode(input.data());
            }
        };
    }

    private EventSource encodeEqualCount(float[] v) {
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (x > 0f) {
                n++;
            } else if (x != x) {
                throw new IllegalArgumentException("values[" + i + "] must not be NaN");
            }
        }
        int[] offsets = new int[Checks.arraySizeSum("keepBins + 1", keepBins, 1)];
        if (n == 0) {
            return EventSource.ofBuckets(v.length, offsets, new int[0]);
        }
        int[] order = rankPositive(v, n);
        // rank k fires at floor(k T / n); ranks with step < keepBins are k < ceil(keepBins n / T)
        long t = bins;
        int kept = (int) Math.min(n, ((long) keepBins * n + t - 1) / t);
        int[] neurons = new int[kept];
        for (int k = 0; k < kept; k++) {
            neurons[k] = order[k];
            offsets[(int) ((k * t) / n) + 1]++;
        }
        for (int s = 0; s < keepBins; s++) {
            offsets[s + 1] += offsets[s];
        }
        return EventSource.ofBuckets(v.length, offsets, neurons);
    }

    /**
     * The indices of the {@code n} positive values by descending value, ties by ascending index: a stable
     * LSD radix sort (8-bit digits) on {@code 0x7F800000 - floatBits}, which orders positive floats
     * (and +infinity) in reverse; inputs are entered in index order, so stability gives the tie rule.
     */
    private static int[] rankPositive(float[] v, int n) {
        int[] key = new int[n];
        int[] idx = new int[n];
        int m = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (x > 0f) {
                int kk = 0x7F800000 - Float.floatToRawIntBits(x);
                key[m] = kk;
                idx[m++] = i;
                min = Math.min(min, kk);
                max = Math.max(max, kk);
            }
        }
        int range = max - min;
        if (range == 0) {
            return idx;
        }
        for (int i = 0; i < n; i++) {
            key[i] -= min;
        }
        int[] key2 = new int[n];
        int[] idx2 = new int[n];
        int[] count = new int[257];
        for (int shift = 0; shift < 32 && (range >>> shift) != 0; shift += 8) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[((key[i] >>> shift) & 0xFF) + 1]++;
            }
            for (int b = 0; b < 256; b++) {
                count[b + 1] += count[b];
            }
            for (int i = 0; i < n; i++) {
                int dst = count[(key[i] >>> shift) & 0xFF]++;
                key2[dst] = key[i];
                idx2[dst] = idx[i];
            }
            int[] tk = key;
            key = key2;
            key2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        return idx;
    }

    private EventSource encodeLevels(float[] v) {
        int[] step = new int[v.length];
        int[] offsets = new int[Checks.arraySizeSum("keepBins + 1", keepBins, 1)];
        int count = 0;
        double scale = bins / (double) maxValue;
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (x > 0f) {
                double lv = x * scale;
                int level = lv >= bins ? bins - 1 : (int) lv;
                int s = bins - 1 - level;
                if (s < keepBins) {
                    step[i] = s;
                    offsets[s + 1]++;
                    count++;
                } else {
                    step[i] = -1;
                }
            } else if (x != x) {
                throw new IllegalArgumentException("values[" + i + "] must not be NaN");
            } else {
                step[i] = -1;
            }
        }
        for (int s = 0; s < keepBins; s++) {
            offsets[s + 1] += offsets[s];
        }
        int[] fill = Arrays.copyOf(offsets, keepBins);
        int[] neurons = new int[count];
        for (int i = 0; i < v.length; i++) {
            int s = step[i];
            if (s >= 0) {
                neurons[fill[s]++] = i;
            }
        }
        return EventSource.ofBuckets(v.length, offsets, neurons);
    }
}
