package org.snn4j.examples.papers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.snn4j.io.SectionFile;
import org.snn4j.learning.LearningCodecs;
import org.snn4j.network.NetworkFile;

/**
 * The flagship's {@code --save} / {@code --load}: the trained {@link Mozafari2019Composed} network is saved as a
 * network file ({@link NetworkFile}: every layer, competition and rule with its state, the weights); loading reads
 * that format into the composition (checking its structure: a file of another network is a typed
 * {@code MISMATCH} naming the layer) and keeps reading the flat model files older versions wrote
 * ({@link Mozafari2019Composed#read(Path)}). Stateless.
 */
public final class MozafariModelFiles {
    private MozafariModelFiles() {
    }

    /** Writes {@code net}'s network as a network file, atomically. */
    public static void save(Mozafari2019Composed net, Path file) throws IOException {
        NetworkFile.write(Objects.requireNonNull(net, "net").network(), file);
    }

    /**
     * Reads a saved model: a network file of the Mozafari 2019 composition, or an older flat model file.
     *
     * @throws org.snn4j.io.ModelFileException if the file is damaged, not a model of this network (MISMATCH names
     *                                         the layer), or an older model file with invalid content
     * @throws IOException                     if it cannot be read
     */
    public static Mozafari2019Composed load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n < head.length || !SectionFile.hasMagic(head)) {
            return Mozafari2019Composed.read(file); // the flat format of older versions (or a typed error)
        }
        Mozafari2019Composed net = new Mozafari2019Composed(0L);
        NetworkFile.readInto(file, net.network(), LearningCodecs.all());
        return net;
    }

    /**
     * Reads a saved model from its bytes (for example broadcast to a cluster): a network file of the Mozafari 2019
     * composition, or an older flat model file.
     *
     * @throws org.snn4j.io.ModelFileException if the bytes are damaged, not a model of this network, or an older model
     *                                         file with invalid content
     */
    public static Mozafari2019Composed fromBytes(byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        if (!SectionFile.hasMagic(bytes)) {
            try {
                return Mozafari2019Composed.fromModelData(org.snn4j.io.ModelFile.fromBytes(bytes));
            } catch (IllegalArgumentException e) {
                throw new org.snn4j.io.ModelFileException(org.snn4j.io.ModelFileException.Kind.MALFORMED, 0, "model",
                        "not a valid " + Mozafari2019Composed.MODEL_NAME + " model: " + e.getMessage());
            }
        }
        Mozafari2019Composed net = new Mozafari2019Composed(0L);
        NetworkFile.readInto(bytes, net.network(), LearningCodecs.all());
        return net;
    }
}
