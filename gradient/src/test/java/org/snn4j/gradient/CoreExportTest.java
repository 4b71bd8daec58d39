package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.io.ModelData;
import org.snn4j.io.ModelFile;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.SrmParameters;

/** A trained LIF network on core's event-driven engine, and saving / loading through the model file. */
class CoreExportTest {
    static final int STEPS = 40;

    static SpikingNetwork lifNet(ResetMode reset, boolean conv, long seed) {
        CubaLif lif = CubaLif.of(CubaLifParameters.lif(0.9f, 1f, reset), new Surrogate.FastSigmoid(5f));
        Shape in = new Shape(2, 5, 5);
        SpikingNetwork.Builder b = SpikingNetwork.builder(in, STEPS, 1f);
        if (conv) {
            Conv2d c = new Conv2d("conv", in, 4, 3, 1, 1, false, Init.uniform(2f), seed);
            b.add(c).add(new SpikingLayer("conv.lif", c.outputShape(), lif))
                    .add(new Flatten("flat", c.outputShape()));
        }
        Shape cur = b.currentShape();
        return b.add(new Dense("fc1", cur, 12, false, Init.uniform(3f), seed + 1))
                .add(new SpikingLayer("lif1", Shape.flat(12), lif))
                .add(new Dense("fc2", Shape.flat(12), 3, false, Init.uniform(3f), seed + 2))
                .add(new SpikingLayer("lif2", Shape.flat(3), lif))
                .build();
    }

    /** SLAYER SRM neurons (a short PSP and refractory kernel for 40 steps). */
    static SpikingNetwork srmNet(boolean conv, long seed) {
        Srm srm = Srm.slayer(new SrmParameters(2f, 3f, 1f, 2f), 1f, 1f, 1f);
        Shape in = new Shape(2, 5, 5);
        SpikingNetwork.Builder b = SpikingNetwork.builder(in, STEPS, 1f);
        if (conv) {
            Conv2d c = new Conv2d("conv", in, 4, 3, 1, 1, false, Init.uniform(4f), seed);
            b.add(c).add(new SpikingLayer("conv.srm", c.outputShape(), srm))
                    .add(new Flatten("flat", c.outputShape()));
        }
        Shape cur = b.currentShape();
        return b.add(new Dense("fc1", cur, 12, false, Init.uniform(6f), seed + 1))
                .add(new SpikingLayer("srm1", Shape.flat(12), srm))
                .add(new Dense("fc2", Shape.flat(12), 3, false, Init.uniform(6f), seed + 2))
                .add(new SpikingLayer("srm2", Shape.flat(3), srm))
                .build();
    }

    static SpikingNetwork trained(ResetMode reset, boolean conv, Samples data) {
        return trained(lifNet(reset, conv, 11), data);
    }

    static SpikingNetwork trained(SpikingNetwork net, Samples data) {
        try (Trainer tr = new Trainer(net, SpikeCountLoss.slayer(STEPS, 8f, 1f), Adam.defaults(true),
                LearningRate.constant(0.02f), 8, 1, 5)) {
            for (int e = 0; e < 3; e++) {
                tr.trainEpoch(data, e);
            }
            // the evaluation's mean loss is the loss of each sample's inference forward pass, averaged
            Trainer.Evaluation ev = tr.evaluate(data);
            Loss loss = SpikeCountLoss.slayer(STEPS, 8f, 1f);
            Workspace ws = net.newWorkspace();
            double sum = 0;
            for (int i = 0; i < data.size(); i++) {
                data.load(i, ws.input());
                sum += loss.loss(net.forward(ws, Pass.inference()), data.label(i), ws.outputGradient(), 1f);
            }
            org.assertj.core.api.Assertions.assertThat(ev.meanLoss()).isGreaterThan(0)
                    .isCloseTo(sum / data.size(), org.assertj.core.data.Offset.offset(1e-6 * sum));
        }
        return net;
    }

    /** Output spike counts per sample: trainer forward vs core engine; returns the share of equal classes. */
    static double compare(SpikingNetwork net, Samples data, boolean requireIdentical) {
        Network core = CoreExport.toNetwork(net);
        Simulation sim = core.newSimulation(1);
        Workspace ws = net.newWorkspace();
        String last = net.layers().get(net.layers().size() - 2).name();   // core layers carry the synapse layer names
        Loss loss = SpikeCountLoss.slayer(STEPS, 8f, 1f);
        int same = 0;
        long spikes = 0;
        for (int i = 0; i < data.size(); i++) {
            data.load(i, ws.input());
            Tensor out = net.forward(ws, Pass.inference());
            float[] counts = new float[out.size()];
            out.sumOverTime(0, STEPS, counts);
            Tensor in = ws.input();
            int[] steps = new int[in.eventCount()];
            for (int t = 0; t < STEPS; t++) {
                for (int e = in.eventStart()[t]; e < in.eventStart()[t + 1]; e++) {
                    steps[e] = t;
                }
            }
            SpikeRaster raster = sim.recordSpikes(last);
            sim.present(EventSource.of(STEPS, in.size(), steps,
                    java.util.Arrays.copyOf(in.eventIndex(), in.eventCount())));
            sim.detach(raster);
            int[] coreCounts = raster.countsPerNeuron(out.size());
            if (requireIdentical) {
                for (int o = 0; o < counts.length; o++) {
                    assertThat(coreCounts[o]).as("sample %d output %d", i, o).isEqualTo((int) counts[o]);
                }
            }
            float[] cc = new float[coreCounts.length];
            for (int o = 0; o < cc.length; o++) {
                cc[o] = coreCounts[o];
                spikes += coreCounts[o];
            }
            same += Loss.argmax(cc, cc.length) == loss.predict(out) ? 1 : 0;
        }
        assertThat(spikes).as("output spikes on the engine").isGreaterThan(data.size());
        return (double) same / data.size();
    }

