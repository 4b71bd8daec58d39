package org.snn4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.SparseLayer;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

class MonitorTest {
    /** Input i drives output i with 10 mV; threshold 10 mV: every input spike makes its output fire. */
    static Simulation relay(int n) {
        int[] rows = new int[n + 1];
        int[] post = new int[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            rows[i + 1] = i + 1;
            post[i] = i;
            w[i] = 10f;
        }
        SparseLayer l = SparseLayer.fromCsr("r", Shape.flat(n), Shape.flat(n), rows, post, w,
                new PerfectIf(PerfectIfParameters.of(10f)));
        return Network.builder(Shape.flat(n), 1f).add(l).build().newSimulation(0);
    }

    @Test
    void rasterRecordsEverySpikeWithItsPresentation() {
        Simulation sim = relay(4);
        SpikeRaster r = sim.recordSpikes("r");
        EventSource src = EventSource.of(5, 4, new int[] {0, 2, 2, 4}, new int[] {3, 1, 0, 3});
        sim.present(src);
        sim.present(src);
        assertThat(r.count()).isEqualTo(8);
        assertThat(r.spikeSteps(3)).containsExactly(0, 4, 0, 4);
        assertThat(r.countsPerNeuron(4)).containsExactly(2, 2, 0, 4);
        assertThat(r.presentation(0)).isZero();
        assertThat(r.presentation(7)).isEqualTo(1);
        assertThatThrownBy(() -> r.step(8)).isInstanceOf(IndexOutOfBoundsException.class);
        sim.detach(r);
        sim.present(src);
        assertThat(r.count()).isEqualTo(8);
        r.clear();
        assertThat(r.count()).isZero();
    }

    @Test
    void rasterGrowsPastItsInitialCapacity() {
        Simulation sim = relay(100);
        SpikeRaster r = sim.recordSpikes("r");
        int[] steps = new int[1000];
        int[] idx = new int[1000];
        for (int k = 0; k < 1000; k++) {
            steps[k] = k / 100;
            idx[k] = k % 100;
        }
        sim.present(EventSource.of(10, 100, steps, idx));
        assertThat(r.count()).isEqualTo(1000);
        assertThat(r.neuron(999)).isEqualTo(99);
        assertThat(r.step(999)).isEqualTo(9);
    }

    @Test
    void traceRecordsChosenNeuronsEveryStep() {
        Simulation sim = relay(3);
        StateTrace tr = sim.recordState("r", PerfectIf.V, 2, 0);
        sim.present(EventSource.of(300, 3, new int[] {0}, new int[] {2}));
        assertThat(tr.samples()).isEqualTo(300);
        assertThat(tr.neurons()).containsExactly(2, 0);
        assertThat(tr.trace(0)).containsOnly(0f); // fired at step 0 and was reset
        assertThat(tr.step(299)).isEqualTo(299);
        assertThatThrownBy(() -> sim.recordState("r", PerfectIf.V, 3)).hasMessageContaining("neurons[0]")
                .hasMessageContaining("got 3");
    }
}
