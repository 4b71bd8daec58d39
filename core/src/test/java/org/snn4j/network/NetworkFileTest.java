package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.EventSource;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.competition.Competition;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.PointwiseInhibition;
import org.snn4j.competition.ThresholdAdaptation;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.io.Codec;
import org.snn4j.io.ModelData;
import org.snn4j.io.ModelFile;
import org.snn4j.io.ModelFileException;
import org.snn4j.io.Persistent;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.PaddingLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.layer.SparseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.synapse.ExpCurrentLif;
import org.snn4j.synapse.ExpCurrentParameters;
import org.snn4j.synapse.PopulationLayer;
import org.snn4j.synapse.Projection;
import org.snn4j.synapse.Receptor;
import org.snn4j.neuron.BiasedIf;
import org.snn4j.neuron.Integrator;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.Srm;
import org.snn4j.neuron.SrmParameters;

/** Saving and loading whole networks: bit-identical round trips, typed errors, user codecs. */
class NetworkFileTest {
    private static final LifParameters LIF = LifParameters.defaults().withVThreshold(4f);

    /** Dense (WTA, then adaptive thresholds) -> sparse -> population (exponential currents, recurrent, delays). */
    static Network denseSparsePopulation() {
        SplittableRandom rng = new SplittableRandom(3);
        Shape in = Shape.flat(20);
        DenseLayer d = DenseLayer.builder("d", in, 12).weights(WeightInit.uniform(0f, 3f, 5))
                .recurrent(WeightInit.uniform(-0.5f, 0f, 6))
                .neurons(new Lif(LIF)).build();
        SparseLayer s = SparseLayer.random("s", Shape.flat(12), Shape.flat(10), 0.5, 3f, new Lif(LIF), rng);
        PopulationLayer p = PopulationLayer.builder("p", Shape.flat(10), 8,
                        new ExpCurrentLif(new ExpCurrentParameters(10f, 2f, 4f, 0f, 2f, 0f, 2f)))
                .input(Projection.random(10, 8, 0.6, 2.5f, Receptor.EXCITATORY, 0, rng))
                .recurrent(0, Projection.random(8, 8, 0.3, 1f, Receptor.INHIBITORY, 2, rng)).build();
        return Network.builder(in, 1f).add(d).add(s).add(p)
                .compete("d", new WinnerTakeAll(0f, 2).andThen(new ThresholdAdaptation(0.7f, 500f, 0f)))
                .build();
    }

    /** Conv (fire once, pointwise + k-WTA, homeostasis while learning) -> pool -> pad -> conv (decide at last step). */
    static Network convolutional() {
        Shape in = new Shape(2, 8, 8);
        Conv2dLayer c1 = Conv2dLayer.builder("c1", in, 4, 3, 3).weights(WeightInit.normal(0.8f, 0.1f, 9))
                .neurons(PerfectIf.latencyCoded(2f)).build();
        PoolingLayer pool = new PoolingLayer("pool", c1.outputShape(), 2, 2, 0);
        PaddingLayer pad = new PaddingLayer("pad", pool.outputShape(), 1);
        Conv2dLayer c2 = Conv2dLayer.builder("c2", pad.outputShape(), 3, 3, 3).weights(WeightInit.uniform(0f, 1f, 4))
                .neurons(new Integrator()).build();
        return Network.builder(in, 1f).add(c1).add(pool).add(pad).add(c2)
                .compete("c1", new PointwiseInhibition().andThen(new KWinnersTakeAll(2, 1))
                        .andThen(Competition.whileLearning(new ThresholdAdaptation(0.3f, 1e4f, 0f))))
                .build();
    }

