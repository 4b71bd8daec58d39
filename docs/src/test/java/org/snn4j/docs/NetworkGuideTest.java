package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.dataset.MnistDataset;
// tag::imports-network[]
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Winner;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.encoding.MozafariEncoder;
import org.snn4j.io.ModelData;
import org.snn4j.io.ModelFile;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.layer.SparseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.learning.BinaryStdp;
import org.snn4j.learning.LearningCodecs;
import org.snn4j.network.Network;
import org.snn4j.network.NetworkFile;
import org.snn4j.network.Presentation;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.network.StopCondition;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;
// end::imports-network[]

/** The snippets of docs/layers.md, competition.md, learning.md, networks.md and persistence.md. */
class NetworkGuideTest {

    static Network convNetwork() {
        // tag::conv-network[]
        MozafariEncoder encoder = MozafariEncoder.mozafari2019();       // 6 x 28 x 28, 15 steps
        Conv2dLayer conv1 = Conv2dLayer.builder("conv1", encoder.outputShape(), 30, 5, 5)
                .padding(2)
                .weights(WeightInit.normal(0.8f, 0.05f, 1))             // seeded
                .neurons(PerfectIf.latencyCoded(15f))                   // perfect IF, fires once, V > 15
                .build();                                               // 30 x 28 x 28
        PoolingLayer pool1 = new PoolingLayer("pool1", conv1.outputShape(), 2, 2, 1);   // 30 x 15 x 15
        Network net = Network.builder(encoder.outputShape(), 1f)
                .add(conv1)
                .add(pool1)
                .compete("conv1", new KWinnersTakeAll(5, 3))            // 5 winners, inhibition radius 3
                .learn("conv1", BinaryStdp.mozafari(30))                // binary STDP, Mozafari 2019 rates
                .build();                                               // every shape is checked here
        // end::conv-network[]
        return net;
    }

    @Test
    void layers() {
        // tag::layers[]
        Shape in = Shape.flat(784);
        DenseLayer dense = DenseLayer.builder("dense", in, 100)
                .weights(WeightInit.uniform(0f, 0.3f, 11))               // [pre][post] layout, mV
                .neurons(new Lif(LifParameters.defaults()))
                .build();
        SparseLayer sparse = SparseLayer.random("sparse", in, Shape.flat(1000), 0.05, 0.5f,
                new Lif(LifParameters.defaults()), new java.util.SplittableRandom(3));  // 5% connectivity, 0.5 mV
        // end::layers[]
        assertThat(dense.outputShape()).isEqualTo(Shape.flat(100));
        assertThat(dense.weights()).hasSize(784 * 100);
        assertThat(sparse.synapseCount()).isBetween(784 * 1000 / 20 - 2000, 784 * 1000 / 20 + 2000);
        Network net = convNetwork();
        assertThat(net.layer("pool1").outputShape()).isEqualTo(new Shape(30, 15, 15));
    }

