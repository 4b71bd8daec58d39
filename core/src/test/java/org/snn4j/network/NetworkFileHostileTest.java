package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.ThresholdAdaptation;
import org.snn4j.io.ModelFileException;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.testkit.HostileInput;
import org.snn4j.neuron.PerfectIf;

/**
 * Hostile network files: forged counts, sizes and nesting are rejected with a {@link ModelFileException} before
 * anything large is allocated; mutations of a real file (raw, and with the checksum recomputed so the section
 * structure and the codecs' checks are reached) throw nothing else, within the allocation bound of
 * docs/reliability.md.
 */
class NetworkFileHostileTest {

    private static byte[] small() {
        Shape in = new Shape(1, 6, 6);
        Conv2dLayer c = Conv2dLayer.builder("c", in, 2, 3, 3).weights(WeightInit.uniform(0f, 1f, 1))
                .neurons(PerfectIf.latencyCoded(1f)).build();
        DenseLayer d = DenseLayer.builder("d", c.outputShape(), 3).weights(WeightInit.uniform(0f, 1f, 2))
                .neurons(new Lif(LifParameters.defaults())).build();
        return NetworkFile.toBytes(Network.builder(in, 1f).add(c).add(d).compete("c", new KWinnersTakeAll(1, 0))
                .compete("d", new ThresholdAdaptation(0.1f, 100f, 0f)).build());
    }

    /** {@code file} with its body length and checksum recomputed (the body may have changed size). */
    private static byte[] refit(byte[] file) {
        byte[] b = file.clone();
        ByteBuffer bb = ByteBuffer.wrap(b);
        bb.putLong(12, b.length - 24L);
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        bb.putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    private static ModelFileException reject(byte[] file) {
        long before = HostileInput.allocatedBytes();
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> NetworkFile.fromBytes(file));
        long used = HostileInput.allocatedBytes() - before;
        assertThat(e).as("a %d-byte crafted file must be rejected", file.length).isNotNull();
        assertThat(used).as("bytes allocated for a %d-byte file", file.length).isLessThan(HostileInput.bound(file.length));
        return e;
    }

    private static int indexOf(byte[] hay, String needle, int from) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = from; i <= hay.length - n.length; i++) {
            for (int k = 0; k < n.length; k++) {
                if (hay[i + k] != n[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(needle + " not found");
    }

    @Test
    void aForgedLayerSizeIsAShapeMismatchBeforeTheLayerAllocatesItsWeights() {
        byte[] f = small();
        int at = indexOf(f, "outputs", 0) + "outputs".length(); // then tag 2 and the int64
        assertThat(f[at]).isEqualTo((byte) 2);
        ByteBuffer.wrap(f).putLong(at + 1, 1L << 28); // 32 x 2^28 floats would be 34 GB
        ModelFileException e = reject(refit(f));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MISMATCH);
        assertThat(e.field()).isEqualTo("network.stages[1].layer.weights");
        assertThat(e.getMessage()).contains("[32, 3]").contains("[32, 268435456]");
    }

    @Test
    void missingSavedThresholdsOfALayerThatKeepsThemAreMalformed() {
        byte[] f = small();
        int at = indexOf(f, "thresholdOffsets", 0);
        f[at] = 'X'; // the field is renamed: the stage has no offsets
        ModelFileException e = reject(refit(f));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.getMessage()).contains("keeps threshold offsets");
    }

    /** A body: one section of type t with the given raw field bytes. */
    private static byte[] file(byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(24 + body.length);
        b.put(new byte[] {(byte) 0x89, 'S', 'N', 'N', '4', 'J', 'S', '\n'}).putInt(1).putLong(body.length).put(body);
        b.putInt(0);
        return refit(b.array());
    }

    private static void str(DataOutputStream o, String s) throws IOException {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(u.length);
        o.write(u);
    }

    @Test
    void forgedCountsAreRejectedWithoutAllocating() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(bytes);
        str(o, "snn4j.Network");
        o.writeInt(1);
        o.writeInt(1);
        str(o, "stages");
        o.writeByte(9);
        o.writeInt(Integer.MAX_VALUE);
        ModelFileException e = reject(file(bytes.toByteArray()));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.field()).isEqualTo("network.stages count");

        bytes.reset();
        str(o, "snn4j.Network");
        o.writeInt(1);
        o.writeInt(Integer.MAX_VALUE);
        e = reject(file(bytes.toByteArray()));
        assertThat(e.field()).isEqualTo("network field count");

        bytes.reset();
        str(o, "x");
        o.writeInt(1);
        o.writeInt(1);
        str(o, "w");
        o.writeByte(6);
        o.writeInt(3);
        o.writeInt(1 << 20);
        o.writeInt(1 << 20);
        o.writeInt(1 << 20);
        e = reject(file(bytes.toByteArray()));
        assertThat(e.getMessage()).contains("needs");
    }

    @Test
    void deepNestingIsRejectedBeforeTheStackOverflows() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(bytes);
        for (int k = 0; k < 10_000; k++) {
            str(o, "t");
            o.writeInt(1);
            o.writeInt(1);
            str(o, "c");
            o.writeByte(8);
        }
        ModelFileException e = reject(file(bytes.toByteArray()));
        assertThat(e.getMessage()).contains("nested deeper than");
    }

    @Test
    void fuzzedNetworkFilesThrowOnlyModelFileExceptionWithinTheAllocationBound() {
        byte[] f = small();
        List<HostileInput.Mutant> mutants = HostileInput.mutants(f, 29, 1500, 12, 20, 24, 41, 45);
        int rejected = 0;
        for (HostileInput.Mutant m : mutants) {
            for (byte[] b : new byte[][] {m.bytes(), m.bytes().length >= 24 && m.bytes()[0] == (byte) 0x89
                    ? refit(m.bytes()) : m.bytes()}) {
                long before = HostileInput.allocatedBytes();
                try {
                    NetworkFile.fromBytes(b);
                } catch (ModelFileException e) {
                    rejected++;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(m.what() + ": " + e, e);
                }
                long used = HostileInput.allocatedBytes() - before;
                assertThat(used).as(m.what()).isLessThan(HostileInput.bound(b.length));
            }
        }
        assertThat(rejected).isGreaterThan(mutants.size());
    }
}