    private static List<EventSource> sources(int size, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<EventSource> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(TestSources.poisson(size, 25, 0.3, r));
        }
        return out;
    }

    /** Every output spike (presentation, step, neuron) and winner of every layer, over the given sources. */
    private static List<String> run(Simulation sim, List<EventSource> sources) {
        Network net = sim.network();
        List<SpikeRaster> rasters = new ArrayList<>();
        for (int i = 0; i < net.layerCount(); i++) {
            rasters.add(sim.recordSpikes(net.layer(i).name()));
        }
        List<String> trace = new ArrayList<>();
        for (EventSource s : sources) {
            PresentationResult r = sim.present(s);
            trace.add(r.winners().toString());
            org.snn4j.layer.LayerState last = sim.state(net.layerCount() - 1);
            if (last.neurons() != null) {
                trace.add(java.util.Arrays.toString(last.potentials()));
            }
        }
        for (SpikeRaster r : rasters) {
            trace.add(java.util.Arrays.toString(r.steps()) + java.util.Arrays.toString(r.neurons()));
            sim.detach(r);
        }
        return trace;
    }

    @Test
    void denseSparsePopulationRoundTripGivesIdenticalSpikesWeightsAndThresholds() throws IOException {
        Network net = denseSparsePopulation();
        Simulation sim = net.newSimulation(1);
        run(sim, sources(20, 6, 11)); // adapts the thresholds
        float[] theta = sim.state("d").thresholdOffsets().clone();
        assertThat(theta).as("the adaptation wrote offsets").isNotEqualTo(new float[12]);
        for (int i = 0; i < 3; i++) {
            assertThat(sim.spikeCount(i)).as("spikes of layer %d", i).isPositive();
        }

        byte[] bytes = NetworkFile.toBytes(sim);
        Network loaded = NetworkFile.fromBytes(bytes);
        assertThat(NetworkFile.toBytes(loaded)).as("a loaded network saves to the same bytes").isEqualTo(bytes);
        assertThat(loaded.thresholdOffsets(0)).isEqualTo(theta);
        assertThat(((DenseLayer) loaded.layer(0)).weights()).isEqualTo(((DenseLayer) net.layer(0)).weights());
        assertThat(((DenseLayer) loaded.layer(0)).recurrentWeights())
                .isEqualTo(((DenseLayer) net.layer(0)).recurrentWeights());
        assertThat(((SparseLayer) loaded.layer(1)).weightsCopy()).isEqualTo(((SparseLayer) net.layer(1)).weightsCopy());
        assertThat(loaded.describe()).isEqualTo(net.describe());

        Simulation fresh = loaded.newSimulation(1);
        assertThat(fresh.state("d").thresholdOffsets()).isEqualTo(theta);
        List<EventSource> later = sources(20, 5, 12);
        assertThat(run(fresh, later)).as("the loaded network continues exactly as the saved simulation")
                .isEqualTo(run(sim, later));
    }

    @Test
    void convolutionalRoundTripGivesIdenticalSpikesWinnersAndWeights(@TempDir Path dir) throws IOException {
        Network net = convolutional();
        Simulation sim = net.newSimulation(2);
        for (EventSource s : sources(128, 4, 21)) {
            sim.present(s, Presentation.training()); // homeostasis on (learning flag), no rules
        }
        assertThat(sim.spikeCount(0)).isPositive();
        assertThat(sim.spikeCount(3)).as("decide at last step: no spikes, potentials only").isZero();
        assertThat(sim.state(0).thresholdOffsets()).as("homeostasis wrote offsets").isNotEqualTo(new float[144]);
        Path file = dir.resolve("conv.snn");
        NetworkFile.write(sim, file);
        Network loaded = NetworkFile.read(file);
        assertThat(((Conv2dLayer) loaded.layer(0)).weights()).isEqualTo(((Conv2dLayer) net.layer(0)).weights());
        assertThat(((Conv2dLayer) loaded.layer(3)).weights()).isEqualTo(((Conv2dLayer) net.layer(3)).weights());
        assertThat(loaded.thresholdOffsets(0)).isEqualTo(sim.state(0).thresholdOffsets());
        assertThat(loaded.describe()).isEqualTo(net.describe());
        List<EventSource> later = sources(128, 4, 22);
        assertThat(run(loaded.newSimulation(2), later)).isEqualTo(run(sim, later));
    }

    @Test
    void readIntoCopiesWeightsAndThresholdsIntoANetworkOfTheSameStructure() throws IOException {
        Network trained = denseSparsePopulation();
        Simulation sim = trained.newSimulation(1);
        run(sim, sources(20, 4, 11));
        byte[] bytes = NetworkFile.toBytes(sim);
        Network target = Network.builder(Shape.flat(20), 1f)
                .add(DenseLayer.builder("d", Shape.flat(20), 12).recurrent(WeightInit.constant(0f))
                        .neurons(new Lif(LIF)).build())
                .add(trained.layer(1)).add(trained.layer(2))
                .compete("d", new WinnerTakeAll(0f, 2).andThen(new ThresholdAdaptation(0.7f, 500f, 0f))).build();
        NetworkFile.readInto(bytes, target);
        assertThat(((DenseLayer) target.layer(0)).weights()).isEqualTo(((DenseLayer) trained.layer(0)).weights());
        assertThat(target.thresholdOffsets(0)).isEqualTo(sim.state(0).thresholdOffsets());
    }

    @Test
    void loadingIntoAnotherShapeIsATypedMismatchNamingTheLayer() {
        byte[] bytes = NetworkFile.toBytes(denseSparsePopulation());
        Network other = Network.builder(Shape.flat(20), 1f)
                .add(DenseLayer.builder("d", Shape.flat(20), 13).neurons(new Lif(LIF)).build()).build();
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> NetworkFile.readInto(bytes, other));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MISMATCH);
        assertThat(e.getMessage()).contains("3 layers").contains("1 layers");

        Network otherStep = Network.builder(Shape.flat(20), 0.5f)
                .add(DenseLayer.builder("d", Shape.flat(20), 12).neurons(new Lif(LIF)).build()).build();
        e = catchThrowableOfType(ModelFileException.class, () -> NetworkFile.readInto(bytes, otherStep));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MISMATCH);
        assertThat(e.getMessage()).contains("1.0 ms").contains("0.5 ms");

        Network sameCount = Network.builder(Shape.flat(20), 1f)
                .add(DenseLayer.builder("d", Shape.flat(20), 13).neurons(new Lif(LIF)).build())
                .add(SparseLayer.random("s", Shape.flat(13), Shape.flat(10), 0.5, 3f, new Lif(LIF), new SplittableRandom(1)))
                .add(PopulationLayer.builder("p", Shape.flat(10), 8, new Lif(LIF)).build()).build();
        float[] before = ((DenseLayer) sameCount.layer(0)).weights().clone();
        e = catchThrowableOfType(ModelFileException.class, () -> NetworkFile.readInto(bytes, sameCount));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MISMATCH);
        assertThat(e.field()).isEqualTo("layer 0 (d)");
        assertThat(e.getMessage()).contains("1x1x12").contains("1x1x13");
        assertThat(((DenseLayer) sameCount.layer(0)).weights()).as("nothing copied").isEqualTo(before);
    }

    /** A user's own neuron model: a LIF whose input is scaled. */
    static final class ScaledLif implements NeuronModel, Persistent {
        static final Codec<ScaledLif> CODEC = Codec.of("test.ScaledLif", ScaledLif.class,
                (m, out) -> out.putFloat("scale", m.scale).putComponent("lif", m.lif),
                in -> new ScaledLif(in.getComponent("lif", Lif.class), in.getFloat("scale")));
        final Lif lif;
        final float scale;
        private float[] scaled = new float[0];

        ScaledLif(Lif lif, float scale) {
            this.lif = lif;
            this.scale = scale;
        }

        @Override
        public Codec<?> codec() {
            return CODEC;
        }

        @Override
        public List<StateVar> stateVariables() {
            return lif.stateVariables();
        }

        @Override
        public void initialise(NeuronState s) {
            lif.initialise(s);
        }

        @Override
        public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
            if (scaled.length != input.length) {
                scaled = new float[input.length];
            }
            for (int i = 0; i < input.length; i++) {
                scaled[i] = input[i] * scale;
            }
            lif.step(s, scaled, current, dtMs, t, out);
        }
    }

    @Test
    void aUserModelTakesPartThroughItsCodecAndIsATypedErrorWithoutIt() throws IOException {
        Network net = Network.builder(Shape.flat(20), 1f)
                .add(DenseLayer.builder("d", Shape.flat(20), 5).weights(WeightInit.uniform(0f, 2f, 1))
                        .neurons(new ScaledLif(new Lif(LIF), 1.5f)).build()).build();
        byte[] bytes = NetworkFile.toBytes(net);
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> NetworkFile.fromBytes(bytes));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.UNKNOWN_SECTION);
        assertThat(e.field()).isEqualTo("network.stages[0].layer.neurons");
        assertThat(e.getMessage()).contains("'test.ScaledLif'");

        Network loaded = NetworkFile.fromBytes(bytes, List.of(ScaledLif.CODEC));
        assertThat(((ScaledLif) loaded.layer(0).neuronModel()).scale).isEqualTo(1.5f);
        List<EventSource> s = sources(20, 3, 5);
        assertThat(run(loaded.newSimulation(0), s)).isEqualTo(run(net.newSimulation(0), s));
    }

    @Test
    void aComponentWithoutCodecCannotBeWrittenAndIsNamed() {
        NeuronModel anonymous = new NeuronModel() {
            @Override
            public List<StateVar> stateVariables() {
                return List.of(Lif.V);
            }

            @Override
            public void initialise(NeuronState s) {
            }

            @Override
            public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
            }
        };
        Network net = Network.builder(Shape.flat(4), 1f)
                .add(DenseLayer.builder("d", Shape.flat(4), 2).neurons(anonymous).build()).build();
        assertThatThrownBy(() -> NetworkFile.toBytes(net)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network.stages[0].layer.neurons").hasMessageContaining("Persistent");
    }

    /**
     * The SRM neuron (a network exported from the gradient trainer) and the biased IF neuron (a converted ANN's
     * biases) round-trip with their parameters, step and currents; a biased IF neuron whose current is set per
     * presentation cannot be saved and says why.
     */
    @Test
    void srmAndBiasedIfNetworksRoundTrip() throws IOException {
        Shape in = Shape.flat(20);
        Network net = Network.builder(in, 0.5f)
                .add(DenseLayer.builder("srm", in, 8).weights(WeightInit.uniform(0f, 2f, 3))
                        .neurons(new Srm(new SrmParameters(3f, 2f, 1f, 1.5f), 0.5f)).build())
                .add(DenseLayer.builder("if", Shape.flat(8), 4).weights(WeightInit.uniform(0f, 1f, 4))
                        .neurons(new BiasedIf(PerfectIfParameters.of(1f), new float[] {0f, 0.1f, 0.25f, 0.4f}))
                        .build())
                .build();
        byte[] bytes = NetworkFile.toBytes(net);
        Network loaded = NetworkFile.fromBytes(bytes);
        assertThat(NetworkFile.toBytes(loaded)).isEqualTo(bytes);
        assertThat(((Srm) loaded.layer(0).neuronModel()).dtMs()).isEqualTo(0.5f);
        assertThat(loaded.describe()).isEqualTo(net.describe());
        List<EventSource> s = sources(20, 4, 8);
        Simulation original = net.newSimulation(3);
        List<String> expected = run(original, s);
        assertThat(original.spikeCount(0)).as("SRM spikes").isPositive();
        assertThat(original.spikeCount(1)).as("biased IF spikes").isPositive();
        assertThat(run(loaded.newSimulation(3), s)).isEqualTo(expected);

        org.snn4j.CurrentSource perImage = new org.snn4j.CurrentSource() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public void current(int step, float[] out) {
                java.util.Arrays.fill(out, 0, 4, 0.1f);
            }
        };
        Network unsaveable = Network.builder(Shape.flat(8), 1f)
                .add(DenseLayer.builder("if", Shape.flat(8), 4)
                        .neurons(new BiasedIf(PerfectIfParameters.of(1f), perImage, true)).build()).build();
        assertThatThrownBy(() -> NetworkFile.toBytes(unsaveable)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not replayable");
    }

    @Test
    void anOldFlatModelFileIsAClearForeignError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("old.model");
        ModelFile.write(file, new ModelData().putText("model", "Mozafari2019").putArray("w", new int[] {1}, new float[1]));
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> NetworkFile.read(file));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.FOREIGN);
        assertThat(e.getMessage()).startsWith("FOREIGN").contains(file.toString()).contains("ModelFile.read");
        assertThat(Files.size(file)).isPositive();
    }
}
