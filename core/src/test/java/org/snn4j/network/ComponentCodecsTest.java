package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.competition.Competition;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.LateralInhibition;
import org.snn4j.competition.PointwiseInhibition;
import org.snn4j.competition.ResetFired;
import org.snn4j.competition.ThresholdAdaptation;
import org.snn4j.competition.TwoThresholdHomeostasis;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.io.ModelFileException;
import org.snn4j.io.SectionFile;
import org.snn4j.neuron.BiasCurrent;
import org.snn4j.neuron.ConductanceLif;
import org.snn4j.neuron.ConductanceLifParameters;
import org.snn4j.neuron.Integrator;
import org.snn4j.neuron.Izhikevich;
import org.snn4j.neuron.IzhikevichIntegrator;
import org.snn4j.neuron.IzhikevichParameters;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.ThresholdComparison;
import org.snn4j.synapse.ConductanceIntegration;
import org.snn4j.synapse.ConductanceParameters;
import org.snn4j.synapse.ExpConductanceLif;
import org.snn4j.synapse.ExpCurrentLif;
import org.snn4j.synapse.ExpCurrentParameters;

/**
 * Every core component through its codec with every field set to a distinct, non-default value, so that a
 * dropped, swapped or defaulted field changes what comes back.
 */
class ComponentCodecsTest {

    private static Object roundTrip(Object c) throws ModelFileException {
        byte[] bytes = SectionFile.toBytes(c, "c");
        return SectionFile.fromBytes(bytes, Object.class, "c", NetworkFile.coreCodecs());
    }

    @Test
    void neuronModelsKeepEveryParameter() throws ModelFileException {
        LifParameters lp = new LifParameters(13f, -61f, -67f, -49f, 2.5f, 1.5f, ResetMode.SUBTRACT);
        Lif lif = (Lif) roundTrip(new Lif(lp));
        assertThat(lif.parameters()).isEqualTo(lp);
        PerfectIfParameters pp = new PerfectIfParameters(3.5f, -0.5f, ResetMode.NONE, 0.75f, true,
                ThresholdComparison.GREATER);
        assertThat(((PerfectIf) roundTrip(new PerfectIf(pp))).parameters()).isEqualTo(pp);
        PerfectIfParameters pp2 = new PerfectIfParameters(2f, 1f, ResetMode.TO_VALUE, 0f, false,
                ThresholdComparison.GREATER_OR_EQUAL);
        assertThat(((PerfectIf) roundTrip(new PerfectIf(pp2))).parameters()).isEqualTo(pp2);
        assertThat(roundTrip(new Integrator())).isInstanceOf(Integrator.class);
        assertThat(((LastStepIf) roundTrip(new LastStepIf(4.25f))).threshold()).isEqualTo(4.25f);
        IzhikevichParameters ip = new IzhikevichParameters(0.03f, 0.21f, -57f, 6f);
        Izhikevich iz = (Izhikevich) roundTrip(new Izhikevich(ip, IzhikevichIntegrator.TWO_HALF_STEPS, -62f, -11f));
        assertThat(iz.parameters()).isEqualTo(ip);
        assertThat(iz.integrator()).isEqualTo(IzhikevichIntegrator.TWO_HALF_STEPS);
        assertThat(iz.v0()).isEqualTo(-62f);
        assertThat(iz.u0()).isEqualTo(-11f);
        ConductanceLifParameters cp = new ConductanceLifParameters(90f, -64f, -66f, -51f, 1f, -99f, 0.02f, 0.3f, 4f,
                ThresholdComparison.GREATER_OR_EQUAL);
        assertThat(((ConductanceLif) roundTrip(new ConductanceLif(cp))).parameters()).isEqualTo(cp);
        BiasCurrent bc = (BiasCurrent) roundTrip(new BiasCurrent(new Lif(lp), new float[] {0.5f, -1.5f, 2f}));
        assertThat(bc.current()).containsExactly(0.5f, -1.5f, 2f);
        assertThat(((Lif) bc.model()).parameters()).isEqualTo(lp);
    }

    @Test
    void synapticModelsKeepEveryParameter() throws ModelFileException {
        ExpCurrentParameters ep = new ExpCurrentParameters(21f, 4f, 9f, -48f, -51f, -59f, 3f);
        assertThat(((ExpCurrentLif) roundTrip(new ExpCurrentLif(ep))).parameters()).isEqualTo(ep);
        ConductanceParameters cp = new ConductanceParameters(19f, 5.5f, 11f, -61f, -52f, -63f, 1f, -79f, 4.5f,
                ConductanceIntegration.EXPONENTIAL_EULER);
        assertThat(((ExpConductanceLif) roundTrip(new ExpConductanceLif(cp))).parameters()).isEqualTo(cp);
        ConductanceParameters fe = new ConductanceParameters(19f, 5.5f, 11f, -61f, -52f, -63f, 1f, -79f, 4.5f,
                ConductanceIntegration.FORWARD_EULER);
        assertThat(((ExpConductanceLif) roundTrip(new ExpConductanceLif(fe))).parameters()).isEqualTo(fe);
    }

