package org.snn4j.examples.papers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.snn4j.io.ModelData;
import org.snn4j.io.SectionFile;
import org.snn4j.learning.LearningCodecs;
import org.snn4j.network.NetworkFile;

/**
 * The flagship's {@code --save} / {@code --load}: a trained {@link MozafariNetwork} is saved as the library
 * network it is equivalent to ({@link Mozafari2019Composed}'s, same weights in the same layers), in the network file
 * format ({@link NetworkFile}); loading reads that format into the composition (checking its structure, typed
 * {@code MISMATCH} otherwise) and keeps reading the flat model files older versions wrote
 * ({@link MozafariNetwork#read(Path)}). Stateless.
 */
public final class MozafariModelFiles {
    private MozafariModelFiles() {
    }

    /** The composed network with {@code net}'s weights (every parameter as the flagship's defaults). */
    public static Mozafari2019Composed composed(MozafariNetwork net) {
        Objects.requireNonNull(net, "net");
        Mozafari2019Composed comp = new Mozafari2019Composed(0L);
        comp.setWeightsOIHW("conv1", net.conv1.weightsOIHW());
        comp.setWeightsOIHW("conv2", net.conv2.weightsOIHW());
        comp.setWeightsOIHW("conv3", net.conv3.weightsOIHW());
        return comp;
    }

    /** Writes {@code net} as a network file, atomically. */
    public static void save(MozafariNetwork net, Path file) throws IOException {
        NetworkFile.write(composed(net).network(), file);
    }

    /**
     * Reads a saved model: a network file of the Mozafari 2019 composition, or an older flat model file.
     *
     * @return the network, frozen for inference
     * @throws org.snn4j.io.ModelFileException if the file is damaged, not a model of this network (MISMATCH names
     *                                         the layer), or an older model file with invalid content
     * @throws IOException                     if it cannot be read
     */
    public static MozafariNetwork load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n < head.length || !SectionFile.hasMagic(head)) {
            return MozafariNetwork.read(file); // the flat format of older versions (or a typed error)
        }
        Mozafari2019Composed comp = new Mozafari2019Composed(0L);
        NetworkFile.readInto(file, comp.network(), LearningCodecs.all());
        return fromComposed(comp);
    }

    /**
     * Reads a saved model from its bytes (for example broadcast to a cluster): a network file of the Mozafari 2019
     * composition, or an older flat model file.
     *
     * @return the network, frozen for inference
     * @throws org.snn4j.io.ModelFileException if the bytes are damaged or not a model of this network
     */
    public static MozafariNetwork fromBytes(byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        if (!SectionFile.hasMagic(bytes)) {
            ModelData m = org.snn4j.io.ModelFile.fromBytes(bytes);
            try {
                return MozafariNetwork.fromModelData(m);
            } catch (IllegalArgumentException e) {
                throw new org.snn4j.io.ModelFileException(org.snn4j.io.ModelFileException.Kind.MALFORMED, 0, "model",
                        "not a valid " + MozafariNetwork.MODEL_NAME + " model: " + e.getMessage());
            }
        }
        Mozafari2019Composed comp = new Mozafari2019Composed(0L);
        NetworkFile.readInto(bytes, comp.network(), LearningCodecs.all());
        return fromComposed(comp);
    }

    /** The fast example network with the composition's weights. */
    private static MozafariNetwork fromComposed(Mozafari2019Composed comp) {
        ModelData m = new MozafariNetwork(0L).toModelData();
        m.putArray("conv1.weights", new int[] {30, 6, 5, 5}, comp.weightsOIHW("conv1"));
        m.putArray("conv2.weights", new int[] {250, 30, 3, 3}, comp.weightsOIHW("conv2"));
        m.putArray("conv3.weights", new int[] {200, 250, 5, 5}, comp.weightsOIHW("conv3"));
        return MozafariNetwork.fromModelData(m);
    }
}
