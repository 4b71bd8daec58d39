package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.io.ModelFileException;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.learning.BinaryStdp;
import org.snn4j.learning.LearningCodecs;
import org.snn4j.learning.RewardModulatedStdp;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.network.Network;
import org.snn4j.network.NetworkFile;
import org.snn4j.network.Presentation;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;

/**
 * The paper networks composed from library parts round-trip through {@link NetworkFile} with no code of their
 * own: weights, rule state and persistent thresholds are bit-identical, and the loaded network gives the same
 * spikes and winners as the one that was saved.
 */
class NetworkFileRoundTripTest {
    private static MnistDataset data;

    @BeforeAll
    static void load() throws IOException {
        Path p = Path.of("data/mnist10k");
        if (!Files.isDirectory(p)) {
            p = Path.of("examples/data/mnist10k");
        }
        data = MnistDataset.load(p);
    }

    /** Output spikes of the given layers and the winners of every presentation. */
    private static List<String> run(Simulation sim, List<? extends SpikeSource> inputs, Presentation p,
                                    String... layers) {
        List<SpikeRaster> rasters = new ArrayList<>();
        for (String l : layers) {
            rasters.add(sim.recordSpikes(l));
        }
        List<String> trace = new ArrayList<>();
        for (SpikeSource in : inputs) {
            PresentationResult r = sim.present(in, p);
            trace.add(r.winners().toString());
        }
        for (SpikeRaster r : rasters) {
            trace.add(Arrays.toString(r.steps()) + Arrays.toString(r.neurons()));
            sim.detach(r);
        }
        return trace;
    }

    @Test
    void mozafari2019ComposedRoundTripsBitIdentically() throws IOException {
        Mozafari2019Composed comp = new Mozafari2019Composed(11);
        MnistDataset.Split train = data.train();
        for (int i = 0; i < 8; i++) {
            comp.trainConv1(comp.encode(train.image(i)));
        }
        for (int i = 8; i < 16; i++) {
            comp.trainConv2(comp.encode(train.image(i)));
        }
        for (int i = 16; i < 30; i++) {
            comp.trainConv3(comp.encode(train.image(i)), train.label(i));
        }
        byte[] bytes = NetworkFile.toBytes(comp.network());
        Network loaded = NetworkFile.fromBytes(bytes, LearningCodecs.all());
        assertThat(NetworkFile.toBytes(loaded)).isEqualTo(bytes);
        for (String c : new String[] {"conv1", "conv2", "conv3"}) {
            assertThat(Arrays.equals(((Conv2dLayer) loaded.layer(c)).weights(), comp.conv(c).weights()))
                    .as("weights of %s", c).isTrue();
        }
        assertThat(((BinaryStdp) loaded.learningRule(loaded.indexOf("conv1"))).samples())
                .isEqualTo(comp.conv1Rule().samples()).isEqualTo(8);
        assertThat(((RewardModulatedStdp) loaded.learningRule(loaded.indexOf("conv3"))).rewardRates(0))
                .isEqualTo(comp.conv3Rule().rewardRates(0));

        List<SpikeSource> test = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            test.add(comp.encode(data.test().image(i)));
        }
        List<String> original = run(comp.network().newSimulation(0), test, Mozafari2019Composed.INFERENCE,
                "conv1", "conv2", "conv3");
        assertThat(original.subList(12, 15)).as("spikes in every conv layer").doesNotContain("[][]");
        assertThat(run(loaded.newSimulation(0), test, Mozafari2019Composed.INFERENCE, "conv1", "conv2", "conv3"))
                .isEqualTo(original);

        Mozafari2019Composed fresh = new Mozafari2019Composed(99);
        NetworkFile.readInto(bytes, fresh.network(), LearningCodecs.all());
        assertThat(run(fresh.network().newSimulation(0), test, Mozafari2019Composed.INFERENCE, "conv1", "conv2",
                "conv3")).as("weights loaded into a network built in code").isEqualTo(original);
    }

    @Test
    void diehlCookComposedRoundTripsWithItsAdaptiveThresholds() throws IOException {
        DiehlCookParameters p = DiehlCookParameters.paper();
        DiehlCookComposed c = new DiehlCookComposed(p, new Shape(1, 28, 28), 20, 3L);
        DiehlCookComposed.Presenter trainer = c.newPresenter();
        SplittableRandom r = new SplittableRandom(5);
        for (int d = 0; d < 10; d++) {
            trainer.present(data.train().pixels(), d * 784, true, r);
        }
        float[] theta = trainer.theta().clone();
        assertThat(theta).as("thresholds adapted").isNotEqualTo(new float[20]);

        byte[] bytes = NetworkFile.toBytes(trainer.simulation());
        Network loaded = NetworkFile.fromBytes(bytes, LearningCodecs.all());
        assertThat(NetworkFile.toBytes(loaded)).isEqualTo(bytes);
        assertThat(loaded.thresholdOffsets(0)).isEqualTo(theta);
        assertThat(((DenseLayer) loaded.layer(0)).weights()).isEqualTo(c.layer().weights());

        List<SpikeSource> test = new ArrayList<>();
        PoissonEncoder enc = PoissonEncoder.forNetwork(c.network(), p.maxRateHz(), p.presentSteps() * (double) p.dtMs(),
                255.0);
        for (int d = 100; d < 108; d++) {
            float[] x = new float[784];
            for (int i = 0; i < 784; i++) {
                x[i] = data.test().pixels()[d * 784 + i] & 0xFF;
            }
            test.add(enc.encode(x, new SplittableRandom(d)));
        }
        List<String> original = run(trainer.simulation(), test, Presentation.inference(), DiehlCookComposed.LAYER);
        assertThat(original.get(test.size())).as("the layer spikes").isNotEqualTo("[][]");
        assertThat(run(loaded.newSimulation(0), test, Presentation.inference(), DiehlCookComposed.LAYER))
                .isEqualTo(original);

        DiehlCookComposed fresh = new DiehlCookComposed(p, new Shape(1, 28, 28), 20, 99L);
        NetworkFile.readInto(bytes, fresh.network(), LearningCodecs.all());
        DiehlCookComposed.Presenter evaluator = fresh.newPresenter();
        assertThat(evaluator.theta()).as("a presenter made after loading starts from the saved thresholds")
                .isEqualTo(theta);
        assertThat(run(evaluator.simulation(), test, Presentation.inference(), DiehlCookComposed.LAYER))
                .isEqualTo(original);

        DiehlCookComposed wider = new DiehlCookComposed(p, new Shape(1, 28, 28), 30, 99L);
        ModelFileException e = catchThrowableOfType(ModelFileException.class,
                () -> NetworkFile.readInto(bytes, wider.network(), LearningCodecs.all()));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MISMATCH);
        assertThat(e.getMessage()).contains("exc").contains("1x1x20").contains("1x1x30");
    }
}
