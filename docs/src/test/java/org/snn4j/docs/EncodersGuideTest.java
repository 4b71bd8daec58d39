package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.snn4j.encoding.FloatImage;
// tag::imports-encoders[]
import java.util.SplittableRandom;
import org.snn4j.EventSource;
import org.snn4j.encoding.MozafariEncoder;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.encoding.RankOrder;
// end::imports-encoders[]

/** The snippets of docs/encoders.md. */
class EncodersGuideTest {

    @Test
    void poisson() {
        // tag::poisson[]
        float[] intensity = new float[1000];
        java.util.Arrays.fill(intensity, 0.5f);                   // half of full scale
        PoissonEncoder code = new PoissonEncoder(100, 1000, 1, 1);  // 100 Hz at x >= 1, 1000 ms, dt 1 ms
        EventSource spikes = code.encode(intensity, new SplittableRandom(7));
        // expected: 1000 inputs x 50 Hz x 1 s = 50,000 spikes (Bernoulli p = 0.05 per step)
        // end::poisson[]
        assertThat(spikes.steps()).isEqualTo(1000);
        // binomial(1e6, 0.05): sd ~ 218; 5 sd
        assertThat(spikes.eventCount()).isBetween(50_000 - 1100, 50_000 + 1100);
        assertThat(code.encode(intensity, new SplittableRandom(7)).eventCount()).isEqualTo(spikes.eventCount());
    }

    @Test
    void rankOrder() {
        // tag::rank-order[]
        float[] x = {0.9f, 0f, 0.3f, 0.6f};
        RankOrder code = RankOrder.equalCount(3);       // 3 time bins, the brightest inputs first
        int[] latency = code.latencies(x);              // step at which each input fires, -1 = never
        EventSource spikes = code.encode(x);            // each positive input fires exactly once
        // end::rank-order[]
        assertThat(latency).containsExactly(0, -1, 2, 1);
        assertThat(spikes.eventCount()).isEqualTo(3);
        assertThat(spikes.steps()).isEqualTo(3);
    }

    @Test
    void mozafariPipeline() {
        float[] px = new float[28 * 28];
        for (int y = 8; y < 20; y++) {
            for (int xx = 12; xx < 16; xx++) {
                px[y * 28 + xx] = 255f;                 // a vertical bar
            }
        }
        FloatImage digit = FloatImage.of(28, 28, px);
        // tag::mozafari[]
        MozafariEncoder enc = MozafariEncoder.mozafari2019();   // DoG bank -> local normalisation -> rank order
        EventSource spikes = enc.encode(digit);                 // 6 x 28 x 28 neurons, 15 steps
        // end::mozafari[]
        assertThat(enc.outputShape().channels()).isEqualTo(6);
        assertThat(spikes.steps()).isEqualTo(15);
        assertThat(spikes.eventCount()).isPositive();
        assertThat(spikes.size()).isEqualTo(6 * 28 * 28);
    }
}
