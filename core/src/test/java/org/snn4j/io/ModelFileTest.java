package org.snn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    private static ModelData sample() {
        float[] w = new float[2 * 3 * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = i * 0.25f - 1f;
        }
        return new ModelData()
                .putText("network", "Mozafari2019")
                .putText("layers", "conv1,conv2,conv3")
                .putInt("seed", -42L)
                .putReal("conv1.threshold", 15.0)
                .putReal("nan", Double.NaN)
                .putArray("conv1.weights", new int[]{2, 3, 4}, w)
                .putArray("empty", new int[]{0}, new float[0])
                .putArray("scalar", new int[]{}, new float[]{Float.MIN_VALUE});
    }

    private static void assertSame(ModelData a, ModelData b) {
        assertThat(b.parameters()).isEqualTo(a.parameters());
        assertThat(b.arrayNames()).containsExactlyElementsOf(a.arrayNames());
        for (String name : a.arrayNames()) {
            assertThat(b.shape(name)).containsExactly(a.shape(name));
            float[] x = a.arrays().get(name).data();
            float[] y = b.arrays().get(name).data();
            assertThat(y).hasSize(x.length);
            for (int i = 0; i < x.length; i++) {
                assertThat(Float.floatToRawIntBits(y[i])).isEqualTo(Float.floatToRawIntBits(x[i]));
            }
        }
    }

    @Test
    void roundTripThroughFileKeepsEverythingBitExact(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/model.snn");
        ModelData m = sample();
        ModelFile.write(f, m);
        ModelData r = ModelFile.read(f);
        assertSame(m, r);
        assertThat(r.text("network")).isEqualTo("Mozafari2019");
        assertThat(r.integer("seed")).isEqualTo(-42L);
        assertThat(r.real("conv1.threshold")).isEqualTo(15.0);
        assertThat(r.array("conv1.weights", 2, 3, 4)[5]).isEqualTo(0.25f);
        // no temporary file is left behind
        try (Stream<Path> files = Files.list(f.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.snn");
        }
    }

    @Test
    void writeReplacesAnExistingFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.snn");
        Files.writeString(f, "old content");
        ModelFile.write(f, sample());
        assertSame(sample(), ModelFile.read(f));
    }

    @Test
    void sameContentGivesSameBytes() {
        assertThat(ModelFile.toBytes(sample())).isEqualTo(ModelFile.toBytes(sample()));
    }

    @Test
    void foreignFileIsRejectedAtTheMagic(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("foreign.png");
        Files.write(f, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0});
        assertThatThrownBy(() -> ModelFile.read(f))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelFileException.Kind.FOREIGN);
                    assertThat(e.offset()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo("magic");
                })
                .hasMessageContaining("foreign.png")
                .hasMessageContaining("not an snn4j model file");
    }

    @Test
    void newerVersionIsRejected() {
        byte[] b = ModelFile.toBytes(sample());
        ByteBuffer.wrap(b).putInt(8, ModelFile.CURRENT_VERSION + 1);
        assertThatThrownBy(() -> ModelFile.fromBytes(b))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelFileException.Kind.NEWER_VERSION);
                    assertThat(e.offset()).isEqualTo(8);
                })
                .hasMessageContaining("format version 2 is newer");
    }

    @Test
    void flippedBitIsCaughtByTheChecksum() {
        byte[] b = ModelFile.toBytes(sample());
        b[b.length - 20] ^= 0x10; // inside the last array's floats
        assertThatThrownBy(() -> ModelFile.fromBytes(b))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelFileException.Kind.CORRUPT);
                    assertThat(e.offset()).isEqualTo(b.length - 4);
                    assertThat(e.field()).isEqualTo("crc32");
                })
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void trailingBytesAreCorrupt() {
        byte[] good = ModelFile.toBytes(sample());
        byte[] b = Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> ModelFile.fromBytes(b))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelFileException.Kind.CORRUPT);
                    assertThat(e.offset()).isEqualTo(good.length);
                });
    }

    @Test
    void truncatedFileNamesTheOffset(@TempDir Path dir) throws IOException {
        byte[] good = ModelFile.toBytes(sample());
        Path f = dir.resolve("cut.snn");
        Files.write(f, Arrays.copyOf(good, good.length - 10));
        assertThatThrownBy(() -> ModelFile.read(f))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelFileException.Kind.TRUNCATED);
                    assertThat(e.offset()).isEqualTo(good.length - 10);
                })
                .hasMessageContaining("cut.snn")
                .hasMessageContaining("declares " + good.length);
    }

    /** Cutting a valid file anywhere gives TRUNCATED (or FOREIGN never: the magic prefix is intact). */
    @Property(tries = 200, seed = "20261123")
    void everyTruncationIsReportedAsTruncated(@ForAll @IntRange(min = 0, max = 10_000) int cutSeed) {
        byte[] good = ModelFile.toBytes(sample());
        int cut = cutSeed % good.length;
        byte[] b = Arrays.copyOf(good, cut);
        assertThatThrownBy(() -> ModelFile.fromBytes(b))
                .isInstanceOfSatisfying(ModelFileException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelFileException.Kind.TRUNCATED));
    }

    /** Any single flipped byte after the magic and version is detected (never a silent wrong model). */
    @Property(tries = 300, seed = "20261124")
    void everySingleByteCorruptionIsDetected(@ForAll @IntRange(min = 12, max = 100_000) int at,
                                             @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] good = ModelFile.toBytes(sample());
        byte[] b = good.clone();
        int i = 12 + (at - 12) % (good.length - 12);
        b[i] ^= (byte) xor;
        assertThatThrownBy(() -> ModelFile.fromBytes(b)).isInstanceOf(ModelFileException.class);
    }

    @Property(tries = 50, seed = "42")
    void randomModelsRoundTrip(@ForAll long seed) throws ModelFileException {
        SplittableRandom rng = new SplittableRandom(seed);
        ModelData m = new ModelData();
        int arrays = rng.nextInt(4);
        for (int a = 0; a < arrays; a++) {
            int rank = rng.nextInt(4);
            int[] shape = new int[rank];
            int n = 1;
            for (int k = 0; k < rank; k++) {
                shape[k] = rng.nextInt(5);
                n *= shape[k];
            }
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                d[i] = Float.intBitsToFloat(rng.nextInt());
            }
            m.putArray("a" + a + "\u00e9", shape, d);
        }
        m.putInt("k", rng.nextLong()).putReal("r", rng.nextDouble()).putText("t", "x\u20ac" + rng.nextInt());
        assertSame(m, ModelFile.fromBytes(ModelFile.toBytes(m)));
    }

    @Test
    void accessorsCheckTypesAndShapes() {
        ModelData m = sample();
        assertThatThrownBy(() -> m.array("conv1.weights", 3, 2, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("array 'conv1.weights' must have shape [3, 2, 4], got [2, 3, 4]");
        assertThatThrownBy(() -> m.integer("network"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> m.text("missing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no parameter 'missing'");
        assertThatThrownBy(() -> m.putArray("bad", new int[]{2, 2}, new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 4 values, but data has 3");
    }
}
