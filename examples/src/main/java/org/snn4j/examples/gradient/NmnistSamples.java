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

    /**
     * Writes the samples in this class's cache format: magic {@code SNNS}, version 1, sample count, then per sample
     * its label, step count, spike count, step offsets and spike indices (big-endian ints), and a CRC-32 of
     * everything before it.
     *
     * @param out the stream (not closed)
     * @throws IOException if writing fails
     */
    public void writeTo(java.io.OutputStream out) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        java.io.DataOutputStream d = new java.io.DataOutputStream(new java.util.zip.CheckedOutputStream(
                new java.io.BufferedOutputStream(out, 1 << 16), crc));
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeInt(labels.length);
        for (int i = 0; i < labels.length; i++) {
            d.writeInt(labels[i]);
            d.writeInt(offsets[i].length - 1);
            d.writeInt(inputs[i].length);
            for (int v : offsets[i]) {
                d.writeInt(v);
            }
            for (int v : inputs[i]) {
                d.writeInt(v);
            }
        }
        d.flush();
        new java.io.DataOutputStream(out).writeLong(crc.getValue());
        out.flush();
    }

    /**
     * Reads samples written by {@link #writeTo}, checking every count, offset and index, and the checksum.
     *
     * @param bytes        the file's bytes; not modified
     * @param steps        the expected steps per sample
     * @param inputs       the expected input size (indices must be below it)
     * @param source       names the data in errors
     * @return the samples
     * @throws IOException if the data is truncated, inconsistent or its checksum does not match (the message names
     *                     the byte offset where it could)
     */
    public static NmnistSamples read(byte[] bytes, int steps, int inputs, String source) throws IOException {
        if (bytes.length < 20) {
            throw new IOException(source + ": " + bytes.length + " bytes, too short for a sample cache");
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        if (b.getLong(bytes.length - 8) != crc.getValue()) {
            throw new IOException(source + ": checksum mismatch (stored at byte " + (bytes.length - 8) + ")");
        }
        b.limit(bytes.length - 8);
        if (b.getInt() != MAGIC || b.getInt() != VERSION) {
            throw new IOException(source + ": not a version-" + VERSION + " sample cache (byte 0)");
        }
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 12) {
            throw new IOException(source + ": sample count " + n + " at byte 8 does not fit the file");
        }
        int[][] off = new int[n][];
        int[][] in = new int[n][];
        int[] lab = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            int at = b.position();
            lab[i] = b.getInt();
            int st = b.getInt();
            int count = b.getInt();
            if (lab[i] < 0 || lab[i] > 9 || st != steps || count < 0
                    || (long) (st + 1 + count) * 4 > b.remaining()) {
                throw new IOException(source + ": sample " + i + " at byte " + at + ": label " + lab[i] + ", "
                        + st + " steps (expected " + steps + "), " + count + " spikes do not fit");
            }
            off[i] = new int[st + 1];
            for (int t = 0; t <= st; t++) {
                off[i][t] = b.getInt();
                if (off[i][t] < (t == 0 ? 0 : off[i][t - 1]) || off[i][t] > count || (t == st && off[i][t] != count)) {
                    throw new IOException(source + ": sample " + i + ": step offset " + t + " = " + off[i][t]
                            + " out of order or range (byte " + (b.position() - 4) + ")");
                }
            }
            in[i] = new int[count];
            for (int k = 0; k < count; k++) {
                int v = b.getInt();
                if (v < 0 || v >= inputs) {
                    throw new IOException(source + ": sample " + i + ": input index " + v + " not in [0, " + inputs
                            + ") (byte " + (b.position() - 4) + ")");
                }
                in[i][k] = v;
            }
            total += count;
        }
        if (b.hasRemaining()) {
            throw new IOException(source + ": " + b.remaining() + " bytes after the last sample (byte "
                    + b.position() + ")");
        }
        return new NmnistSamples(off, in, lab, total);
    }

    /**
     * The first {@code n} samples (sharing this instance's arrays, which are never modified).
     *
     * @param n how many, in {@code [0, size()]}
     * @return the samples
     */
    public NmnistSamples first(int n) {
        if (n < 0 || n > labels.length) {
            throw new IllegalArgumentException("n must be in [0, " + labels.length + "], got " + n);
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += inputs[i].length;
        }
        return new NmnistSamples(java.util.Arrays.copyOf(offsets, n), java.util.Arrays.copyOf(inputs, n),
                java.util.Arrays.copyOf(labels, n), total);
    }

    private static final int MAGIC = 0x534e4e53;
    private static final int VERSION = 1;

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