    @Test
    void competitionsKeepEveryParameterAndTheirOrder() throws ModelFileException {
        List<Competition> all = List.of(new WinnerTakeAll(-71f, 3), new KWinnersTakeAll(4, 2, true),
                new KWinnersTakeAll(2, 0, false), new ResetFired(-58f), new ThresholdAdaptation(0.07f, 1234f, 25f),
                new TwoThresholdHomeostasis(11f, 1.25f, 0.3f, 2.5f, true),
                new TwoThresholdHomeostasis(12f, 1.5f, 0.2f, 3.5f, false));
        for (Competition c : all) {
            assertThat(roundTrip(c)).isEqualTo(c);
        }
        assertThat(roundTrip(new PointwiseInhibition())).isInstanceOf(PointwiseInhibition.class);
        assertThat(roundTrip(new LateralInhibition())).isInstanceOf(LateralInhibition.class);
        Competition chain = new PointwiseInhibition().andThen(new KWinnersTakeAll(3, 1))
                .andThen(Competition.whileLearning(new ThresholdAdaptation(0.1f, 50f, 0f)));
        Competition back = (Competition) roundTrip(chain);
        assertThat(back.toString()).isEqualTo(chain.toString());
        assertThat(back.parts()).hasSize(3);
        assertThat(back.parts().get(1)).isEqualTo(new KWinnersTakeAll(3, 1));
        assertThat(back.keepsThresholdOffset()).isEqualTo(chain.keepsThresholdOffset());
    }

    @Test
    void layersKeepTheirGeometryAndWeights() throws ModelFileException {
        org.snn4j.layer.PaddingLayer pad = (org.snn4j.layer.PaddingLayer) roundTrip(
                new org.snn4j.layer.PaddingLayer("pad", new Shape(2, 3, 4), 1, 2, 3, 4));
        assertThat(pad.name()).isEqualTo("pad");
        assertThat(pad.inputShape()).isEqualTo(new Shape(2, 3, 4));
        assertThat(new int[] {pad.top(), pad.bottom(), pad.left(), pad.right()}).containsExactly(1, 2, 3, 4);
        assertThat(pad.outputShape()).isEqualTo(new Shape(2, 6, 11));
        org.snn4j.layer.PoolingLayer pool = (org.snn4j.layer.PoolingLayer) roundTrip(
                new org.snn4j.layer.PoolingLayer("pool", new Shape(2, 9, 10), 2, 3, 2, 1));
        assertThat(new int[] {pool.kernelHeight(), pool.kernelWidth(), pool.stride(), pool.padding()})
                .containsExactly(2, 3, 2, 1);
        assertThat(pool.outputShape()).isEqualTo(new org.snn4j.layer.PoolingLayer("p", new Shape(2, 9, 10), 2, 3, 2, 1)
                .outputShape());
        org.snn4j.layer.Conv2dLayer conv = org.snn4j.layer.Conv2dLayer.builder("conv", new Shape(2, 7, 8), 3, 3, 2)
                .stride(2).padding(1, 2).weights(org.snn4j.layer.WeightInit.uniform(-1f, 1f, 5))
                .neurons(new Lif(LifParameters.defaults())).build();
        org.snn4j.layer.Conv2dLayer c2 = (org.snn4j.layer.Conv2dLayer) roundTrip(conv);
        assertThat(new int[] {c2.inChannels(), c2.outChannels(), c2.kernelHeight(), c2.kernelWidth(), c2.stride(),
            c2.paddingH(), c2.paddingW()}).containsExactly(2, 3, 3, 2, 2, 1, 2);
        assertThat(c2.outputShape()).isEqualTo(conv.outputShape());
        assertThat(c2.weightsCopy()).containsExactly(conv.weightsCopy());
        assertThat(c2.name()).isEqualTo("conv");
        org.snn4j.layer.DenseLayer dense = org.snn4j.layer.DenseLayer.builder("dense", new Shape(1, 2, 3), 4)
                .weights(org.snn4j.layer.WeightInit.uniform(-1f, 1f, 6))
                .recurrent(org.snn4j.layer.WeightInit.uniform(-0.5f, 0f, 7))
                .neurons(new Lif(LifParameters.defaults())).build();
        org.snn4j.layer.DenseLayer d2 = (org.snn4j.layer.DenseLayer) roundTrip(dense);
        assertThat(d2.inputShape()).isEqualTo(new Shape(1, 2, 3));
        assertThat(d2.outputShape().size()).isEqualTo(4);
        assertThat(d2.weightsCopy()).containsExactly(dense.weightsCopy());
        assertThat(d2.hasRecurrentWeights()).isTrue();
        assertThat(d2.recurrentWeights()).containsExactly(dense.recurrentWeights());
        assertThat(d2.isCompact()).isFalse();
        org.snn4j.layer.DenseLayer plain = org.snn4j.layer.DenseLayer.builder("plain", new Shape(1, 1, 3), 2)
                .weights(org.snn4j.layer.WeightInit.uniform(0f, 1f, 8)).neurons(new Lif(LifParameters.defaults()))
                .build();
        assertThat(((org.snn4j.layer.DenseLayer) roundTrip(plain)).hasRecurrentWeights()).isFalse();
    }

    @Test
    void shapesKeepTheirOrder() throws ModelFileException {
        assertThat(roundTrip(new Shape(2, 3, 5))).isEqualTo(new Shape(2, 3, 5));
    }
}
