package org.snn4j.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.neuron.PerfectIf;

/** FORMATS-AND-ORACLES section 4 item 5. */
class PoissonEncoderTest {

    @Test
    void rateZeroGivesNoSpikes() {
        PoissonEncoder p = new PoissonEncoder(100, 1000, 1, 1);
        EventSource src = p.encode(new float[] {0f, -3f, 0f}, new SplittableRandom(1));
        assertThat(src.eventCount()).isZero();
        PoissonEncoder silent = new PoissonEncoder(0, 1000, 1, 1);
        assertThat(silent.encode(new float[] {1f, 5f}, new SplittableRandom(1)).eventCount()).isZero();
    }

    @Test
    void rateTimesDtAtLeastOneFiresEveryStep() {
        // 1000 Hz x 1 ms = 1 and 2000 Hz x 1 ms = 2
        for (double rate : new double[] {1000, 2000}) {
            PoissonEncoder p = new PoissonEncoder(rate, 50, 1, 1);
            EventSource src = p.encode(new float[] {1f, 0f, 7f}, new SplittableRandom(3));
            assertThat(src.steps()).isEqualTo(50);
            Spikes s = new Spikes(3);
            for (int t = 0; t < 50; t++) {
                s.clear();
                src.emit(t, s);
                assertThat(s.toSortedArray()).containsExactly(0, 2);
            }
        }
    }

    @Test
    void countIsWithinFiveSigma() {
        // N = 1e5 steps, p = 100 Hz x 1 ms = 0.1: 10,000 +- 5 sqrt(N p (1-p)) = +- 474
        PoissonEncoder p = new PoissonEncoder(100, 100_000, 1, 1);
        for (long seed = 0; seed < 5; seed++) {
            EventSource src = p.encode(new float[] {1f}, new SplittableRandom(seed));
            assertThat(src.eventCount()).isBetween(10_000 - 474, 10_000 + 474);
        }
        // half intensity -> half rate: p = 0.05, 5,000 +- 5 sqrt(1e5 * 0.05 * 0.95) = +- 345
        EventSource half = p.encode(new float[] {0.5f}, new SplittableRandom(9));
        assertThat(half.eventCount()).isBetween(5_000 - 345, 5_000 + 345);
    }

    @Test
    void consecutiveSpikeFractionMatchesBernoulli() {
        // P(spike at t+1 | spike at t) = p for a Bernoulli process: 0.3 +- 5 sigma
        PoissonEncoder p = new PoissonEncoder(300, 200_000, 1, 1);
        EventSource src = p.encode(new float[] {1f}, new SplittableRandom(5));
        boolean[] fired = new boolean[src.steps()];
        Spikes s = new Spikes(1);
        for (int t = 0; t < src.steps(); t++) {
            s.clear();
            src.emit(t, s);
            fired[t] = s.count() == 1;
        }
        int spikes = 0;
        int pairs = 0;
        for (int t = 0; t + 1 < fired.length; t++) {
            if (fired[t]) {
                spikes++;
                if (fired[t + 1]) {
                    pairs++;
                }
            }
        }
        double frac = pairs / (double) spikes;
        double sigma = Math.sqrt(0.3 * 0.7 / spikes);
        assertThat(frac).isBetween(0.3 - 5 * sigma, 0.3 + 5 * sigma);
    }

    @Property(seed = "42", tries = 50)
    void sameSeedSameTrain(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                           @ForAll @FloatRange(min = 0, max = 2) float a) {
        PoissonEncoder p = new PoissonEncoder(200, 100, 0.5, 1);
        float[] x = {a, 1f, 0.25f, 0f};
        EventSource s1 = p.encode(x, new SplittableRandom(seed));
        EventSource s2 = p.encode(x, new SplittableRandom(seed));
        Spikes o1 = new Spikes(4);
        Spikes o2 = new Spikes(4);
        assertThat(s1.eventCount()).isEqualTo(s2.eventCount());
        for (int t = 0; t < s1.steps(); t++) {
            o1.clear();
            o2.clear();
            s1.emit(t, o1);
            s2.emit(t, o2);
            assertThat(o1.toSortedArray()).containsExactly(o2.toSortedArray());
        }
    }

    @Test
    void stepsRoundUpDurationOverDt() {
        assertThat(new PoissonEncoder(10, 100, 1, 1).steps()).isEqualTo(100);
        assertThat(new PoissonEncoder(10, 0.3, 0.1, 1).steps()).isEqualTo(3);
        assertThat(new PoissonEncoder(10, 10.5, 1, 1).steps()).isEqualTo(11);
    }

    @Test
    void badParametersAndNanAreRejected() {
        assertThatThrownBy(() -> new PoissonEncoder(-1, 10, 1, 1)).hasMessage("maxRateHz must be >= 0 and finite, got -1.0");
        assertThatThrownBy(() -> new PoissonEncoder(1, 0, 1, 1)).hasMessage("durationMs must be > 0 and finite, got 0.0");
        assertThatThrownBy(() -> new PoissonEncoder(1, 10, -2, 1)).hasMessage("dtMs must be > 0 and finite, got -2.0");
        assertThatThrownBy(() -> new PoissonEncoder(1, 10, 1, 0)).hasMessage("fullScale must be > 0 and finite, got 0.0");
        PoissonEncoder p = new PoissonEncoder(1, 10, 1, 1);
        assertThatThrownBy(() -> p.encode(new float[] {0, Float.NaN}, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[1]");
    }

    @Test
    void trainsCarryTheStepLengthAndTheNetworkChecksIt() {
        Network net = Network.builder(Shape.flat(3), 0.5f).add(DenseLayer.builder("d", Shape.flat(3), 2)
                .weights(WeightInit.uniform(0f, 1f, 1)).neurons(PerfectIf.latencyCoded(1f)).build()).build();
        PoissonEncoder matched = PoissonEncoder.forNetwork(net, 100, 20, 1);
        assertThat(matched.dtMs()).isEqualTo(0.5);
        assertThat(matched.steps()).isEqualTo(40);
        EventSource s = matched.encode(new float[] {1f, 0.5f, 0f}, new SplittableRandom(1));
        assertThat(s.dtMs()).isEqualTo(0.5f);
        assertThat(net.newSimulation(1).present(s).steps()).isEqualTo(40);
        EventSource wrong = new PoissonEncoder(100, 20, 1, 1).encode(new float[3], new SplittableRandom(1));
        assertThatThrownBy(() -> net.newSimulation(1).present(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("made for steps of 1.0 ms, the network steps 0.5 ms");
    }
}
