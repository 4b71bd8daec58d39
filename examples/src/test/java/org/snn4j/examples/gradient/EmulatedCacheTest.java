package org.snn4j.examples.gradient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.encoding.aer.NmnistEmulator;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.gradient.Tensor;

/** The emulated-recording cache returns what emulation gives, keys every input, and survives damaged files. */
class EmulatedCacheTest {
    @TempDir
    Path dir;

    private static MnistDataset.Split digits(int n, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * 28 * 28];
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            lab[i] = (byte) (i % 10);
            for (int y = 6; y < 22; y++) {
                for (int x = 8 + i % 5; x < 14 + i % 7; x++) {
                    px[i * 784 + y * 28 + x] = (byte) (128 + r.nextInt(128));
                }
            }
        }
        return new MnistDataset.Split(n, 28, 28, px, lab);
    }

    private static void assertSame(NmnistSamples a, NmnistSamples b, int steps) {
        assertThat(b.size()).isEqualTo(a.size());
        Tensor ta = new Tensor(steps, NmnistDataset.SHAPE);
        Tensor tb = new Tensor(steps, NmnistDataset.SHAPE);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.label(i)).isEqualTo(a.label(i));
            a.load(i, ta);
            b.load(i, tb);
            assertThat(tb.data()).containsExactly(ta.data());
        }
        assertThat(b.meanSpikes()).isEqualTo(a.meanSpikes());
    }

    @Test
    void cachedSamplesEqualFreshOnesAndDamagedFilesAreRebuilt() throws Exception {
        MnistDataset.Split d = digits(6, 1);
        NmnistEmulator em = NmnistEmulator.defaults(1);
        NmnistDataset.Binning bin = NmnistDataset.Binning.over(300, 30);
        NmnistSamples fresh = NmnistSamples.of(em.emulateAll(6, d::image, 7, 1),
                new int[] {0, 1, 2, 3, 4, 5}, bin);
        assertThat(fresh.meanSpikes()).isGreaterThan(10);
        EmulatedCache c = new EmulatedCache(dir.resolve("c"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        NmnistSamples first = c.samples(em, d, 6, 7, bin, 2, ps);
        assertSame(fresh, first, 30);
        Path f = c.file(em, d, 6, 7, bin);
        assertThat(f).exists();
        byte[] good = Files.readAllBytes(f);
        NmnistSamples second = c.samples(em, d, 6, 7, bin, 1, ps);
        assertSame(fresh, second, 30);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("from the cache").doesNotContain("WARNING");

        // a flipped byte, a truncated file, an empty file and garbage are each rebuilt with a warning
        byte[][] damaged = {flip(good, good.length / 2), java.util.Arrays.copyOf(good, good.length - 9), new byte[0],
                "not a cache".getBytes(StandardCharsets.UTF_8)};
        for (byte[] bad : damaged) {
            Files.write(f, bad);
            log.reset();
            NmnistSamples rebuilt = c.samples(em, d, 6, 7, bin, 1, ps);
            assertSame(fresh, rebuilt, 30);
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARNING");
            assertThat(Files.readAllBytes(f)).isEqualTo(good);
        }
    }

    @Test
    void aSmallerRunReadsThePrefixOfALargerFileOfTheSameInputsOnly() throws Exception {
        MnistDataset.Split d = digits(6, 1);
        NmnistEmulator em = NmnistEmulator.defaults(1);
        NmnistDataset.Binning bin = NmnistDataset.Binning.over(300, 30);
        EmulatedCache c = new EmulatedCache(dir.resolve("p"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        c.samples(em, d, 6, 7, bin, 1, ps);
        log.reset();
        NmnistSamples four = c.samples(em, d, 4, 7, bin, 1, ps);
        assertSame(NmnistSamples.of(em.emulateAll(4, d::image, 7, 1), new int[] {0, 1, 2, 3}, bin), four, 30);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("the first 4 of 6").doesNotContain("WARNING");
        assertThat(c.file(em, d, 4, 7, bin)).doesNotExist();

        // other digits beyond the prefix, another seed offset or another binning: the 6-file is not used
        byte[] px = d.pixels().clone();
        px[5 * 784 + 14 * 28 + 10] ^= 0x40;
        MnistDataset.Split other = new MnistDataset.Split(6, 28, 28, px, d.labels().clone());
        for (Runnable r : new Runnable[] {
                () -> run(c, em, other, 4, 7, bin, ps),
                () -> run(c, em, d, 4, 8, bin, ps),
                () -> run(c, em, d, 4, 7, NmnistDataset.Binning.over(300, 15), ps)}) {
            log.reset();
            r.run();
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("emulated 4 recordings")
                    .doesNotContain("the first");
        }

        // a damaged larger file is skipped with a warning and the samples are emulated
        Path six = c.file(em, d, 6, 7, bin);
        Files.write(six, flip(Files.readAllBytes(six), 40));
        Files.delete(c.file(em, d, 4, 7, bin));
        log.reset();
        NmnistSamples again = c.samples(em, d, 4, 7, bin, 1, ps);
        assertSame(four, again, 30);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARNING").contains("emulated 4 recordings");
    }

    private static void run(EmulatedCache c, NmnistEmulator em, MnistDataset.Split d, int n, long offset,
                            NmnistDataset.Binning bin, PrintStream ps) {
        try {
            c.samples(em, d, n, offset, bin, 1, ps);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x10;
        return c;
    }

    @Test
    void keyCoversParametersSeedsDigitsAndBinning() {
        MnistDataset.Split d = digits(4, 1);
        NmnistEmulator em = NmnistEmulator.defaults(1);
        NmnistDataset.Binning bin = NmnistDataset.Binning.over(300, 30);
        String k = EmulatedCache.key(em, d, 4, 0, bin);
        assertThat(EmulatedCache.key(NmnistEmulator.defaults(1), digits(4, 1), 4, 0, bin)).isEqualTo(k);
        assertThat(EmulatedCache.key(NmnistEmulator.defaults(2), d, 4, 0, bin)).isNotEqualTo(k);
        assertThat(EmulatedCache.key(new NmnistEmulator(NmnistEmulator.Parameters.defaults().withBlur(0.7), 1), d, 4,
                0, bin)).isNotEqualTo(k);
        assertThat(EmulatedCache.key(em, digits(4, 2), 4, 0, bin)).isNotEqualTo(k);
        assertThat(EmulatedCache.key(em, d, 3, 0, bin)).isNotEqualTo(k);
        assertThat(EmulatedCache.key(em, d, 4, 1, bin)).isNotEqualTo(k);
        assertThat(EmulatedCache.key(em, d, 4, 0, NmnistDataset.Binning.over(300, 15))).isNotEqualTo(k);
    }
}
