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

/**
 * NmnistEmulator: determinism, thread counts, the threshold model's invariants, refractory period, noise and
 * parameter checks, on single digits. The statistics of 400 emulated digits against the 1,100 shipped real
 * recordings are in {@link NmnistEmulatorStatisticsTest}.
 */
class NmnistEmulatorTest {

    private static MnistDataset.Split mnist;

    @BeforeAll
    static void load() throws IOException {
        mnist = MnistDataset.load(TestData.mnist10k()).train();
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
