package org.snn4j.spark;

import java.io.IOException;
import org.apache.spark.sql.Row;
import org.snn4j.Spikes;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.MozafariEncoder;
import org.snn4j.examples.papers.MozafariModelFiles;
import org.snn4j.examples.papers.MozafariNetwork;
import org.snn4j.examples.papers.StepEvents;

/**
 * The flagship's saved model ({@code mozafari2019 --save FILE}: Mozafari et al. 2019, a network file of its
 * composition or an older flat model file, read by {@link MozafariModelFiles#fromBytes}) as a
 * {@link Scoring.Model} for rows of MNIST digits ({@link MnistRows}: a {@code pixels} column of 784 bytes, 28 x 28,
 * row-major). Each row is encoded as the example encodes it (DoG, local normalisation, 15-step rank-order code,
 * {@link MozafariEncoder#mozafari2019()}), run through conv1 and conv2 to the pool2 map and decided by conv3 (the
 * first neuron to fire), exactly the example's final inference. The scores: the decided class (-1 when silent);
 * {@code outputSpikes} one-hot over the classes (the decision layer fires once, its first spike decides);
 * {@code synapticEvents} the weight additions of conv1 and conv2 (conv3's decision pass is not counted by the
 * network).
 */
public record MozafariModel() implements Scoring.Model {

    @Override
    public Scoring.Scorer open(byte[] modelFile) throws IOException {
        MozafariNetwork net = MozafariModelFiles.fromBytes(modelFile);
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        MozafariNetwork.Work ws = net.newWork();
        Spikes scratch = new Spikes(enc.outputShape().size());
        boolean[] map = new boolean[net.pool2Size()];
        int classes = net.config().classes();
        return row -> {
            byte[] pixels = row.getAs("pixels");
            if (pixels == null || pixels.length != 28 * 28) {
                throw new IllegalArgumentException("row " + row.getAs("index") + ": pixels must hold 784 bytes, got "
                        + (pixels == null ? "null" : pixels.length));
            }
            StepEvents ev = StepEvents.of(enc.encode(FloatImage.fromUnsignedBytes(28, 28, pixels)), scratch);
            long adds = net.pool2Map(ev, ws, map);
            int c = net.classify(map, ws);
            int[] counts = new int[classes];
            if (c >= 0) {
                counts[c] = 1;
            }
            return new Scoring.Score(c, counts, adds);
        };
    }

    /**
     * The same inference in this JVM (the reference of the distributed run): the class of one digit, or -1.
     *
     * @param net     the network (read-only; shared by threads)
     * @param enc     the encoder (shared)
     * @param ws      this thread's work area; modified
     * @param scratch this thread's spike buffer; modified
     * @param map     this thread's pool2 map; modified
     * @param pixels  digits, 784 bytes each; not modified
     * @param offset  the digit's first byte
     */
    public static int classify(MozafariNetwork net, MozafariEncoder enc, MozafariNetwork.Work ws, Spikes scratch,
                        boolean[] map, byte[] pixels, int offset) {
        StepEvents ev = StepEvents.of(enc.encode(FloatImage.fromUnsignedBytes(28, 28, pixels, offset)), scratch);
        net.pool2Map(ev, ws, map);
        return net.classify(map, ws);
    }
}
