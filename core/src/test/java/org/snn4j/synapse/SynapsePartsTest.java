package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.neuron.Izhikevich;
import org.snn4j.neuron.IzhikevichParameters;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;

/**
 * Parts of the synapse package: initialise on a used state, the refractory step bound at its limit, the stable sort
 * of projection rows, the population builder's checks, and the Brian2 order of arrivals from recurrent spikes of
 * the previous step. Written after the 3453ed9 whole-core PIT run (issue 17): each test fails with one or more of
 * the mutants that survived there.
 */
class SynapsePartsTest {
    private static final ExpCurrentParameters CUBA = new ExpCurrentParameters(20f, 5f, 10f, -3f, 10f, -7f, 0.5f);

    /** initialise sets rest, zero synaptic variables and free neurons whatever the state held. */
    @Test
    void initialiseResetsAUsedState() {
        List<ExpSynapticLif> models = List.of(new ExpCurrentLif(CUBA), new ExpConductanceLif(new ConductanceParameters(
                20f, 5f, 10f, -3f, 10f, -7f, 10f, -80f, 0.5f, ConductanceIntegration.FORWARD_EULER)));
        for (ExpSynapticLif m : models) {
            NeuronState s = new NeuronState(2, m.stateVariables());
            m.initialise(s);
            Spikes out = new Spikes(2);
            m.step(s, new float[] {3f, -2f}, new float[] {60f, 0f}, 0.1f, 0, out);
            for (int t = 1; t < 2000 && out.count() == 0; t++) {
                m.step(s, new float[2], new float[] {60f, 0f}, 0.1f, t, out);
            }
            assertThat(out.toSortedArray()).as("%s", m).containsExactly(0); // neuron 0 fired: refractory now
            assertThat(s.get(Refractory.COUNTER)[0]).isPositive();
            m.initialise(s);
            List<StateVar> v = m.stateVariables();
            assertThat(s.get(v.get(0))).containsOnly(-3f);
            assertThat(s.get(v.get(1))).containsOnly(0f);
            assertThat(s.get(v.get(2))).containsOnly(0f);
            assertThat(s.get(Refractory.COUNTER)).containsOnly(0f);
            assertThat(s.get(Refractory.LIVE)).containsOnly(1f);
        }
    }

