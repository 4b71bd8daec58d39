package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.snn4j.encoding.FloatImage;

/**
 * NmnistEmulator's exact parts (issue 17, patterns 1 and 4): the saccade path against its closed form at chosen
 * times with a non-default triangle, every parameter check at both sides of its bounds, and the statistics
 * accumulator on crafted recordings whose figures are worked out by hand. The statistical comparison with the
 * real recordings is in {@link NmnistEmulatorStatisticsTest}.
 */
class NmnistEmulatorDetailsTest {
    private static final double TWO_PI = 2 * Math.PI;

    /** Origin (0.5, -1), width 4, depth 3, apex 1, saccades of 10 ms. */
    private static NmnistEmulator.Parameters path() {
        NmnistEmulator.Parameters d = NmnistEmulator.Parameters.defaults();
        return new NmnistEmulator.Parameters(0.5, -1, 4, 3, 1, 10, 2, d.contrast(), d.blurPx(), d.thresholdOn(),
                d.thresholdOff(), d.thresholdSigma(), d.refractoryUs(), d.noiseHz(), d.stepUs());
    }

    private static double[] at(NmnistEmulator e, double tUs) {
        double[] out = new double[2];
        e.offset(tUs, out);
        return out;
    }

    private static void near(double[] got, double x, double y) {
        assertThat(got[0]).isCloseTo(x, within(1e-12));
        assertThat(got[1]).isCloseTo(y, within(1e-12));
    }

    @Test
    void theSaccadePathFollowsTheTriangleWithASinusoidalEasing() {
        NmnistEmulator e = new NmnistEmulator(path(), 1);
        // vertices relative to the origin (0.5, -1): A (0, 0), B (apex 1, depth 3), C (width 4, 0)
        near(at(e, -7), 0.5, -1);            // before the start: A
        near(at(e, 0), 0.5, -1);             // A
        double q = 0.25 - 1 / TWO_PI;        // easing at a quarter leg: v - sin(2 pi v) / (2 pi)
        double tq = 0.75 + 1 / TWO_PI;       // at three quarters
        near(at(e, 2_500), 0.5 + 1 * q, -1 + 3 * q);                 // A -> B
        near(at(e, 5_000), 0.5 + 0.5, -1 + 1.5);                    // half way, f = 1/2
        near(at(e, 10_000), 1.5, 2);                                // B
        near(at(e, 12_500), 0.5 + 1 + 3 * q, -1 + 3 - 3 * q);       // B -> C
        near(at(e, 17_500), 0.5 + 1 + 3 * tq, -1 + 3 - 3 * tq);
        near(at(e, 20_000), 4.5, -1);                               // C
        near(at(e, 22_500), 0.5 + 4 - 4 * q, -1);                   // C -> A
        near(at(e, 29_999.999), 0.5, -1);
        near(at(e, 30_000), 0.5, -1);                               // back at A, and stays there
        near(at(e, 1e9), 0.5, -1);
        assertThat(path().durationUs()).isEqualTo(32_000);
        assertThat(NmnistEmulator.Parameters.defaults().durationUs()).isEqualTo(306_000);
    }

    /** The default parameters with field {@code k} (in record order) replaced by {@code v}. */
    private static NmnistEmulator.Parameters with(int k, double v) {
        double[] a = {0.3, 1.2, 5.5, 5.0, 2.0, 100, 6, 0.9, 0.6, 0.262, 0.262, 0.03, 1700, 0.3};
        int step = 1000;
        if (k == 14) {
            step = (int) v;
        } else {
            a[k] = v;
        }
        return new NmnistEmulator.Parameters(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                a[11], a[12], a[13], step);
    }

