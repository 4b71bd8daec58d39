package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.TestData;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.encoding.dataset.NmnistDataset;

/**
 * NmnistEmulator: determinism, the threshold model's invariants, and the statistics of emulated digits against
 * the 1,100 shipped real N-MNIST recordings (tolerances stated in each assertion; the measured values are in
 * encoding/README.md).
 */
class NmnistEmulatorTest {

    private static NmnistEmulator.Statistics real;
    private static NmnistEmulator.Statistics emulated;
    private static MnistDataset.Split mnist;

    @BeforeAll
    static void measure() throws IOException {
        real = new NmnistEmulator.Statistics();
        for (NmnistDataset.Split split : NmnistDataset.Split.values()) {
            NmnistDataset d = NmnistDataset.load(TestData.nmnistSmall(), split);
            for (int i = 0; i < d.size(); i++) {
                real.add(d.sample(i).events(), d.label(i));
            }
        }
        mnist = MnistDataset.load(TestData.mnist10k()).train();
        NmnistEmulator em = NmnistEmulator.defaults(1);
        emulated = new NmnistEmulator.Statistics();
        for (int i = 0; i < 400; i++) {
            emulated.add(em.emulate(mnist.image(i), i), mnist.label(i));
        }
    }

    @Test
    void realRecordingsHaveTheDocumentedStatistics() {
        assertThat(real.samples()).isEqualTo(1100);
        assertThat(real.meanEvents()).isCloseTo(4108.0, within(1.0));
        assertThat(real.sdEvents()).isCloseTo(1152.3, within(1.0));
        assertThat(real.onFraction()).isCloseTo(0.498, within(0.001)); // of all events (0.500 as a mean per recording)
        assertThat(real.minLastUs()).isBetween(296_000L, 298_000L);
        assertThat(real.maxLastUs()).isBetween(335_000L, 337_000L);
    }

    @Test
    void eventsPerSampleOnFractionAndDurationMatchTheRealRecordings() {
        // mean within 10 %, ON fraction within 0.02, first and last events inside (or 5 ms short of) the real range
        assertThat(emulated.meanEvents()).isCloseTo(real.meanEvents(), within(0.10 * real.meanEvents()));
        // the spread of event counts across recordings (real 1,152 events): within 30 %
        assertThat(emulated.sdEvents()).isCloseTo(real.sdEvents(), within(0.30 * real.sdEvents()));
        assertThat(emulated.onFraction()).isCloseTo(real.onFraction(), within(0.02));
        assertThat(emulated.minLastUs()).isGreaterThanOrEqualTo(real.minLastUs() - 5_000);
        assertThat(emulated.maxLastUs()).isLessThanOrEqualTo(real.maxLastUs());
        assertThat(emulated.meanLastUs()).isCloseTo(real.meanLastUs(), within(10_000.0));
        assertThat(emulated.maxFirstUs()).isLessThanOrEqualTo(real.maxFirstUs());
    }

    @Test
    void eventsPerSaccadeMatchTheRealRecordings() {
        for (int k = 0; k < 3; k++) {
            assertThat(emulated.saccadeFraction(k)).as("saccade %d", k)
                    .isCloseTo(real.saccadeFraction(k), within(0.03));
        }
    }

    @Test
    void perClassMeansMatchTheRealRecordings() {
        // each class within 20 % (the emulated 5s are the farthest, about 14 % low), on average within 7 %
        double[] a = new double[10];
        double[] b = new double[10];
        double meanAbs = 0;
        for (int c = 0; c < 10; c++) {
            a[c] = real.classMean(c);
            b[c] = emulated.classMean(c);
            assertThat(b[c]).as("digit %d", c).isCloseTo(a[c], within(0.20 * a[c]));
            meanAbs += Math.abs(b[c] - a[c]) / a[c] / 10;
        }
        assertThat(meanAbs).as("mean relative difference of the class means").isLessThan(0.07);
        assertThat(pearson(a, b)).as("correlation of the class means").isGreaterThan(0.9);
    }

    private static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void onEventsTrailTheMotionAsInTheRealFiles() {
        // third saccade moves the digit left: ON events lie to the right of OFF events, in both
        assertThat(real.onMinusOffX()).isGreaterThan(2.0);
        assertThat(emulated.onMinusOffX()).isGreaterThan(2.0);
    }

