package org.snn4j.spark;

import java.io.IOException;
import org.snn4j.encoding.FloatImage;
import org.snn4j.examples.papers.Mozafari2019Composed;
import org.snn4j.examples.papers.MozafariModelFiles;
import org.snn4j.network.Simulation;

/**
 * The flagship's saved model ({@code mozafari2019 --save FILE}: Mozafari et al. 2019, the network of
 * {@link Mozafari2019Composed}; a network file or an older flat model file, read by
 * {@link MozafariModelFiles#fromBytes}) as a {@link Scoring.Model} for rows of MNIST digits ({@link MnistRows}: a
 * {@code pixels} column of 784 bytes, 28 x 28, row-major). Per partition one network and one inference
 * {@link Simulation}; each row is encoded as the example encodes it (DoG, local normalisation, 15-step rank-order
 * code) and classified by the example's inference ({@link Mozafari2019Composed#classify}: conv1 and conv2 without
 * inhibition, the first conv3 spike decides). The scores: the decided class (-1 when silent); {@code outputSpikes}
 * one-hot over the classes (the decision layer's first spike decides); {@code synapticEvents} the simulation's
 * synaptic events for the row.
 */
public record MozafariModel() implements Scoring.Model {

    @Override
    public Scoring.Scorer open(byte[] modelFile) throws IOException {
        Mozafari2019Composed net = MozafariModelFiles.fromBytes(modelFile);
        Simulation sim = net.newInferenceSimulation();
        int classes = 10;
        return row -> {
            byte[] pixels = row.getAs("pixels");
            if (pixels == null || pixels.length != 28 * 28) {
                throw new IllegalArgumentException("row " + row.getAs("index") + ": pixels must hold 784 bytes, got "
                        + (pixels == null ? "null" : pixels.length));
            }
            long before = sim.totalSynapticEvents();
            int c = classify(net, sim, pixels, 0);
            int[] counts = new int[classes];
            if (c >= 0) {
                counts[c] = 1;
            }
            return new Scoring.Score(c, counts, sim.totalSynapticEvents() - before);
        };
    }

    /**
     * The same inference in this JVM (the reference of the distributed run): the class of one digit, or -1.
     *
     * @param net    the network (read-only; shared by threads)
     * @param sim    this thread's inference simulation ({@link Mozafari2019Composed#newInferenceSimulation()})
     * @param pixels digits, 784 bytes each; not modified
     * @param offset the digit's first byte
     */
    public static int classify(Mozafari2019Composed net, Simulation sim, byte[] pixels, int offset) {
        return net.classify(net.encode(FloatImage.fromUnsignedBytes(28, 28, pixels, offset)), sim);
    }
}