    /** A refractory period of exactly 2^24 steps is taken; one more step's worth is refused, naming the field. */
    @Test
    void refractoryStepBoundIsExact() {
        ExpCurrentLif ok = new ExpCurrentLif(CUBA.withRefractoryMs(8388608f)); // 2^24 steps of 0.5 ms
        assertThat(ok.bind(0.5f)).isNotNull();
        ExpCurrentLif over = new ExpCurrentLif(CUBA.withRefractoryMs(8388609f));
        assertThatThrownBy(() -> over.bind(0.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refractoryMs 8388609.0 at dt 0.5 ms is 16777218 steps, more than the 16777216");
        assertThat(CUBA.withVRest(-9f)).isEqualTo(new ExpCurrentParameters(20f, 5f, 10f, -9f, 10f, -7f, 0.5f));
    }

    /** Rows are sorted by target, stably: synapses onto the same target keep their order (and so their sum). */
    @Test
    void rowsAreSortedStably() {
        Projection p = Projection.fromCsr(2, 4, new int[] {0, 4, 6}, new int[] {2, 1, 2, 2, 3, 0},
                new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, Receptor.INHIBITORY, 2);
        assertThat(p.targets()).containsExactly(1, 2, 2, 2, 0, 3);
        assertThat(p.weights()).containsExactly(0.2f, 0.1f, 0.3f, 0.4f, 0.6f, 0.5f);
        assertThat(p.outDegree(0)).isEqualTo(4);
        assertThat(p.outDegree(1)).isEqualTo(2);
        assertThat(p.toString()).isEqualTo("Projection[2 -> 4, 6 synapses, INHIBITORY, delay 2 steps]");
    }

    @Test
    void builderChecksTargetsAndThreads() {
        Projection toFour = Projection.fromCsr(2, 4, new int[] {0, 1, 2}, new int[] {0, 3}, new float[] {1f, 1f},
                Receptor.EXCITATORY, 1);
        ExpCurrentLif m = new ExpCurrentLif(CUBA);
        assertThatThrownBy(() -> PopulationLayer.builder("pop", Shape.flat(2), 3, m).input(toFour))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("projection must target the 3 neurons of layer pop, got postSize 4");
        assertThatThrownBy(() -> PopulationLayer.builder("pop", Shape.flat(2), 3, m).recurrent(0, toFour))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("projection must target the 3 neurons of layer pop, got postSize 4");
        // a delta-synapse model that is not closed-form runs on one thread only
        Izhikevich izh = new Izhikevich(IzhikevichParameters.regularSpiking());
        assertThat(PopulationLayer.builder("pop", Shape.flat(2), 4, izh).input(toFour).build().threads()).isEqualTo(1);
        assertThatThrownBy(() -> PopulationLayer.builder("pop", Shape.flat(2), 4, izh).input(toFour).threads(2)
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 threads need a");
        assertThat(PopulationLayer.builder("pop", Shape.flat(2), 4, new Lif(LifParameters.defaults())).input(toFour)
                .threads(2).build().threads()).isEqualTo(2);
    }

    /**
     * Arrivals from the population's own spikes of the previous step (recurrent delay 1) are due in the step that
     * delivers them: each synapse's weight goes straight into the synaptic variable after the input arrivals (two
     * source neurons onto the same targets), bit for bit as written out here.
     */
    @Test
    void recurrentArrivalsOfTheNextStepAreAddedOneSynapseAtATime() {
        ExpCurrentLif m = new ExpCurrentLif(CUBA.withRefractoryMs(5f));
        int n = 4;
        // inputs 0, 1 make neurons 0, 1 fire at step 0; input 2 feeds neurons 2, 3 a little at every step
        int[] inRows = {0, 1, 2, 4};
        int[] inPost = {0, 1, 2, 3};
        float[] inW = {5000f, 5000f, 0.3f, 0.45f};
        // neurons 0 and 1 -> 2 and 3, delay 1
        int[] recRows = {0, 2, 4};
        int[] recPost = {2, 3, 2, 3};
        float[] recW = {0.011f, 0.77f, 0.37f, 0.61f}; // summed first, these round differently
        PopulationLayer layer = PopulationLayer.builder("pop", Shape.flat(3), n, m)
                .input(Projection.fromCsr(3, n, inRows, inPost, inW, Receptor.EXCITATORY, 0))
                .recurrent(0, Projection.fromCsr(2, n, recRows, recPost, recW, Receptor.EXCITATORY, 1)).build();
        LayerState st = layer.newState();
        st.neurons().clear();
        m.initialise(st.neurons());
        st.reset();
        NeuronState ref = new NeuronState(n, m.stateVariables());
        m.initialise(ref);
        StepContext ctx = new StepContext(0.1f);
        ctx.begin(3, false);
        int[][] inputs = {{0, 1, 2}, {2}, {2}};
        Spikes prev = new Spikes(n);
        for (int t = 0; t < 3; t++) {
            ctx.setStep(t);
            Spikes in = new Spikes(3);
            for (int i : inputs[t]) {
                in.add(i);
            }
            Spikes out = new Spikes(n);
            layer.step(in, st, ctx, out);
            layer.endStep(out, st, ctx);
            float[] ie = ref.get(ExpCurrentLif.I_EXC);
            for (int i : inputs[t]) {
                for (int k = inRows[i]; k < inRows[i + 1]; k++) {
                    ie[inPost[k]] += inW[k];
                }
            }
            for (int k = 0; k < prev.count(); k++) {
                int pre = prev.indices()[k];
                for (int q = recRows[pre]; q < recRows[pre + 1]; q++) {
                    ie[recPost[q]] += recW[q];
                }
            }
            Spikes refOut = new Spikes(n);
            m.stepRange(ref, null, null, 0, n, 0.1f, t, refOut);
            assertThat(out.toSortedArray()).as("step %d", t).containsExactly(refOut.toSortedArray());
            for (StateVar v : m.stateVariables()) {
                assertThat(st.neurons().get(v)).as("%s at step %d", v.name(), t).containsExactly(ref.get(v));
            }
            prev.copyFrom(refOut);
        }
        assertThat(st.spikeCount()).isEqualTo(2);
    }
}