    @Test
    void sameSeedsSameEventsOtherSeedsOthers() {
        FloatImage digit = mnist.image(3);
        Events a = NmnistEmulator.defaults(7).emulate(digit, 11);
        assertThat(NmnistEmulator.defaults(7).emulate(digit, 11)).isEqualTo(a);
        assertThat(NmnistEmulator.defaults(7).emulate(digit, 12)).isNotEqualTo(a);
        assertThat(NmnistEmulator.defaults(8).emulate(digit, 11)).isNotEqualTo(a);
        assertThat(a.width()).isEqualTo(34);
        assertThat(a.height()).isEqualTo(34);
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.t(i)).isGreaterThanOrEqualTo(a.t(i - 1));
        }
        assertThat(a.minTime()).isGreaterThanOrEqualTo(0);
        assertThat(a.maxTime()).isLessThan(NmnistEmulator.Parameters.defaults().durationUs());
    }

    @Test
    void emulateAllIsTheSameAtAnyThreadCount() throws InterruptedException {
        NmnistEmulator em = NmnistEmulator.defaults(4);
        Events[] one = em.emulateAll(9, mnist::image, 50, 1);
        Events[] three = em.emulateAll(9, mnist::image, 50, 3);
        assertThat(three).containsExactly(one);
        assertThat(one[4]).isEqualTo(em.emulate(mnist.image(4), 54));
        assertThat(em.emulateAll(0, mnist::image, 0, 2)).isEmpty();
        assertThatThrownBy(() -> em.emulateAll(2, i -> {
            throw new IllegalStateException("image " + i);
        }, 0, 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> em.emulateAll(1, mnist::image, 0, 0)).hasMessageContaining("threads must be >= 1, got 0");
    }

    @Test
    void everyPixelReturnsToItsStartSoOnAndOffStepsBalance() {
        // no mismatch, no refractory period, no noise: the image ends where it started, so for every pixel
        // |#ON - #OFF| <= 1 (its reference stays within one threshold of the same log intensity)
        NmnistEmulator.Parameters p = NmnistEmulator.Parameters.defaults().withThresholds(0.2, 0.2, 0)
                .withRefractoryAndNoise(0, 0);
        Events e = new NmnistEmulator(p, 3).emulate(mnist.image(0), 5);
        int[] balance = new int[34 * 34];
        for (int i = 0; i < e.size(); i++) {
            balance[e.y(i) * 34 + e.x(i)] += e.isOn(i) ? 1 : -1;
        }
        assertThat(e.size()).isGreaterThan(1000);
        for (int i = 0; i < balance.length; i++) {
            assertThat(Math.abs(balance[i])).as("pixel %d", i).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void refractoryPeriodSeparatesEventsOfOnePixel() {
        Events e = NmnistEmulator.defaults(1).emulate(mnist.image(1), 2);
        long[] last = new long[34 * 34];
        java.util.Arrays.fill(last, Long.MIN_VALUE / 2);
        long min = Long.MAX_VALUE;
        NmnistEmulator.Parameters p = NmnistEmulator.Parameters.defaults();
        NmnistEmulator quiet = new NmnistEmulator(p.withRefractoryAndNoise(p.refractoryUs(), 0), 1);
        Events q = quiet.emulate(mnist.image(1), 2);
        for (int i = 0; i < q.size(); i++) {
            int px = q.y(i) * 34 + q.x(i);
            min = Math.min(min, q.t(i) - last[px]);
            last[px] = q.t(i);
        }
        assertThat(min).isGreaterThanOrEqualTo((long) p.refractoryUs() - 1);
        assertThat(e.size()).isGreaterThan(q.size()); // the noise adds events
    }

    @Test
    void aBlankImageGivesOnlyBackgroundNoise() {
        NmnistEmulator.Parameters p = NmnistEmulator.Parameters.defaults().withRefractoryAndNoise(1700, 50);
        Events e = new NmnistEmulator(p, 1).emulate(FloatImage.of(28, 28, new float[28 * 28]), 9);
        double expected = 50 * 34 * 34 * p.durationUs() * 1e-6; // Poisson: 1,772 +- 42
        assertThat((double) e.size()).isCloseTo(expected, within(5 * Math.sqrt(expected)));
        NmnistEmulator.Parameters silent = p.withRefractoryAndNoise(1700, 0);
        assertThat(new NmnistEmulator(silent, 1).emulate(FloatImage.of(28, 28, new float[28 * 28]), 9).size())
                .isZero();
    }

    @Test
    void badParametersAndImagesAreNamed() {
        NmnistEmulator.Parameters d = NmnistEmulator.Parameters.defaults();
        assertThatThrownBy(() -> d.withThresholds(-1, 0.3, 0)).hasMessageContaining("thresholdOn")
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> d.withTriangle(7, 5, 2)).hasMessageContaining("widthPx must be in [0.0, 6.0], got 7.0");
        assertThatThrownBy(() -> d.withTriangle(5, 5, 6)).hasMessageContaining("apexXPx");
        assertThatThrownBy(() -> NmnistEmulator.defaults(1).emulate(FloatImage.of(35, 2, new float[70]), 1))
                .hasMessageContaining("at most 34x34").hasMessageContaining("35x2");
    }
}
