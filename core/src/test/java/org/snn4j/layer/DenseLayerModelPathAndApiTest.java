package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.neuron.Izhikevich;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.ResetMode;

/**
 * {@link DenseLayer} beyond the fused loops: the model path (lazy and clock-driven models, a model's last-step
 * spikes, inhibition), recurrent spikes when the engine does not call {@code endStep}, the compact form's
 * bookkeeping, and the API (weight version, views, learning by rows, state ownership, toString). Written after the
 * 3453ed9 whole-core PIT run (issue 17): each test fails with one or more of the mutants that survived there.
 * Layers are driven step by step through the public {@code step} / {@code endStep} / {@code finish} calls.
 */
class DenseLayerModelPathAndApiTest {

    /** Drives one presentation by hand: {@code inputs[t]} are the input spikes of step t. */
    private static List<int[]> drive(Layer l, LayerState st, int[][] inputs, boolean callEndStep) {
        return StepDriver.drive(l, st, 1f, inputs, callEndStep, null);
    }

    private static LayerState fresh(Layer l) {
        LayerState st = l.newState();
        st.reset();
        st.neurons().clear();
        l.neuronModel().initialise(st.neurons());
        return st;
    }

    private static LifParameters lif() {
        // vRest -65, vReset -70, threshold -50, tau 10 ms, no refractory period
        return new LifParameters(10f, -65f, -70f, -50f, 1f, 0f, ResetMode.TO_VALUE);
    }

    /**
     * A closed-form LIF runs lazily: a neuron is advanced only at the steps it receives input (and by finish), so
     * its potential is the model's own {@code stepTouched} called at those steps, bit for bit, whether or not the
     * layer has (silent) recurrent weights; finish brings every neuron to the last step (analytic decay).
     */
    @Test
    void lazyLifIsAdvancedOnlyWhenTouchedAndByFinish() {
        for (boolean recurrent : new boolean[] {false, true}) {
            Lif model = new Lif(lif());
            DenseLayer.Builder b = DenseLayer.builder("d", Shape.flat(3), 4).neurons(model);
            if (recurrent) {
                b.recurrent(WeightInit.constant(0f));
            }
            DenseLayer l = b.build();
            float[] w = {3.3f, 1.7f, 0.9f, 5.1f, 2.2f, 0.45f, 1.3f, 4.05f, 0.6f, 2.9f, 3.7f, 1.15f};
            System.arraycopy(w, 0, l.weights(), 0, w.length);
            int[][] inputs = {{0}, {}, {}, {1, 2}, {}, {}, {}, {0}, {}, {}};
            LayerState st = fresh(l);
            List<int[]> spikes = drive(l, st, inputs, true);
            // the reference: the model itself, touched at the input steps only, then advanced to the last step
            NeuronState ref = new NeuronState(4, model.stateVariables());
            model.initialise(ref);
            int[] all = {0, 1, 2, 3};
            for (int t = 0; t < inputs.length; t++) {
                if (inputs[t].length == 0) {
                    continue;
                }
                float[] in = new float[4];
                for (int i : inputs[t]) {
                    for (int j = 0; j < 4; j++) {
                        in[j] += w[i * 4 + j];
                    }
                }
                Spikes out = new Spikes(4);
                model.stepTouched(ref, in, all, 4, 1f, t, out);
                assertThat(spikes.get(t)).as("step %d", t).containsExactly(out.toSortedArray());
            }
            model.advanceTo(ref, 1f, inputs.length - 1);
            assertThat(st.neurons().get(Lif.V)).as("recurrent %s", recurrent).containsExactly(ref.get(Lif.V));
            assertThat(st.neurons().lastUpdateStep()).containsExactly(9, 9, 9, 9);
        }
        // finish alone: one input at step 0 decays analytically to the last step
        DenseLayer l = DenseLayer.builder("d", Shape.flat(1), 2).neurons(new Lif(lif())).build();
        l.weights()[0] = 6f;
        l.weights()[1] = 2.5f;
        LayerState st = fresh(l);
        drive(l, st, new int[][] {{0}, {}, {}, {}, {}, {}}, true);
        double decay = Math.exp(-5 / 10.0);
        assertThat((double) st.neurons().get(Lif.V)[0]).isCloseTo(-65 + 6 * decay, org.assertj.core.data.Offset.offset(1e-4));
        assertThat((double) st.neurons().get(Lif.V)[1]).isCloseTo(-65 + 2.5 * decay, org.assertj.core.data.Offset.offset(1e-4));
    }

