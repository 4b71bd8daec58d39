package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.io.ModelFileException;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.StepDriver;
import org.snn4j.network.Network;
import org.snn4j.network.NetworkFile;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.ResetMode;

/**
 * {@link PopulationLayer} driven step by step through the public layer calls: the rounding order of arrivals due
 * in the step that delivers them (straight into the synaptic variable, one synapse at a time), what a reset
 * forgets (pending delayed arrivals of both receptors and of delta-synapse models, input spike steps,
 * inhibition), recurrent spikes with and without {@code endStep}, synaptic event counts, out-degrees, the model
 * a network binds, and saving recurrent sources that start past neuron 0. Written after the 3453ed9
 * whole-core PIT run (issue 17): each test fails with one or more of the mutants that survived there.
 */
class PopulationLayerStateAndApiTest {
    private static final float DT = 0.1f;
    // tauM 20, tauE 5, tauI 10, vRest -3, threshold 10, reset -7, refractory 0.2 ms
    private static final ExpCurrentParameters CUBA = new ExpCurrentParameters(20f, 5f, 10f, -3f, 10f, -7f, 0.2f);

    /** One presentation by hand; {@code inputs[t]} are the input spikes of step t; {@code traced} after each step. */
    private static List<int[]> drive(Layer l, LayerState st, int[][] inputs, boolean endStep, List<float[]> trace,
                                     StateVar traced) {
        return StepDriver.drive(l, st, DT, inputs, endStep,
                trace == null ? null : s -> trace.add(s.neurons().get(traced).clone()));
    }

    /** As the engine prepares a presentation: clear and initialise the neurons, reset the buffers. */
    private static LayerState prepare(Layer l, LayerState st) {
        st.neurons().clear();
        l.neuronModel().initialise(st.neurons());
        st.reset();
        return st;
    }

