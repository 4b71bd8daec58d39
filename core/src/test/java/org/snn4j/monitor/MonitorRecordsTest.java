package org.snn4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * The monitors' records against values computed by hand over long runs (past their initial buffers) with
 * several neurons, and their refusals. Written after the session 7 whole-core PIT run (issue 17).
 */
class MonitorRecordsTest {
    /** in(3) - d(3): neuron j gets (j + 1) / 8 per step from input j, fires at 1 and resets to 0. */
    static Network net() {
        DenseLayer d = DenseLayer.builder("d", Shape.flat(3), 3).weights(WeightInit.constant(0f))
                .neurons(new PerfectIf(PerfectIfParameters.of(1f))).build();
        float[] w = d.weights();
        for (int j = 0; j < 3; j++) {
            w[j * 3 + j] = (j + 1) / 8f; // [pre][post]
        }
        return Network.builder(Shape.flat(3), 1f).add(d).build();
    }

    /** Every input fires at every one of {@code steps} steps. */
    static EventSource everyStep(int steps) {
        int[] t = new int[3 * steps];
        int[] i = new int[3 * steps];
        for (int k = 0; k < 3 * steps; k++) {
            t[k] = k / 3;
            i[k] = k % 3;
        }
        return EventSource.of(steps, 3, t, i);
    }

    /** The potential of neuron j after step t (from 0): + (j + 1) / 8 per step, reset to 0 on reaching 1. */
    static float v(int j, int t) {
        float v = 0f;
        for (int s = 0; s <= t; s++) {
            v += (j + 1) / 8f;
            if (v >= 1f) {
                v = 0f;
            }
        }
        return v;
    }

    @Test
    void aStateTraceRecordsEveryStepOfEveryNeuronPastItsFirstBuffer() {
        Simulation sim = net().newSimulation(1);
        StateTrace tr = sim.recordState("d", PerfectIf.V, 2, 0);
        assertThat(tr.variable()).isSameAs(PerfectIf.V);
        sim.present(everyStep(300));
        assertThat(tr.samples()).isEqualTo(300);
        float[] t0 = tr.trace(0);
        float[] t1 = tr.trace(1);
        for (int t = 0; t < 300; t++) {
            assertThat(tr.value(t, 0)).as("neuron 2, step %d", t).isEqualTo(v(2, t));
            assertThat(tr.value(t, 1)).as("neuron 0, step %d", t).isEqualTo(v(0, t));
            assertThat(t0[t]).isEqualTo(v(2, t));
            assertThat(t1[t]).isEqualTo(v(0, t));
            assertThat(tr.step(t)).isEqualTo(t);
        }
    }

    @Test
    void aStateTraceOnALayerWithoutNeuronsIsRefused() {
        PoolingLayer pool = new PoolingLayer("pool", new Shape(1, 2, 2), 2, 2, 0);
        Simulation sim = Network.builder(new Shape(1, 2, 2), 1f).add(pool).build().newSimulation(1);
        sim.attach("pool", new StateTrace(PerfectIf.V, 0));
        assertThatThrownBy(() -> sim.present(EventSource.of(1, 4, new int[0], new int[0])))
                .isInstanceOf(IllegalStateException.class).hasMessage("layer pool has no neurons to trace");
    }

    @Test
    void aSpikeRasterRecordsEverySpikeAndEachNeuronsSteps() {
        Simulation sim = net().newSimulation(1);
        SpikeRaster r = sim.recordSpikes("d");
        sim.present(everyStep(200));
        sim.present(everyStep(5));
        List<String> expected = new ArrayList<>();
        List<List<Integer>> perNeuron = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int[] lengths = {200, 5};
        for (int p = 0; p < 2; p++) {
            for (int t = 0; t < lengths[p]; t++) {
                for (int j = 0; j < 3; j++) {
                    if (v(j, t) == 0f) {
                        expected.add(p + " " + t + " " + j);
                        perNeuron.get(j).add(t);
                    }
                }
            }
        }
        List<String> got = new ArrayList<>();
        for (int k = 0; k < r.count(); k++) {
            got.add(r.presentation(k) + " " + r.step(k) + " " + r.neuron(k));
        }
        assertThat(got).isEqualTo(expected);
        for (int j = 0; j < 3; j++) {
            assertThat(r.spikeSteps(j)).as("neuron %d", j)
                    .containsExactly(perNeuron.get(j).stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void spikeCountsRefuseANegativeSizeAndALargerLayer() {
        assertThatThrownBy(() -> new SpikeCounts(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must be >= 0, got -1");
        assertThat(new SpikeCounts(0)).isNotNull();
        Simulation sim = net().newSimulation(1);
        sim.attach("d", new SpikeCounts(2));
        assertThatThrownBy(() -> sim.present(everyStep(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SpikeCounts of 2 neurons attached to layer d with 3");
    }
}