    /** A clock-driven model (Izhikevich) is stepped at every step, with input or not: the model called by hand. */
    @Test
    void clockDrivenModelIsSteppedEveryStep() {
        Izhikevich model = new Izhikevich(org.snn4j.neuron.IzhikevichParameters.regularSpiking());
        DenseLayer l = DenseLayer.builder("d", Shape.flat(2), 3).neurons(model).build();
        float[] w = {12f, 30f, 4f, 25f, 0f, 40f};
        System.arraycopy(w, 0, l.weights(), 0, w.length);
        int[][] inputs = {{0}, {}, {1}, {}, {}, {0, 1}, {}, {}, {}, {}, {}, {}};
        LayerState st = fresh(l);
        List<int[]> spikes = drive(l, st, inputs, true);
        NeuronState ref = new NeuronState(3, model.stateVariables());
        model.initialise(ref);
        boolean anySpike = false;
        for (int t = 0; t < inputs.length; t++) {
            float[] in = new float[3];
            for (int i : inputs[t]) {
                for (int j = 0; j < 3; j++) {
                    in[j] += w[i * 3 + j];
                }
            }
            Spikes out = new Spikes(3);
            model.step(ref, in, null, 1f, t, out);
            assertThat(spikes.get(t)).as("step %d", t).containsExactly(out.toSortedArray());
            anySpike |= out.count() > 0;
        }
        assertThat(anySpike).isTrue();
        for (StateVar v : model.stateVariables()) {
            assertThat(st.neurons().get(v)).as(v.name()).containsExactly(ref.get(v));
        }
    }

    /** Test-only model: a perfect integrator that fires at the last step only, where {@code v > threshold}. */
    private static final class FiresAtEnd implements NeuronModel {
        static final StateVar V = new StateVar("v", "mV");
        final boolean closed;

        FiresAtEnd(boolean closed) {
            this.closed = closed;
        }

        @Override
        public List<StateVar> stateVariables() {
            return List.of(V);
        }

        @Override
        public void initialise(NeuronState s) {
        }

        @Override
        public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
            float[] v = s.get(V);
            for (int i = 0; i < v.length; i++) {
                v[i] += input[i];
            }
        }

        @Override
        public boolean closedForm() {
            return closed;
        }

        @Override
        public void stepTouched(NeuronState s, float[] input, int[] touched, int count, float dtMs, int t,
                                Spikes out) {
            float[] v = s.get(V);
            for (int k = 0; k < count; k++) {
                v[touched[k]] += input[touched[k]];
            }
        }

