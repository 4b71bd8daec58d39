package org.snn4j.examples.gradient;

import java.io.IOException;
import java.nio.file.Path;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.Tensor;

/**
 * N-MNIST recordings binned into steps and kept as per-step spike lists (a few KB per recording), presented to
 * the gradient trainer as binary input tensors of {@code 2 x 34 x 34} per step.
 */
public final class NmnistSamples implements Samples {
    private final int[][] offsets;
    private final int[][] inputs;
    private final int[] labels;
    private final long spikes;

    private NmnistSamples(int[][] offsets, int[][] inputs, int[] labels, long spikes) {
        this.offsets = offsets;
        this.inputs = inputs;
        this.labels = labels;
        this.spikes = spikes;
    }

    /**
     * Reads and bins the first {@code limit} recordings of a split (all with {@code limit <= 0}).
     *
     * @param dir     the data set folder (full distribution or label-list layout)
     * @param split   training or test
     * @param binning steps and step length
     * @param limit   at most this many recordings (in the data set's order), or all
     * @return the samples
     * @throws IOException if a file cannot be read or is faulty
     */
    public static NmnistSamples load(Path dir, NmnistDataset.Split split, NmnistDataset.Binning binning, int limit)
            throws IOException {
        NmnistDataset ds = NmnistDataset.load(dir, split);
        int n = limit <= 0 ? ds.size() : Math.min(limit, ds.size());
        BinnedEvents[] binned = new BinnedEvents[n];
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            binned[i] = ds.binned(i, binning);
            lab[i] = ds.label(i);
        }
        return of(binned, lab);
    }

    /**
     * Bins recordings of a 34 x 34 sensor (e.g. from encoding's {@code NmnistEmulator}).
     *
     * @param recordings the recordings; not modified
     * @param labels     their classes; not modified
     * @param binning    steps and step length
     * @return the samples
     */
    public static NmnistSamples of(Events[] recordings, int[] labels, NmnistDataset.Binning binning) {
        if (recordings.length != labels.length) {
            throw new IllegalArgumentException(recordings.length + " recordings but " + labels.length + " labels");
        }
        BinnedEvents[] binned = new BinnedEvents[recordings.length];
        for (int i = 0; i < binned.length; i++) {
            binned[i] = NmnistDataset.bin(recordings[i], binning);
        }
        return of(binned, labels.clone());
    }

    private static NmnistSamples of(BinnedEvents[] binned, int[] lab) {
        int n = binned.length;
        int[][] off = new int[n][];
        int[][] in = new int[n][];
        long total = 0;
        for (int i = 0; i < n; i++) {
            BinnedEvents b = binned[i];
            int steps = b.steps();
            off[i] = new int[steps + 1];
            in[i] = new int[b.spikeCount()];
            for (int t = 0; t < steps; t++) {
                off[i][t] = b.start(t);
            }
            off[i][steps] = b.spikeCount();
            for (int k = 0; k < in[i].length; k++) {
                in[i][k] = b.input(k);
            }
            total += in[i].length;
        }
        return new NmnistSamples(off, in, lab, total);
    }

    /** Mean number of input spikes (distinct pixel-polarity-step triples) per sample. */
    public double meanSpikes() {
        return labels.length == 0 ? 0 : (double) spikes / labels.length;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public void load(int i, Tensor into) {
        into.setSpikes(offsets[i], inputs[i]);
    }
}
