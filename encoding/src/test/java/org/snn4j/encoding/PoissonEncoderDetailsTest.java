package org.snn4j.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;

/**
 * PoissonEncoder with non-trivial scales (issue 17, pattern 1): a full scale other than 1 and steps other than
 * 1 ms, where {@code x / fullScale} and {@code rate dt / 1000} cannot hide behind ones; the clamp above full
 * scale; every parameter check including infinities and the step-count bound; the feature-map encoder.
 */
class PoissonEncoderDetailsTest {

    @Test
    void probabilityUsesTheFullScaleAndTheStepLength() {
        PoissonEncoder p = new PoissonEncoder(200, 100, 0.5, 255);
        assertThat(p.probability(127.5f)).isCloseTo(200 * 0.5 * 0.5 / 1000, within(1e-12));
        assertThat(p.probability(255f)).isCloseTo(0.1, within(1e-12));
        assertThat(p.probability(510f)).isCloseTo(0.1, within(1e-12)); // clamped at full scale
        assertThat(p.probability(0f)).isZero();
        assertThat(p.probability(-1f)).isZero();
        assertThat(p.probability(Float.NaN)).isZero();
        assertThat(new PoissonEncoder(4000, 10, 0.5, 2).probability(1.5f)).isEqualTo(1.0); // 3000 Hz x 0.5 ms
        assertThat(new PoissonEncoder(4000, 10, 0.25, 2).probability(1f)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void countsFollowTheScaledProbability() {
        // p = 300 Hz x (100 / 200) x 2 ms / 1000 = 0.3 over 20,000 steps: 6,000 +- 5 sqrt(N p (1 - p)) = +- 324
        PoissonEncoder p = new PoissonEncoder(300, 40_000, 2, 200);
        assertThat(p.steps()).isEqualTo(20_000);
        EventSource s = p.encode(new float[] {100f, 0f, 400f}, new SplittableRandom(4));
        int[] perInput = new int[3];
        Spikes out = new Spikes(3);
        for (int t = 0; t < s.steps(); t++) {
            out.clear();
            s.emit(t, out);
            for (int i : out.toSortedArray()) {
                perInput[i]++;
            }
        }
        assertThat(perInput[0]).isBetween(6_000 - 324, 6_000 + 324);
        assertThat(perInput[1]).isZero();
        // 400 is above full scale: p = 0.6, 12,000 +- 5 sqrt(20000 x 0.24) = +- 346
        assertThat(perInput[2]).isBetween(12_000 - 346, 12_000 + 346);
        assertThat(s.eventCount()).isEqualTo(perInput[0] + perInput[2]);
    }

    @Test
    void everyParameterIsCheckedIncludingInfinityAndTheStepCount() {
        double inf = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> new PoissonEncoder(inf, 10, 1, 1)).hasMessage("maxRateHz must be >= 0 and finite, got Infinity");
        assertThatThrownBy(() -> new PoissonEncoder(Double.NaN, 10, 1, 1)).hasMessage("maxRateHz must be >= 0 and finite, got NaN");
        assertThatThrownBy(() -> new PoissonEncoder(1, inf, 1, 1)).hasMessage("durationMs must be > 0 and finite, got Infinity");
        assertThatThrownBy(() -> new PoissonEncoder(1, 10, inf, 1)).hasMessage("dtMs must be > 0 and finite, got Infinity");
        assertThatThrownBy(() -> new PoissonEncoder(1, 10, 0, 1)).hasMessage("dtMs must be > 0 and finite, got 0.0");
        assertThatThrownBy(() -> new PoissonEncoder(1, 10, 1, inf)).hasMessage("fullScale must be > 0 and finite, got Infinity");
        assertThatThrownBy(() -> new PoissonEncoder(1, 10, 1, -1)).hasMessage("fullScale must be > 0 and finite, got -1.0");
        assertThatThrownBy(() -> new PoissonEncoder(1, 1e10, 1e-3, 1))
                .hasMessage("durationMs / dtMs must be < 2^31, got 1.0E13");
        // 2^31 - 1 steps is the first refused count, 2^31 - 2 the last accepted one
        assertThatThrownBy(() -> new PoissonEncoder(1, Integer.MAX_VALUE, 1, 1))
                .hasMessageStartingWith("durationMs / dtMs must be < 2^31");
        assertThat(new PoissonEncoder(1, Integer.MAX_VALUE - 1.0, 1, 1).steps()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(new PoissonEncoder(0, 1, 1, 1).maxRateHz()).isZero();
        // a duration far below one step still gives one step
        assertThat(new PoissonEncoder(1, 1e-12, 1, 1).steps()).isEqualTo(1);
        assertThat(new PoissonEncoder(1, 2.0000000001, 1, 1).steps()).isEqualTo(2);
        assertThat(new PoissonEncoder(1, 2.01, 1, 1).steps()).isEqualTo(3);
    }

    @Test
    void theFeatureMapEncoderChecksTheShape() {
        Shape shape = new Shape(2, 1, 2);
        Encoder<FeatureMaps> enc = new PoissonEncoder(1000, 5, 1, 1).encoder(shape);
        assertThat(enc.outputShape()).isEqualTo(shape);
        SpikeSource s = enc.encode(FeatureMaps.wrap(shape, new float[] {1, 0, 0, 2}), new SplittableRandom(1));
        Spikes out = new Spikes(4);
        s.emit(3, out);
        assertThat(out.toSortedArray()).containsExactly(0, 3);
        assertThat(s.steps()).isEqualTo(5);
        assertThatThrownBy(() -> enc.encode(FeatureMaps.zeros(new Shape(1, 2, 2)), new SplittableRandom(1)))
                .hasMessage("encoder expects 2x1x2 maps, got 1x2x2");
    }
}