    @Test
    void everyParameterIsCheckedAtBothSidesOfItsBounds() {
        assertThat(with(0, 0.3)).isEqualTo(NmnistEmulator.Parameters.defaults());
        // {field, lowest accepted, highest accepted}; apexXPx's upper bound is widthPx (5.5)
        double[][] ok = {{0, -6, 6}, {1, -6, 6}, {2, 2, 6}, {3, 0, 6}, {4, 0, 5.5}, {5, 1e-9, 10_000}, {6, 0, 10_000},
            {7, 1e-9, 1 - 1e-9}, {8, 0, 3}, {9, 1e-9, 1e9}, {10, 1e-9, 1e9}, {11, 0, 10}, {12, 0, 1e6}, {13, 0, 1e4},
            {14, 10, 10_000}};
        for (double[] b : ok) {
            int k = (int) b[0];
            assertThat(with(k, b[1])).as("field %d at %s", k, b[1]).isNotNull();
            assertThat(with(k, b[2])).as("field %d at %s", k, b[2]).isNotNull();
        }
        String[] names = {"originXPx", "originYPx", "widthPx", "depthPx", "apexXPx"};
        double[][] bounds = {{-6, 6}, {-6, 6}, {0, 6}, {0, 6}, {0, 5.5}};
        for (int k = 0; k < names.length; k++) {
            double lo = bounds[k][0];
            double hi = bounds[k][1];
            for (double bad : new double[] {Math.nextDown(lo), Math.nextUp(hi), Double.NaN}) {
                final int f = k;
                assertThatThrownBy(() -> with(f, bad)).as("%s = %s", names[k], bad)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(names[k] + " must be in [" + lo + ", " + hi + "], got " + bad);
            }
        }
        // widthPx below the apex (2.0) is caught as an apex outside [0, width]
        assertThatThrownBy(() -> with(2, 1.5)).hasMessage("apexXPx must be in [0.0, 1.5], got 2.0");
        assertThatThrownBy(() -> with(5, 0)).hasMessage("saccadeMs must be in (0, 10000], got 0.0");
        assertThatThrownBy(() -> with(5, 10_000.5)).hasMessage("saccadeMs must be in (0, 10000], got 10000.5");
        assertThatThrownBy(() -> with(5, Double.NaN)).hasMessage("saccadeMs must be in (0, 10000], got NaN");
        assertThatThrownBy(() -> with(6, -0.5)).hasMessage("tailMs must be in [0.0, 10000.0], got -0.5");
        assertThatThrownBy(() -> with(6, 10_000.5)).hasMessage("tailMs must be in [0.0, 10000.0], got 10000.5");
        assertThatThrownBy(() -> with(7, 0)).hasMessage("contrast must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> with(7, 1)).hasMessage("contrast must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> with(8, 3.5)).hasMessage("blurPx must be in [0.0, 3.0], got 3.5");
        assertThatThrownBy(() -> with(8, -0.5)).hasMessage("blurPx must be in [0.0, 3.0], got -0.5");
        assertThatThrownBy(() -> with(9, 0)).hasMessage("thresholdOn and thresholdOff must be > 0, got 0.0 and 0.262");
        assertThatThrownBy(() -> with(10, 0)).hasMessage("thresholdOn and thresholdOff must be > 0, got 0.262 and 0.0");
        assertThatThrownBy(() -> with(11, 10.5)).hasMessage("thresholdSigma must be in [0.0, 10.0], got 10.5");
        assertThatThrownBy(() -> with(11, -0.5)).hasMessage("thresholdSigma must be in [0.0, 10.0], got -0.5");
        assertThatThrownBy(() -> with(12, 1e6 + 1)).hasMessage("refractoryUs must be in [0.0, 1000000.0], got 1000001.0");
        assertThatThrownBy(() -> with(12, -1)).hasMessage("refractoryUs must be in [0.0, 1000000.0], got -1.0");
        assertThatThrownBy(() -> with(13, 1e4 + 1)).hasMessage("noiseHz must be in [0.0, 10000.0], got 10001.0");
        assertThatThrownBy(() -> with(13, -1)).hasMessage("noiseHz must be in [0.0, 10000.0], got -1.0");
        assertThatThrownBy(() -> with(14, 9)).hasMessage("stepUs must be in [10, 10000], got 9");
        assertThatThrownBy(() -> with(14, 10_001)).hasMessage("stepUs must be in [10, 10000], got 10001");
        // the copies change their own fields only
        NmnistEmulator.Parameters d = NmnistEmulator.Parameters.defaults();
        assertThat(d.withBlur(1.5)).isEqualTo(with(8, 1.5));
        assertThat(d.withThresholds(0.1, 0.2, 0.3)).isEqualTo(new NmnistEmulator.Parameters(0.3, 1.2, 5.5, 5.0, 2.0,
                100, 6, 0.9, 0.6, 0.1, 0.2, 0.3, 1700, 0.3, 1000));
        assertThat(d.withTriangle(4, 3, 1)).isEqualTo(new NmnistEmulator.Parameters(0.3, 1.2, 4, 3, 1, 100, 6, 0.9,
                0.6, 0.262, 0.262, 0.03, 1700, 0.3, 1000));
        assertThat(d.withRefractoryAndNoise(5, 6)).isEqualTo(new NmnistEmulator.Parameters(0.3, 1.2, 5.5, 5.0, 2.0,
                100, 6, 0.9, 0.6, 0.262, 0.262, 0.03, 5, 6, 1000));
        NmnistEmulator em = new NmnistEmulator(d, 42);
        assertThat(em.parameters()).isSameAs(d);
        assertThat(em.cameraSeed()).isEqualTo(42);
    }