    /**
     * Arrivals of an undelayed input projection go straight into the synaptic variable, one synapse at a time in
     * spike order (Brian2's {@code on_pre}: {@code x = (x + w1) + w2}), not summed first: the state equals, bit for
     * bit, the model stepped by hand after those additions, for both models.
     */
    @Test
    void undelayedArrivalsAreAddedOneSynapseAtATime() {
        List<ExpSynapticLif> models = List.of(new ExpCurrentLif(CUBA),
                new ExpConductanceLif(ConductanceParameters.brette2007()));
        for (ExpSynapticLif m : models) {
            int n = 3;
            // input 0 -> 0, 1, 2; input 1 -> 0, 2; input 2 -> 0 (rows by input, targets ascending)
            int[] rows = {0, 3, 5, 6};
            int[] post = {0, 1, 2, 0, 2, 0};
            float[] w = {0.1f, 0.7f, 0.3f, 0.2f, 0.6f, 0.35f};
            Projection p = Projection.fromCsr(3, n, rows, post, w, Receptor.EXCITATORY, 0);
            StateVar x = m.receiving(Receptor.EXCITATORY);
            PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(3), n, m).input(p)
                    .initialState((s, r) -> {
                        float[] e = s.get(x);
                        for (int i = 0; i < e.length; i++) {
                            e[i] = 0.3f + 0.17f * i;
                        }
                    }, 1).build();
            int[][] inputs = {{0, 1, 2}, {2, 0}, {}, {1, 2, 0}, {0}};
            LayerState st = prepare(layer, layer.newState());
            List<float[]> got = new ArrayList<>();
            drive(layer, st, inputs, true, got, x);
            NeuronState ref = new NeuronState(n, m.stateVariables());
            m.initialise(ref);
            for (int i = 0; i < n; i++) {
                ref.get(x)[i] = 0.3f + 0.17f * i;
            }
            for (int t = 0; t < inputs.length; t++) {
                float[] e = ref.get(x);
                for (int pre : inputs[t]) {
                    for (int k = rows[pre]; k < rows[pre + 1]; k++) {
                        e[post[k]] += w[k];
                    }
                }
                m.stepRange(ref, null, null, 0, n, DT, t, new Spikes(n));
                assertThat(got.get(t)).as("%s step %d", m, t).containsExactly(ref.get(x));
            }
            for (StateVar v : m.stateVariables()) {
                assertThat(st.neurons().get(v)).as("%s %s", m, v.name()).containsExactly(ref.get(v));
            }
        }
    }

    /**
     * A reset forgets arrivals still in the ring (excitatory and inhibitory, a delay of 3 steps), the input spike
     * steps and the inhibition: the second presentation, without input, stays at rest.
     */
    @Test
    void resetForgetsPendingDelayedArrivals() {
        ExpCurrentLif m = new ExpCurrentLif(CUBA);
        Projection exc = Projection.fromCsr(2, 2, new int[] {0, 2, 2}, new int[] {0, 1}, new float[] {4f, 6f},
                Receptor.EXCITATORY, 3);
        Projection inh = Projection.fromCsr(2, 2, new int[] {0, 0, 1}, new int[] {1}, new float[] {-5f},
                Receptor.INHIBITORY, 3);
        PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(2), 2, m).input(exc).input(inh).build();
        for (StateVar x : List.of(ExpCurrentLif.I_EXC, ExpCurrentLif.I_INH)) {
            LayerState st = prepare(layer, layer.newState());
            drive(layer, st, new int[][] {{}, {}, {0, 1}}, true, null, null);
            assertThat(st.inputSpikeStep()).containsExactly(2, 2);
            st.inhibitedUntil()[1] = 50;
            prepare(layer, st);
            assertThat(st.inputSpikeStep()).containsExactly(-1, -1);
            assertThat(st.inhibitedUntil()).containsExactly(0, 0);
            List<float[]> trace = new ArrayList<>();
            drive(layer, st, new int[][] {{}, {}, {}, {}, {}}, true, trace, x);
            for (int t = 0; t < 5; t++) {
                assertThat(trace.get(t)).as("%s step %d", x.name(), t).containsOnly(0f);
            }
            assertThat(st.neurons().get(ExpCurrentLif.V)).containsOnly(-3f);
        }
        // without the reset the arrivals are still due: the same run continued shows them
        LayerState cont = prepare(layer, layer.newState());
        List<float[]> trace = new ArrayList<>();
        drive(layer, cont, new int[][] {{}, {}, {0, 1}, {}, {}, {}, {}}, true, trace, ExpCurrentLif.I_EXC);
        assertThat(trace.get(4)).containsOnly(0f);
        assertThat(trace.get(5)[0]).isGreaterThan(0f);
        assertThat(trace.get(5)[1]).isGreaterThan(0f);
    }

    /** The same for a delta-synapse model (LIF): its delayed input is forgotten at a reset, at 1 and 2 threads. */
    @Test
    void resetForgetsPendingDelayedArrivalsOfDeltaModels() {
        Lif m = new Lif(new LifParameters(10f, -65f, -70f, -50f, 1f, 0f, ResetMode.TO_VALUE));
        for (int threads = 1; threads <= 2; threads++) {
            Projection p = Projection.fromCsr(2, 4, new int[] {0, 2, 4}, new int[] {0, 3, 1, 2},
                    new float[] {4f, 6f, 5f, 7f}, Receptor.EXCITATORY, 2);
            PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(2), 4, m).input(p).threads(threads)
                    .build();
            LayerState st = prepare(layer, layer.newState());
            drive(layer, st, new int[][] {{}, {0, 1}}, true, null, null);
            prepare(layer, st);
            drive(layer, st, new int[][] {{}, {}, {}, {}}, true, null, null);
            assertThat(st.neurons().get(Lif.V)).as("%d threads", threads).containsOnly(-65f);
            // continued without a reset, the arrivals land at step 3
            LayerState cont = prepare(layer, layer.newState());
            drive(layer, cont, new int[][] {{}, {0, 1}, {}, {}}, true, null, null);
            assertThat(cont.neurons().get(Lif.V)).as("%d threads", threads).doesNotContain(-65f);
        }
    }

    /**
     * Recurrent arrivals come from the spikes the layer emitted when the engine does not call endStep, and from the
     * final spikes endStep hands over when it does (here: none, so the chain stops).
     */
    @Test
    void recurrentSpikesComeFromEndStepOrElseFromTheStep() {
        // a refractory period of 5 ms (50 steps): each neuron fires once here
        ExpCurrentLif m = new ExpCurrentLif(CUBA.withRefractoryMs(5f));
        Projection in = Projection.fromCsr(1, 3, new int[] {0, 1}, new int[] {0}, new float[] {5000f},
                Receptor.EXCITATORY, 0);
        Projection chain = Projection.fromCsr(2, 3, new int[] {0, 1, 2}, new int[] {1, 2},
                new float[] {5000f, 5000f}, Receptor.EXCITATORY, 1);
        PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(1), 3, m).input(in).recurrent(0, chain)
                .build();
        LayerState st = prepare(layer, layer.newState());
        List<int[]> s = drive(layer, st, new int[][] {{0}, {}, {}, {}}, false, null, null);
        assertThat(s).containsExactly(new int[] {0}, new int[] {1}, new int[] {2}, new int[0]);
        // endStep with no final spikes: nothing is delivered at step 1
        st = prepare(layer, layer.newState());
        StepContext ctx = new StepContext(DT);
        ctx.begin(3, false);
        Spikes x = new Spikes(1);
        x.add(0);
        Spikes out = new Spikes(3);
        layer.step(x, st, ctx, out);
        assertThat(out.toSortedArray()).containsExactly(0);
        layer.endStep(new Spikes(3), st, ctx);
        ctx.setStep(1);
        out.clear();
        layer.step(new Spikes(1), st, ctx, out);
        assertThat(out.count()).isZero();
        assertThat(st.neurons().get(ExpCurrentLif.I_EXC)[1]).isZero();
    }

    /** Synaptic events are the out-degrees of the delivered spikes (rows that do not start at 0 included). */
    @Test
    void synapticEventsAreTheOutDegreesOfDeliveredSpikes() {
        for (NeuronModel m : List.of(new ExpCurrentLif(CUBA), new Lif(LifParameters.defaults()))) {
            Projection p = Projection.fromCsr(4, 5, new int[] {0, 2, 5, 5, 9}, new int[] {0, 1, 0, 2, 4, 0, 1, 3, 4},
                    new float[] {1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f}, Receptor.EXCITATORY, 1);
            PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(4), 5, m).input(p).build();
            LayerState st = prepare(layer, layer.newState());
            drive(layer, st, new int[][] {{1}, {3, 2}, {1, 3}, {}}, true, null, null);
            assertThat(st.synapticEvents()).as("%s", m).isEqualTo(3 + 4 + 3 + 4);
        }
    }

    @Test
    void outDegreeCountsRecurrentSynapsesOfEachNeuron() {
        ExpCurrentLif m = new ExpCurrentLif(CUBA);
        // input (not counted); recurrent from neurons 2..4 and from 0..5
        Projection input = Projection.fromCsr(1, 6, new int[] {0, 6}, new int[] {0, 1, 2, 3, 4, 5}, new float[6],
                Receptor.EXCITATORY, 0);
        Projection mid = Projection.fromCsr(3, 6, new int[] {0, 1, 3, 6}, new int[] {0, 1, 5, 0, 1, 2}, new float[6],
                Receptor.INHIBITORY, 1);
        Projection all = Projection.fromCsr(6, 6, new int[] {0, 2, 2, 3, 4, 4, 5}, new int[] {1, 2, 0, 5, 3},
                new float[5], Receptor.EXCITATORY, 2);
        PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(1), 6, m).input(input).recurrent(2, mid)
                .recurrent(0, all).threads(2).build();
        int[] want = {2, 0, 1 + 1, 2 + 1, 3 + 0, 1};
        for (int i = 0; i < 6; i++) {
            assertThat(layer.outDegree(i)).as("neuron %d", i).isEqualTo(want[i]);
        }
        assertThatThrownBy(() -> layer.outDegree(6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(layer.synapseCount()).isEqualTo(6 + 6 + 5);
        assertThat(layer.toString()).isEqualTo("PopulationLayer[pop, " + Shape.flat(1) + " -> " + Shape.flat(6)
                + ", 17 synapses, " + m + ", 2 thread(s)]");
    }

    /** A saved population keeps where its recurrent sources start; one with an initialState function is refused. */
    @Test
    void saveKeepsRecurrentOffsetsAndRefusesInitialStateFunctions() throws ModelFileException {
        ExpCurrentLif m = new ExpCurrentLif(CUBA);
        Projection mid = Projection.fromCsr(3, 6, new int[] {0, 1, 3, 6}, new int[] {0, 1, 5, 0, 1, 2},
                new float[] {1f, 2f, 3f, 4f, 5f, 6f}, Receptor.INHIBITORY, 1);
        PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(2), 6, m)
                .input(Projection.fromCsr(2, 6, new int[] {0, 1, 2}, new int[] {0, 4}, new float[] {1f, 1f},
                        Receptor.EXCITATORY, 0))
                .recurrent(3, mid).build();
        Network net = Network.builder(Shape.flat(2), DT).add(layer).build();
        PopulationLayer back = (PopulationLayer) NetworkFile.fromBytes(NetworkFile.toBytes(net)).layer(0);
        for (int i = 0; i < 6; i++) {
            assertThat(back.outDegree(i)).as("neuron %d", i).isEqualTo(layer.outDegree(i));
        }
        assertThat(back.outDegree(3)).isEqualTo(1);
        assertThat(back.outDegree(5)).isEqualTo(3);
        PopulationLayer withInit = PopulationLayer.builder("q", Shape.flat(2), 6, m)
                .initialState((s, r) -> { }, 5).build();
        assertThatThrownBy(() -> NetworkFile.toBytes(Network.builder(Shape.flat(2), DT).add(withInit).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialState");
    }

    /** The model a network binds for a synaptic population must still be a SynapticModel. */
    @Test
    void aBoundModelThatIsNotSynapticIsRefused() {
        PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(1), 2, new ExpCurrentLif(CUBA)).build();
        LayerState st = prepare(layer, layer.newState());
        Lif other = new Lif(LifParameters.defaults());
        st.bindModel(other);
        StepContext ctx = new StepContext(DT);
        ctx.begin(1, false);
        assertThatThrownBy(() -> layer.step(new Spikes(1), st, ctx, new Spikes(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("layer pop: " + new ExpCurrentLif(CUBA) + " is a SynapticModel, but its bind(dt) returned "
                        + other + ", which is not");
    }
}
