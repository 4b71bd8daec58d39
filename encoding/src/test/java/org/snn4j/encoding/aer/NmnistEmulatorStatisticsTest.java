package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.TestData;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.encoding.dataset.NmnistDataset;

/**
 * The statistics of 400 emulated digits against the 1,100 shipped real N-MNIST recordings (tolerances stated in
 * each assertion; the measured values are in encoding/README.md). Split from {@link NmnistEmulatorTest} because
 * its fixture (about 5 s of reading and emulation) would rerun for every mutant under PIT: the mutation profile
 * excludes this class (encoding/pom.xml); it runs in the normal suite.
 */
class NmnistEmulatorStatisticsTest {

    private static NmnistEmulator.Statistics real;
    private static NmnistEmulator.Statistics emulated;

    @BeforeAll
    static void measure() throws IOException {
        real = new NmnistEmulator.Statistics();
        for (NmnistDataset.Split split : NmnistDataset.Split.values()) {
            NmnistDataset d = NmnistDataset.load(TestData.nmnistSmall(), split);
            for (int i = 0; i < d.size(); i++) {
                real.add(d.sample(i).events(), d.label(i));
            }
        }
        MnistDataset.Split mnist = MnistDataset.load(TestData.mnist10k()).train();
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
}
