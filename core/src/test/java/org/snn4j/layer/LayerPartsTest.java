package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * The layers' building blocks through their public API: weight initialisers (values, statistics, refusals),
 * the synaptic input buffer over several steps (the second depends on the clear), the layer state's lazily made
 * arrays and reset, and an asymmetrically padded layer at several positions.
 */
class LayerPartsTest {

    @Test
    void weightInitialisersFillAsDocumented() {
        float[] w = new float[5];
        WeightInit.constant(0.75f).fill(w);
        assertThat(w).containsOnly(0.75f);
        WeightInit.constant(-2f).fill(w, new SplittableRandom(1));
        assertThat(w).containsOnly(-2f);
        float[] u = new float[20000];
        WeightInit.uniform(-0.5f, 1.5f, 3).fill(u);
        double sum = 0;
        for (float x : u) {
            assertThat(x).isGreaterThanOrEqualTo(-0.5f).isLessThan(1.5f);
            sum += x;
        }
        assertThat(sum / u.length).isCloseTo(0.5, within(0.03));
        float[] again = new float[20000];
        WeightInit.uniform(-0.5f, 1.5f, 3).fill(again);
        assertThat(again).as("same seed, same weights").containsExactly(u);
        float[] viaRng = new float[4];
        WeightInit.uniform(2f, 4f, 99).fill(viaRng, new SplittableRandom(5));
        SplittableRandom ref = new SplittableRandom(5);
        for (float x : viaRng) {
            assertThat(x).isEqualTo(2f + 2f * ref.nextFloat());
        }
        float[] point = new float[3];
        WeightInit.uniform(1.25f, 1.25f, 1).fill(point);
        assertThat(point).containsOnly(1.25f);
        float[] g = new float[20000];
        WeightInit.normal(3f, 0.5f, 4).fill(g);
        double m = 0;
        double m2 = 0;
        for (float x : g) {
            m += x;
            m2 += (double) x * x;
        }
        m /= g.length;
        double sd = Math.sqrt(m2 / g.length - m * m);
        assertThat(m).isCloseTo(3.0, within(0.02));
        assertThat(sd).isCloseTo(0.5, within(0.02));
        float[] zeroStd = new float[3];
        WeightInit.normal(-1f, 0f, 4).fill(zeroStd, new SplittableRandom(2));
        assertThat(zeroStd).containsOnly(-1f);
        assertThatThrownBy(() -> WeightInit.constant(Float.NaN)).hasMessage("value must be finite, got NaN");
        assertThatThrownBy(() -> WeightInit.uniform(Float.NEGATIVE_INFINITY, 1f, 1))
                .hasMessage("lo and hi must be finite, got -Infinity and 1.0");
        assertThatThrownBy(() -> WeightInit.uniform(0f, Float.NaN, 1))
                .hasMessage("lo and hi must be finite, got 0.0 and NaN");
        assertThatThrownBy(() -> WeightInit.normal(Float.NaN, 1f, 1)).hasMessage("mean must be finite, got NaN");
        assertThatThrownBy(() -> WeightInit.normal(0f, Float.POSITIVE_INFINITY, 1))
                .hasMessage("std must be finite and >= 0, got Infinity");
        assertThatThrownBy(() -> WeightInit.uniform(0f, 1f, 1).fill(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WeightInit.normal(0f, 1f, 1).fill(new float[1], null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void synapticInputCollectsTouchesOnceAndClearsForTheNextStep() {
        SynapticInput in = new SynapticInput(40);
        assertThat(in.size()).isEqualTo(40);
        in.add(7, 0.5f);
        in.add(3, 1f);
        in.add(7, 0.25f);
        in.addRow(new int[] {9, 3, 11, 12}, new float[] {0f, 2f, 4f, 8f}, 1, 3);
        in.touch(20);
        in.touch(7);
        assertThat(in.touchedCount()).isEqualTo(4);
        assertThat(java.util.Arrays.copyOf(in.touchedList(), 4)).containsExactly(7, 3, 11, 20);
        assertThat(in.values()[7]).isEqualTo(0.75f);
        assertThat(in.values()[3]).isEqualTo(3f);
        assertThat(in.values()[11]).isEqualTo(4f);
        assertThat(in.values()[9]).isZero();
        assertThat(in.values()[12]).isZero();
        // a closed-form model gets only the touched neurons; its potentials move only there
        PerfectIf pif = new PerfectIf(PerfectIfParameters.of(100f));
        NeuronState s = new NeuronState(40, pif.stateVariables());
        pif.initialise(s);
        Spikes out = new Spikes(40);
        in.integrate(pif, s, null, 1f, 0, out);
        float[] v = s.get(PerfectIf.V);
        assertThat(v[7]).isEqualTo(0.75f);
        assertThat(v[3]).isEqualTo(3f);
        assertThat(s.lastUpdateStep()[20]).isZero();
        assertThat(s.lastUpdateStep()[21]).isEqualTo(-1);
        assertThat(in.touchedCount()).isZero();
        assertThat(in.values()).containsOnly(0f);
        // the second step starts from an empty buffer
        in.add(3, 1f);
        in.integrate(pif, s, null, 1f, 1, out);
        assertThat(v[3]).isEqualTo(4f);
        assertThat(v[7]).isEqualTo(0.75f);
        // a current forces the clock path: every neuron is stepped
        in.add(5, 1f);
        float[] cur = new float[40];
        cur[6] = 2f;
        in.integrate(pif, s, cur, 0.5f, 2, out);
        assertThat(v[5]).isEqualTo(1f);
        assertThat(v[6]).isEqualTo(1f);
        assertThat(s.lastUpdateStep()[39]).isEqualTo(2);
        // many touches: cleared in bulk, the same outcome
        for (int i = 0; i < 40; i++) {
            in.add(i, 1f);
        }
        in.clear();
        assertThat(in.values()).containsOnly(0f);
        assertThat(in.touchedCount()).isZero();
        in.add(39, 2f);
        assertThat(in.touchedCount()).isEqualTo(1);
        assertThat(in.touchedList()[0]).isEqualTo(39);
        assertThatThrownBy(() -> new SynapticInput(-1)).hasMessage("size must be >= 0, got -1");
    }

    @Test
    void layerStateMakesItsArraysOnDemandAndResetsThem() {
        Lif lif = new Lif(LifParameters.defaults());
        LayerState st = new LayerState(Shape.flat(3), new Shape(2, 1, 2), new NeuronState(4, lif.stateVariables()));
        assertThat(st.inputShape()).isEqualTo(Shape.flat(3));
        assertThat(st.inputSpikeStep()).containsExactly(-1, -1, -1);
        assertThat(st.inhibitedUntilOrNull()).isNull();
        int[] inh = st.inhibitedUntil();
        assertThat(st.inhibitedUntilOrNull()).isSameAs(inh);
        assertThat(st.inhibitedUntil()).isSameAs(inh);
        inh[2] = 9;
        st.inputSpikeStep()[1] = 4;
        st.count(3, 40);
        st.count(2, 5);
        assertThat(st.spikeCount()).isEqualTo(5);
        assertThat(st.synapticEvents()).isEqualTo(45);
        st.reset();
        assertThat(inh).containsOnly(0);
        assertThat(st.inputSpikeStep()).containsOnly(-1);
        assertThat(st.spikeCount()).as("reset keeps the counters").isEqualTo(5);
        st.resetCounters();
        assertThat(st.spikeCount()).isZero();
        assertThat(st.synapticEvents()).isZero();
        st.potentials()[3] = 7f;
        assertThat(st.potential(3)).isEqualTo(7f);
        assertThatThrownBy(() -> st.potential(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(st.thresholdOffsets()).isSameAs(st.neurons().thresholdOffset());
        assertThat(st.steppedModel(lif)).isSameAs(lif);
        Lif bound = (Lif) lif.bind(0.5f);
        st.bindModel(bound);
        assertThat(st.steppedModel(lif)).isSameAs(bound);
        LayerState none = new LayerState(Shape.flat(2), Shape.flat(2), null);
        none.reset(); // nothing made yet: nothing to reset
        assertThatThrownBy(none::potentials)
                .hasMessage("a layer with output 1x1x2 has no neurons, so no potentials");
        assertThatThrownBy(none::thresholdOffsets)
                .hasMessage("a layer with output 1x1x2 has no neurons, so no thresholds");
        LayerState noVars = new LayerState(Shape.flat(2), Shape.flat(2), new NeuronState(2, List.of()));
        assertThatThrownBy(noVars::potentials).hasMessageContaining("has no neurons, so no potentials");
        assertThatThrownBy(() -> new LayerState(Shape.flat(2), Shape.flat(3), new NeuronState(2, List.of())))
                .hasMessage("neurons must have 3 entries for output shape 1x1x3, got 2");
    }

    @Test
    void asymmetricPaddingMovesEverySpikeByItsOwnOffsets() {
        Shape in = new Shape(2, 3, 4);
        PaddingLayer pad = new PaddingLayer("p", in, 1, 2, 3, 0);
        assertThat(pad.outputShape()).isEqualTo(new Shape(2, 6, 7));
        assertThat(new int[] {pad.top(), pad.bottom(), pad.left(), pad.right()}).containsExactly(1, 2, 3, 0);
        LayerState st = pad.newState();
        StepContext ctx = new StepContext(1f);
        ctx.begin(5, false);
        ctx.setStep(3);
        Spikes s = new Spikes(in.size());
        int[] ins = {0, 5, 11, 12, 23};
        for (int i : ins) {
            s.add(i);
        }
        Spikes out = new Spikes(pad.outputShape().size());
        pad.step(s, st, ctx, out);
        Shape o = pad.outputShape();
        int[] expected = new int[ins.length];
        for (int k = 0; k < ins.length; k++) {
            int i = ins[k];
            expected[k] = o.index(in.channelOf(i), in.rowOf(i) + 1, in.colOf(i) + 3);
        }
        assertThat(java.util.Arrays.copyOf(out.indices(), out.count())).containsExactly(expected);
        assertThat(expected).containsExactly(10, 18, 27, 52, 69);
        assertThat(st.spikeCount()).isEqualTo(5);
        assertThat(st.synapticEvents()).isZero();
        assertThat(st.inputSpikeStep()[11]).isEqualTo(3);
        assertThat(st.inputSpikeStep()[10]).isEqualTo(-1);
        assertThat(pad.weightVersion()).isZero();
        assertThat(pad.toString()).isEqualTo("PaddingLayer[p: 2x3x4 -> 2x6x7]");
        assertThat(pad.codec()).isSameAs(LayerCodecs.PADDING);
        assertThatThrownBy(() -> new PaddingLayer(" ", in, 1)).hasMessage("name must not be blank");
        assertThatThrownBy(() -> new PaddingLayer("p", in, -1, 0, 0, 0))
                .hasMessage("padding must be >= 0, got top -1, bottom 0, left 0, right 0");
        assertThatThrownBy(() -> new PaddingLayer("p", in, 0, 0, 0, -2))
                .hasMessage("padding must be >= 0, got top 0, bottom 0, left 0, right -2");
        assertThatThrownBy(() -> new PaddingLayer("p", in, 0, 0, -1, 0)).hasMessageStartingWith("padding must be");
        assertThatThrownBy(() -> new PaddingLayer("p", in, 0, Integer.MAX_VALUE, 0, 0))
                .hasMessageStartingWith("layer p: output height = input height + top + bottom");
        assertThatThrownBy(() -> new PaddingLayer("p", in, 0, 0, Integer.MAX_VALUE, 0))
                .hasMessageStartingWith("layer p: output width = input width + left + right");
    }
}