    @Test
    void shapesAreCheckedAtBuild() {
        Shape in = Shape.flat(10);
        DenseLayer a = DenseLayer.builder("a", in, 5).weights(WeightInit.constant(1f))
                .neurons(PerfectIf.latencyCoded(1f)).build();
        DenseLayer b = DenseLayer.builder("b", Shape.flat(6), 2).weights(WeightInit.constant(1f))
                .neurons(PerfectIf.latencyCoded(1f)).build();
        assertThatThrownBy(() -> Network.builder(in, 1f).add(a).add(b).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b");
    }

    @Test
    void trainConvLayerWithStdp() throws IOException {
        MnistDataset.Split train = MnistDataset.load(AerDatasetsGuideTest.MNIST).train();
        int samples = 20;
        // tag::train[]
        Network net = convNetwork();
        MozafariEncoder encoder = MozafariEncoder.mozafari2019();
        Simulation sim = net.newSimulation(42);
        float[] before = ((Conv2dLayer) net.layer("conv1")).weights().clone();
        for (int i = 0; i < samples; i++) {
            EventSource input = encoder.encode(train.image(i));
            PresentationResult r = sim.present(input, 1, true);      // layer 0 only, learning on
            List<Winner> winners = r.winners(0);                   // up to 5, from distinct feature maps
            sim.learn(0f);                                          // afterSample: STDP on the winners
        }
        // end::train[]
        float[] after = ((Conv2dLayer) net.layer("conv1")).weights();
        int changed = 0;
        for (int i = 0; i < after.length; i++) {
            assertThat(after[i]).isBetween(0f, 1f);
            if (after[i] != before[i]) {
                changed++;
            }
        }
        assertThat(changed).isPositive();
        // same seed, same data: bit-identical weights
        Network again = convNetwork();
        Simulation sim2 = again.newSimulation(42);
        for (int i = 0; i < samples; i++) {
            sim2.present(encoder.encode(train.image(i)), 1, true);
            sim2.learn(0f);
        }
        assertThat(((Conv2dLayer) again.layer("conv1")).weights()).containsExactly(after);
    }

    @Test
    void winnerTakeAll() {
        // tag::wta[]
        Shape in = Shape.flat(4);
        Network net = Network.builder(in, 1f)
                .add(DenseLayer.builder("out", in, 3)
                        .weights(WeightInit.uniform(5f, 15f, 2))
                        .neurons(new Lif(LifParameters.defaults()))
                        .build())
                .compete("out", new WinnerTakeAll(0f, 5))     // one spike per step; others reset to 0 mV; winner rests 5 steps
                .build();
        // end::wta[]
        Simulation sim = net.newSimulation(1);
        int[] steps = new int[40];
        int[] idx = new int[40];
        for (int k = 0; k < 40; k++) {
            steps[k] = k / 4;
            idx[k] = k % 4;
        }
        var raster = sim.recordSpikes("out");
        sim.present(EventSource.of(10, 4, steps, idx));
        int[] perStep = new int[10];
        for (int k = 0; k < raster.count(); k++) {
            perStep[raster.step(k)]++;
        }
        for (int t = 0; t < 10; t++) {
            assertThat(perStep[t]).isLessThanOrEqualTo(1);
        }
        assertThat(raster.count()).isPositive();
    }

    @Test
    void parallelInference() throws Exception {
        MnistDataset.Split test = MnistDataset.load(AerDatasetsGuideTest.MNIST).test();
        Network net = convNetwork();
        MozafariEncoder encoder = MozafariEncoder.mozafari2019();
        // tag::parallel[]
        // weights are shared read-only; each task gets its own Simulation (not thread-safe)
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Long>> spikes = new java.util.ArrayList<>();
        for (int w = 0; w < 2; w++) {
            final int worker = w;
            spikes.add(pool.submit(() -> {
                Simulation sim = net.newSimulation(100 + worker);
                long n = 0;
                for (int i = worker; i < 20; i += 2) {
                    n += sim.present(encoder.encode(test.image(i))).outputSpikes(0);
                }
                return n;
            }));
        }
        long total = spikes.get(0).get() + spikes.get(1).get();
        pool.shutdown();
        // end::parallel[]
        long sequential = 0;
        Simulation one = net.newSimulation(7);
        for (int i = 0; i < 20; i++) {
            sequential += one.present(encoder.encode(test.image(i))).outputSpikes(0);
        }
        assertThat(total).isEqualTo(sequential).isPositive();
    }

    @Test
    void describe() {
        Network net = convNetwork();
        // tag::describe[]
        Simulation sim = net.newSimulation(42);
        Properties run = sim.describe().toProperties();   // network.seed=42, layer.0.name=conv1, ...
        // end::describe[]
        assertThat(run.getProperty("network.seed")).isEqualTo("42");
        assertThat(run.getProperty("network.layers")).isEqualTo("2");
        assertThat(run.getProperty("layer.0.name")).isEqualTo("conv1");
    }

    @Test
    void networkFile(@TempDir Path dir) throws IOException {
        Network net = convNetwork();
        MozafariEncoder encoder = MozafariEncoder.mozafari2019();
        MnistDataset.Split train = MnistDataset.load(AerDatasetsGuideTest.MNIST).train();
        Path file = dir.resolve("conv.snn");
        // tag::save-network[]
        Simulation sim = net.newSimulation(42);
        for (int i = 0; i < 20; i++) {
            sim.present(encoder.encode(train.image(i)), true);   // learn
            sim.learn(0f);
        }
        NetworkFile.write(sim, file);       // layers, weights, parameters, rule state, persistent thresholds
        // end::save-network[]
        // tag::read-network[]
        Network loaded = NetworkFile.read(file, LearningCodecs.all());  // snn4j-learning's rules need its codecs
        byte[] bytes = NetworkFile.toBytes(loaded);                     // e.g. to broadcast to workers
        Network copy = NetworkFile.fromBytes(bytes, LearningCodecs.all());
        Simulation worker = copy.newSimulation(0);                      // starts from the saved thresholds
        // end::read-network[]
        // tag::read-into[]
        Network built = convNetwork();                                  // the same structure, built in code
        NetworkFile.readInto(file, built, LearningCodecs.all());        // weights and thresholds; MISMATCH otherwise
        // end::read-into[]
        float[] w = ((Conv2dLayer) net.layer(0)).weights();
        assertThat(((Conv2dLayer) copy.layer(0)).weights()).containsExactly(w);
        assertThat(((Conv2dLayer) built.layer(0)).weights()).containsExactly(w);
        assertThat(((BinaryStdp) copy.learningRule(0)).samples()).isEqualTo(20);
        assertThat(worker.network()).isSameAs(copy);
        assertThat(bytes).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void persistence(@TempDir Path dir) throws IOException {
        Shape in = Shape.flat(784);
        DenseLayer trained = DenseLayer.builder("dense", in, 100)
                .weights(WeightInit.uniform(0f, 1f, 5)).neurons(new Lif(LifParameters.defaults())).build();
        Path file = dir.resolve("dense.snn4j");
        // tag::save[]
        ModelData model = new ModelData()
                .putText("layer", "dense")
                .putInt("seed", 5)
                .putReal("dtMs", 1.0)
                .putArray("dense.weights", new int[] {784, 100}, trained.weights());   // [pre][post]
        ModelFile.write(file, model);                    // versioned, CRC32-checked, atomic replace
        // end::save[]
        // tag::load[]
        ModelData loaded = ModelFile.read(file);         // ModelFileException names the byte offset if damaged
        DenseLayer restored = DenseLayer.builder("dense", in, 100)
                .weights(WeightInit.constant(0f)).neurons(new Lif(LifParameters.defaults())).build();
        float[] w = loaded.array("dense.weights", 784, 100);   // checks the shape
        System.arraycopy(w, 0, restored.weights(), 0, w.length);
        // end::load[]
        assertThat(restored.weights()).containsExactly(trained.weights());
        assertThat(loaded.integer("seed")).isEqualTo(5);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        assertThatThrownBy(() -> ModelFile.fromBytes(bytes)).isInstanceOf(org.snn4j.io.ModelFileException.class);
    }

    @Test
    void presentations() throws IOException {
        MnistDataset.Split train = MnistDataset.load(Path.of("../examples/data/mnist10k")).train();
        MozafariEncoder encoder = MozafariEncoder.mozafari2019();
        Network net = convNetwork();
        Simulation sim = net.newSimulation(7);
        // tag::presentation[]
        Presentation stdp = Presentation.training().upTo("conv1");          // pool1 is not run; conv1 learns
        Presentation test = Presentation.inference()                         // every layer, no learning,
                .stopWhen(StopCondition.firstSpike("pool1"));                // answer with the first spike
        PresentationResult r = sim.present(encoder.encode(train.image(0)), stdp);
        sim.learn(0f);
        // r.steps() < 15: binary STDP with k-WTA stops at the step of the last winner (exact)
        PresentationResult answer = sim.present(encoder.encode(train.image(1)), test);
        // end::presentation[]
        assertThat(r.winners(0)).hasSize(5);
        assertThat(r.steps()).isEqualTo(r.winners(0).get(4).step() + 1).isLessThan(15);
        assertThat(r.layersRun()).isEqualTo(1);
        assertThat(answer.outputSpikes(1)).isPositive();
        assertThat(answer.steps()).isLessThanOrEqualTo(15);
    }
}