        @Override
        public void lastStep(NeuronState s, int t, Spikes out) {
            float[] v = s.get(V);
            for (int i = 0; i < v.length; i++) {
                if (v[i] > 1f) {
                    s.lastSpikeStep()[i] = t;
                    out.add(i);
                }
            }
        }
    }

    /** The model path calls the model's lastStep at the last step (and only there), then removes inhibited spikes. */
    @Test
    void modelPathCallsLastStepAtTheLastStepOnly() {
        for (boolean closed : new boolean[] {true, false}) {
            DenseLayer l = DenseLayer.builder("d", Shape.flat(2), 4).neurons(new FiresAtEnd(closed)).build();
            float[] w = {0.75f, 0.5f, 1.25f, 0.25f, 0.5f, 0.75f, 0f, 0.5f};
            System.arraycopy(w, 0, l.weights(), 0, w.length);
            LayerState st = fresh(l);
            List<int[]> spikes = drive(l, st, new int[][] {{0}, {1}, {}, {}}, true);
            assertThat(spikes.get(0)).isEmpty();
            assertThat(spikes.get(1)).isEmpty();
            assertThat(spikes.get(2)).isEmpty();
            assertThat(spikes.get(3)).as("closed %s", closed).containsExactly(0, 1, 2); // 1.25, 1.25, 1.25; 0.75 no
            // inhibited until the end: the last-step spike of neuron 1 is removed
            st = fresh(l);
            st.inhibitedUntil()[1] = Integer.MAX_VALUE;
            spikes = drive(l, st, new int[][] {{0}, {1}, {}, {}}, true);
            assertThat(spikes.get(3)).containsExactly(0, 2);
        }
    }

    /** "May not fire while the step is below inhibitedUntil": the model path removes those spikes itself. */
    @Test
    void modelPathRemovesSpikesOfInhibitedNeurons() {
        for (boolean closed : new boolean[] {true, false}) {
            DenseLayer l = DenseLayer.builder("d", Shape.flat(1), 3).neurons(new TestPerfectIf(0.5f, 0f, closed))
                    .build();
            l.weights()[0] = 1f;
            l.weights()[1] = 1f;
            l.weights()[2] = 0.25f;
            LayerState st = fresh(l);
            st.inhibitedUntil()[1] = 2;
            List<int[]> spikes = drive(l, st, new int[][] {{0}, {0}, {0}, {0}}, true);
            assertThat(spikes.get(0)).containsExactly(0);
            assertThat(spikes.get(1)).containsExactly(0);
            assertThat(spikes.get(2)).containsExactly(0, 1, 2);
            assertThat(spikes.get(3)).containsExactly(0, 1);
            assertThat(st.spikeCount()).isEqualTo(7);
        }
    }

    /**
     * Without endStep calls (an engine that does not call it), recurrent weights deliver the spikes the layer emitted
     * in the previous step; endStep replaces them by the final (post-competition) spikes; reset forgets them.
     */
    @Test
    void recurrentSpikesWithoutEndStepAreThoseEmitted() {
        for (NeuronModel model : List.of(PerfectIf.latencyCoded(0.5f), new TestPerfectIf(0.5f, -9f, true))) {
            DenseLayer l = DenseLayer.builder("d", Shape.flat(1), 3).neurons(model)
                    .recurrent(WeightInit.constant(0f)).build();
            l.weights()[0] = 1f;
            float[] rec = l.recurrentWeights();
            rec[1] = 1f;      // 0 -> 1
            rec[3 + 2] = 1f;  // 1 -> 2
            LayerState st = fresh(l);
            List<int[]> spikes = drive(l, st, new int[][] {{0}, {}, {}, {}}, false);
            assertThat(spikes).as("%s", model).containsExactly(new int[] {0}, new int[] {1}, new int[] {2}, new int[0]);
            // endStep with no spikes: the chain stops
            st = fresh(l);
            StepContext ctx = new StepContext(1f);
            ctx.begin(3, false);
            Spikes in = new Spikes(1);
            in.add(0);
            Spikes out = new Spikes(3);
            l.step(in, st, ctx, out);
            assertThat(out.toSortedArray()).containsExactly(0);
            l.endStep(new Spikes(3), st, ctx);
            ctx.setStep(1);
            out.clear();
            l.step(new Spikes(1), st, ctx, out);
            assertThat(out.count()).isZero();
            // a presentation that ends with a spike, then a reset: nothing is carried over
            st = fresh(l);
            drive(l, st, new int[][] {{}, {0}}, false);
            st.reset();
            st.neurons().clear();
            model.initialise(st.neurons());
            assertThat(drive(l, st, new int[][] {{}, {}, {}}, false)).allSatisfy(s -> assertThat(s).isEmpty());
        }
    }

    /** Every change of the weights gives weightVersion a value it never had (a cache keyed on it is never stale). */
    @Test
    void weightVersionTakesANewValueAtEveryChange() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(3), 2).neurons(PerfectIf.latencyCoded(1f))
                .recurrent(WeightInit.constant(0.5f)).build();
        List<Long> seen = new ArrayList<>();
        seen.add(l.weightVersion());
        List<Runnable> changes = List.of(l::recurrentWeights, l::weightMatrix, l::weightsChanged, l::recurrentMatrix,
                () -> l.updateReceptiveField(1, l.newState(), (w, pre, post) -> w + 1f),
                () -> l.updateSynapsesFrom(0, spikes(3, 2), l.newState(), (w, pre, post) -> w * 2f));
        for (Runnable change : changes) {
            l.weights();
            seen.add(l.weightVersion());
            change.run();
            seen.add(l.weightVersion());
        }
        assertThat(new HashSet<>(seen)).hasSize(seen.size());
        long v = l.weightVersion();
        l.weightsView();
        l.recurrentWeightsView();
        l.weightsCopy();
        assertThat(l.weightVersion()).isEqualTo(v);
    }

    private static Spikes spikes(int capacity, int... idx) {
        Spikes s = new Spikes(capacity);
        for (int i : idx) {
            s.add(i);
        }
        return s;
    }

    @Test
    void viewsOfRecurrentWeights() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(2), 3).neurons(PerfectIf.latencyCoded(1f))
                .recurrent(WeightInit.constant(0.25f)).build();
        FMatrixRMaj m = l.recurrentMatrix();
        assertThat(m.getNumRows()).isEqualTo(3);
        assertThat(m.getNumCols()).isEqualTo(3);
        assertThat(m.get(0, 0)).isZero(); // self-connection zeroed
        assertThat(m.get(0, 1)).isEqualTo(0.25f);
        m.set(2, 1, -0.5f); // writes through to the live weights: [pre 2][post 1]
        assertThat(l.recurrentWeightsView().get(2 * 3 + 1)).isEqualTo(-0.5f);
        assertThat(l.recurrentWeights()[7]).isEqualTo(-0.5f);
        assertThat(l.hasRecurrentWeights()).isTrue();
        DenseLayer plain = DenseLayer.builder("p", Shape.flat(2), 3).neurons(PerfectIf.latencyCoded(1f)).build();
        assertThat(plain.recurrentWeightsView()).isNull();
        assertThat(plain.recurrentWeights()).isNull();
        assertThat(plain.hasRecurrentWeights()).isFalse();
        assertThat(plain.synapseCount()).isEqualTo(6);
    }

    /** updateSynapsesFrom walks the given inputs of one output column only, in the order given. */
    @Test
    void updateSynapsesFromUpdatesTheGivenInputsOfOneColumn() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(5), 3).neurons(PerfectIf.latencyCoded(1f)).build();
        float[] w = l.weights();
        for (int i = 0; i < w.length; i++) {
            w[i] = i / 8f;
        }
        float[] before = l.weightsCopy();
        List<String> calls = new ArrayList<>();
        l.updateSynapsesFrom(2, spikes(5, 4, 1), l.newState(), (x, pre, post) -> {
            calls.add(pre + ">" + post + ":" + x);
            return 10f + pre;
        });
        assertThat(calls).containsExactly("4>2:" + 14 / 8f, "1>2:" + 5 / 8f);
        for (int i = 0; i < w.length; i++) {
            float want = i == 4 * 3 + 2 ? 14f : i == 3 + 2 ? 11f : before[i];
            assertThat(l.weightsCopy()[i]).as("weight %d", i).isEqualTo(want);
        }
        assertThatThrownBy(() -> l.updateSynapsesFrom(3, spikes(5, 0), l.newState(), (x, pre, post) -> x))
                .isInstanceOf(IndexOutOfBoundsException.class);
        DenseLayer c = l.compact(0.1f);
        assertThatThrownBy(() -> c.updateSynapsesFrom(0, spikes(5, 0), c.newState(), (x, pre, post) -> x))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("layer d is compact (inference-only)");
    }

    /** A state belongs to the layer that made it. */
    @Test
    void stateOfAnotherLayerIsRefused() {
        DenseLayer a = DenseLayer.builder("a", Shape.flat(2), 2).neurons(PerfectIf.latencyCoded(1f)).build();
        DenseLayer b = DenseLayer.builder("b", Shape.flat(2), 2).neurons(PerfectIf.latencyCoded(1f)).build();
        StepContext ctx = new StepContext(1f);
        ctx.begin(2, false);
        LayerState other = b.newState();
        assertThatThrownBy(() -> a.step(new Spikes(2), other, ctx, new Spikes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer a needs a state created by its newState(), got " + other.getClass().getName());
        assertThatThrownBy(() -> a.finish(null, ctx)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer a needs a state created by its newState(), got null");
        LayerState plain = new LayerState(Shape.flat(2), Shape.flat(2), new NeuronState(2, List.of(PerfectIf.V)));
        assertThatThrownBy(() -> a.step(new Spikes(2), plain, ctx, new Spikes(2)))
                .hasMessageEndingWith("got " + LayerState.class.getName());
    }

    /** A new state holds the model's initial values (here LIF at rest), before any engine initialises it. */
    @Test
    void newStateStartsFromTheModelsInitialValues() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(2), 3).neurons(new Lif(lif())).build();
        LayerState st = l.newState();
        assertThat(st.neurons().get(Lif.V)).containsOnly(-65f);
        assertThat(st.neurons().lastSpikeStep()).containsOnly(-1);
    }

    @Test
    void blankNamesAreRefused() {
        assertThatThrownBy(() -> DenseLayer.builder(" \t", Shape.flat(2), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank");
    }

    @Test
    void compactRefusesNegativeOrNaNThresholds() {
        DenseLayer l = DenseLayer.builder("d", Shape.flat(2), 2).neurons(PerfectIf.latencyCoded(1f)).build();
        assertThatThrownBy(() -> l.compact(-0.25f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold must be >= 0, got -0.25");
        assertThatThrownBy(() -> l.compact(Float.NaN)).hasMessage("threshold must be >= 0, got NaN");
        assertThat(l.compact(0f).isCompact()).isTrue();
    }

    /**
     * The compact form drops {@code |w| <= threshold} (ties at the threshold included, both signs), records the input
     * spike steps as the dense layer does, and counts exactly the surviving synapses of the rows it adds.
     */
    @Test
    void compactDropsTiesRecordsInputStepsAndCountsSurvivors() {
        int nIn = 4;
        int nOut = 5;
        float[] w = {
            0.5f, -0.5f, 0.75f, 0.25f, -0.625f,
            0.5f, 0.5f, 0.5f, 0.5f, 0.5f,
            -1.5f, 0.5000001f, -0.4999999f, 0f, 2f,
            0.875f, 1f, -0.5f, 0.5f, 0.625f};
        int[] survivors = {2, 0, 3, 3};
        for (NeuronModel model : List.<NeuronModel>of(PerfectIf.latencyCoded(0.9f), new TestPerfectIf(0.9f))) {
            DenseLayer l = DenseLayer.builder("d", Shape.flat(nIn), nOut).neurons(model).build();
            System.arraycopy(w, 0, l.weights(), 0, w.length);
            DenseLayer c = l.compact(0.5f);
            assertThat(c.synapseCount()).isEqualTo(8);
            float[] kept = c.weightsCopy();
            for (int k = 0; k < w.length; k++) {
                assertThat(kept[k]).as("weight %d", k).isEqualTo(Math.abs(w[k]) > 0.5f ? w[k] : 0f);
            }
            int[] inputStep = {2, 0, 1, 2};
            LayerHarness.Result dense = LayerHarness.run(List.of(l), inputStep, 4, null, 0);
            LayerHarness.Result compact = LayerHarness.run(List.of(c), inputStep, 4, null, 0);
            assertThat(compact.states().get(0).inputSpikeStep()).containsExactly(inputStep);
            assertThat(dense.states().get(0).inputSpikeStep()).containsExactly(inputStep);
            assertThat(compact.states().get(0).synapticEvents())
                    .isEqualTo(survivors[0] + survivors[1] + survivors[2] + survivors[3]);
            assertThat(dense.states().get(0).synapticEvents()).isEqualTo(nIn * nOut);
        }
    }

    @Test
    void toStringNamesModeRecurrenceAndCompactness() {
        PerfectIf fused = PerfectIf.latencyCoded(1f);
        DenseLayer f = DenseLayer.builder("f", Shape.flat(2), 3).neurons(fused).weights(WeightInit.constant(1f))
                .build();
        assertThat(f.toString()).isEqualTo("DenseLayer[f: " + Shape.flat(2) + " -> 3, " + fused + " (fused)]");
        TestPerfectIf m = new TestPerfectIf(1f);
        DenseLayer r = DenseLayer.builder("r", Shape.flat(2), 3).neurons(m).recurrent(WeightInit.constant(1f)).build();
        assertThat(r.toString()).isEqualTo("DenseLayer[r: " + Shape.flat(2) + " -> 3, " + m + ", recurrent]");
        assertThat(f.compact(0.5f, true).toString())
                .isEqualTo("DenseLayer[f: " + Shape.flat(2) + " -> 3, " + fused + " (fused), compact 6 synapses]");
        assertThat(f.compact(0.5f, false).toString()).isEqualTo("DenseLayer[f: " + Shape.flat(2) + " -> 3, " + fused
                + " (fused), compact 6 synapses (dense adds)]");
    }

    /** The fused fire-once and last-step loops fire above the threshold only ({@code V > threshold + offset}). */
    @Test
    void fusedLoopsDoNotFireAtExactlyTheThreshold() {
        // fire once: v = 0.5 + 0.25 + 0.25 = 1.0 exactly at the threshold 1.0 (offset 0) does not fire; 1.125 does
        DenseLayer once = DenseLayer.builder("o", Shape.flat(3), 2).neurons(PerfectIf.latencyCoded(1f)).build();
        float[] w = once.weights();
        w[0] = 0.5f; w[1] = 0.5f;
        w[2] = 0.25f; w[3] = 0.25f;
        w[4] = 0.25f; w[5] = 0.375f;
        List<int[]> s = drive(once, fresh(once), new int[][] {{0}, {1}, {2}, {}}, true);
        assertThat(s).containsExactly(new int[0], new int[0], new int[] {1}, new int[0]);
        // with an offset: threshold 1.0 + 0.125, neuron 1 at 1.125 exactly does not fire
        LayerState st = fresh(once);
        st.thresholdOffsets()[1] = 0.125f;
        s = drive(once, st, new int[][] {{0}, {1}, {2}, {}}, true);
        assertThat(s).allSatisfy(x -> assertThat(x).isEmpty());
        // fire at the last step: exactly 2.0 at threshold 2.0 does not fire
        DenseLayer last = DenseLayer.builder("l", Shape.flat(2), 3).neurons(new LastStepIf(2f)).build();
        float[] u = last.weights();
        u[0] = 1f; u[1] = 1.5f; u[2] = 0.5f;
        u[3] = 1f; u[4] = 0.625f; u[5] = 1.5f;
        s = drive(last, fresh(last), new int[][] {{0}, {1}, {}}, true);
        assertThat(s).containsExactly(new int[0], new int[0], new int[] {1});
    }
}