    @Test
    void statisticsAreTheFiguresOfTheirRecordings() {
        // recording 1 (digit 3): t 1000 ON x 1, 105000 OFF x 2, 230000 ON x 7, 289999 OFF x 3, 300000 ON x 9
        Events a = Events.builder(34, 34).add(1_000, 1, 0, true).add(105_000, 2, 0, false).add(230_000, 7, 1, true)
                .add(289_999, 3, 1, false).add(300_000, 9, 2, true).build();
        // recording 2 (digit 3): t 50000 OFF x 4, 209999 ON x 5, 225000 ON x 11
        Events b = Events.builder(34, 34).add(50_000, 4, 0, false).add(209_999, 5, 0, true)
                .add(225_000, 11, 0, true).build();
        // recording 3 (digit 8): t 104999 ON, 210000 OFF x 6, 290000 OFF x 1
        Events c = Events.builder(34, 34).add(104_999, 0, 0, true).add(210_000, 6, 0, false)
                .add(290_000, 1, 0, false).build();
        NmnistEmulator.Statistics s = new NmnistEmulator.Statistics();
        s.add(a, 3);
        s.add(b, 3);
        s.add(c, 8);
        assertThat(s.samples()).isEqualTo(3);
        assertThat(s.meanEvents()).isCloseTo(11 / 3.0, within(1e-12));
        // counts 5, 3, 3: mean of squares 43 / 3, minus the squared mean 121 / 9
        assertThat(s.sdEvents()).isCloseTo(Math.sqrt(43 / 3.0 - 121 / 9.0), within(1e-12));
        assertThat(s.onFraction()).isCloseTo(6 / 11.0, within(1e-12));
        // saccades: < 105 ms {1000, 50000, 104999}, < 210 ms {105000, 209999}, the rest 6
        assertThat(s.saccadeFraction(0)).isCloseTo(3 / 11.0, within(1e-12));
        assertThat(s.saccadeFraction(1)).isCloseTo(2 / 11.0, within(1e-12));
        assertThat(s.saccadeFraction(2)).isCloseTo(6 / 11.0, within(1e-12));
        assertThatThrownBy(() -> s.saccadeFraction(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(s.classMean(3)).isCloseTo(4.0, within(1e-12));
        assertThat(s.classMean(8)).isCloseTo(3.0, within(1e-12));
        assertThat(s.classMean(0)).isNaN();
        assertThatThrownBy(() -> s.classMean(10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(s.maxFirstUs()).isEqualTo(104_999);
        assertThat(s.minLastUs()).isEqualTo(225_000);
        assertThat(s.maxLastUs()).isEqualTo(300_000);
        assertThat(s.meanLastUs()).isCloseTo((300_000 + 225_000 + 290_000) / 3.0, within(1e-9));
        // window [225 ms, 290 ms): ON x 7, 11 (mean 9); OFF x 3 (289999)
        assertThat(s.onMinusOffX()).isCloseTo(9 - 3, within(1e-12));
        assertThatThrownBy(() -> s.add(Events.builder(34, 34).build(), 1))
                .hasMessage("a recording must hold at least one event");
        assertThatThrownBy(() -> s.add(a, 10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(s.samples()).isEqualTo(3);
    }

    @Test
    void theLeftwardSaccadesColumnsAreMeansOverSeveralEventsOfEachPolarity() {
        // in [225, 290) ms: ON at x 4, 6, 11 (mean 7), OFF at x 1, 2, 6 (mean 3); outside the window: ignored
        Events e = Events.builder(34, 34).add(224_999, 30, 0, false).add(225_000, 4, 0, true).add(230_000, 1, 0, false)
                .add(240_000, 6, 0, true).add(250_000, 2, 0, false).add(260_000, 11, 0, true)
                .add(289_999, 6, 0, false).add(290_000, 33, 0, true).build();
        NmnistEmulator.Statistics s = new NmnistEmulator.Statistics();
        s.add(e, 5);
        assertThat(s.onMinusOffX()).isCloseTo(7 - 3, within(1e-12));
        assertThat(s.classMean(5)).isCloseTo(8, within(1e-12));
    }

    @Test
    void aWhiteImageWithoutNoiseGivesNoEventsAndABlackDotGivesBalancedOnes() {
        NmnistEmulator.Parameters p = NmnistEmulator.Parameters.defaults().withThresholds(0.3, 0.3, 0)
                .withRefractoryAndNoise(0, 0).withBlur(0);
        assertThat(new NmnistEmulator(p, 1).emulate(FloatImage.of(3, 2, new float[6]), 1).size()).isZero();
        // one dark pixel (clamped from 300 to 255) at (1, 1) of a 3x3 image: it is seen only by the sensor
        // pixels its path crosses, x in [1, 1 + 0.3 + 5.5 + 1] and y in [1, 1 + 1.2 + 5 + 1]
        float[] px = new float[9];
        px[4] = 300;
        Events e = new NmnistEmulator(p, 1).emulate(FloatImage.of(3, 3, px), 3);
        assertThat(e.size()).isGreaterThan(20);
        int on = 0;
        for (int i = 0; i < e.size(); i++) {
            assertThat(e.x(i)).isBetween(1, 8);
            assertThat(e.y(i)).isBetween(2, 9);
            on += e.isOn(i) ? 1 : 0;
        }
        // the dot arrives and leaves every pixel it crosses: as many ON as OFF events, give or take one per pixel
        assertThat(Math.abs(2 * on - e.size())).isLessThanOrEqualTo(64);
        Events dim = new NmnistEmulator(p, 1).emulate(FloatImage.of(3, 3, new float[] {0, 0, 0, 0, 255, 0, 0, 0, 0}), 3);
        assertThat(dim).isEqualTo(e);
    }
}