    @Test
    void subtractResetDenseNetworkGivesIdenticalCounts() {
        Samples data = NetworkGradientTest.samples(60, STEPS, new Shape(2, 5, 5), true, 3);
        SpikingNetwork net = trained(ResetMode.SUBTRACT, false, data);
        assertThat(compare(net, data, true)).isEqualTo(1.0);
    }

    @Test
    void resetToZeroAndConvolutionAgreeOnTheClass() {
        // lazy decay (TO_VALUE) and the conv layer's summation order may move a spike by rounding
        Samples data = NetworkGradientTest.samples(60, STEPS, new Shape(2, 5, 5), true, 4);
        SpikingNetwork net = trained(ResetMode.TO_VALUE, true, data);
        assertThat(compare(net, data, false)).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void srmDenseNetworkGivesIdenticalCounts() {
        Samples data = NetworkGradientTest.samples(60, STEPS, new Shape(2, 5, 5), true, 6);
        SpikingNetwork net = trained(srmNet(false, 12), data);
        assertThat(compare(net, data, true)).isEqualTo(1.0);
    }

    @Test
    void srmConvolutionAgreesOnTheClass() {
        // only the conv layer's summation order differs from the trainer's
        Samples data = NetworkGradientTest.samples(60, STEPS, new Shape(2, 5, 5), true, 7);
        SpikingNetwork net = trained(srmNet(true, 13), data);
        assertThat(compare(net, data, false)).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void smoothSrmAndBatchNormHaveNoCoreCounterpart() {
        Srm smooth = new Srm(SrmParameters.slayerNmnist(), 1f, Surrogate.slayer(1f, 1f, 10f), ForwardMode.SMOOTH,
                ResetGradient.DETACHED);
        SpikingNetwork net = SpikingNetwork.builder(Shape.flat(4), 10, 1f)
                .add(new Dense("fc", Shape.flat(4), 2, false, Init.uniform(1f), 1))
                .add(new SpikingLayer("srm", Shape.flat(2), smooth)).build();
        assertThatThrownBy(() -> CoreExport.toNetwork(net)).hasMessageContaining("layer srm")
                .hasMessageContaining("SMOOTH");
        Srm other = Srm.slayer(SrmParameters.slayerNmnist(), 2f, 1f, 1f);
        SpikingNetwork net2 = SpikingNetwork.builder(Shape.flat(4), 10, 1f)
                .add(new Dense("fc", Shape.flat(4), 2, false, Init.uniform(1f), 1))
                .add(new SpikingLayer("srm", Shape.flat(2), other)).build();
        assertThatThrownBy(() -> CoreExport.toNetwork(net2)).hasMessageContaining("dt 2.0 ms");
        SpikingNetwork net3 = SpikingNetwork.builder(Shape.flat(4), 10, 1f)
                .add(new Dense("fc", Shape.flat(4), 2, false, Init.uniform(1f), 1))
                .add(new BatchNorm("bn", Shape.flat(2), BatchNorm.Axis.FEATURE))
                .add(new SpikingLayer("srm", Shape.flat(2), Srm.slayer(SrmParameters.slayerNmnist(), 1f, 1f, 1f)))
                .build();
        assertThatThrownBy(() -> CoreExport.toNetwork(net3)).hasMessageContaining("layer fc");
    }

    @Test
    void saveAndLoadThroughTheModelFile() throws Exception {
        Samples data = NetworkGradientTest.samples(20, STEPS, new Shape(2, 5, 5), true, 5);
        SpikingNetwork net = trained(ResetMode.SUBTRACT, true, data);
        byte[] bytes = ModelFile.toBytes(net.toModelData());
        SpikingNetwork other = lifNet(ResetMode.SUBTRACT, true, 99);
        other.loadParameters(ModelFile.fromBytes(bytes));
        for (int p = 0; p < net.parameters().size(); p++) {
            assertThat(other.parameters().get(p).value()).containsExactly(net.parameters().get(p).value());
        }
        ModelData wrong = new ModelData();
        wrong.putArray("conv.weight", new int[] {1}, new float[1]);
        assertThatThrownBy(() -> other.loadParameters(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv.weight");
    }
}
