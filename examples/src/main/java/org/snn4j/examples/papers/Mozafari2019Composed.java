package org.snn4j.examples.papers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.Winner;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.competition.Competition;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.PointwiseInhibition;
import org.snn4j.encoding.FloatImage;
import org.snn4j.io.ModelData;
import org.snn4j.io.ModelFile;
import org.snn4j.io.ModelFileException;
import org.snn4j.encoding.MozafariEncoder;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.PaddingLayer;
import org.snn4j.layer.PoolingLayer;
import org.snn4j.learning.BinaryStdp;
import org.snn4j.learning.RewardModulatedStdp;
import org.snn4j.network.Network;
import org.snn4j.network.Presentation;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.snn4j.neuron.LastStepIf;

/**
 * Mozafari et al. 2019 (Pattern Recognition 94:87-95, doi:10.1016/j.patcog.2019.05.015, hyper-parameters of
 * SpykeTorch's {@code MozafariDeep.py}) assembled from snn4j's library parts only; the flagship
 * {@link Mozafari2019} runs on it. It has no network-specific simulation code: its speed is the engine's
 * (early stop at the last winner, fused pointwise inhibition, collapsed final-potential presentations for
 * conv3, the frozen-layer output cache). The earlier network-specific implementation, {@code MozafariNetwork},
 * is kept in the test sources as the reference it is checked against:
 * <pre>
 * MozafariEncoder.mozafari2019()          6 DoG, threshold 50, local normalisation, 15-step latency code: 6x28x28
 * 0 pad0   PaddingLayer 2                                                                         6x32x32
 * 1 conv1  Conv2dLayer 6->30 5x5, PerfectIf fire once, v &gt; 15     training: PointwiseInhibition then
 *                                                                       KWinnersTakeAll(5, 3); BinaryStdp 30x28x28
 * 2 pool1  PoolingLayer 2x2 stride 2                                                              30x14x14
 * 3 pad1   PaddingLayer 1                                                                         30x16x16
 * 4 conv2  Conv2dLayer 30->250 3x3, PerfectIf fire once, v &gt; 10   training: PointwiseInhibition then
 *                                                                       KWinnersTakeAll(8, 1); BinaryStdp 250x14x14
 * 5 pool2  PoolingLayer 3x3 stride 3                                                              250x4x4
 * 6 pad2   PaddingLayer 2                                                                         250x8x8
 * 7 conv3  Conv2dLayer 250->200 5x5, fires at the last step (v &gt; 0); KWinnersTakeAll(1, 0);
 *          RewardModulatedStdp; class = winner's map / 20, no winner = silence                   200x4x4
 * </pre>
 *
 * <h2>How the parts are composed</h2>
 * The eight layers are built once into one {@link Network} with a competition and a learning rule on each
 * conv layer; each phase is a {@link Presentation} of that network, because SpykeTorch applies inhibition only
 * in the layer being trained and none in inference:
 * <ul>
 *   <li>conv1 STDP: {@code training().upTo("conv1")} (conv1 competes and learns with
 *       {@link BinaryStdp#mozafari}; the engine stops at the step of the last winner), {@code learn(0)};</li>
 *   <li>conv2 STDP: {@code training().upTo("conv2").learnOnly("conv2").withoutCompetition("conv1")};</li>
 *   <li>conv3 R-STDP: {@code training().learnOnly("conv3").withoutCompetition("conv1", "conv2")} with
 *       {@code KWinnersTakeAll(1, 0)} and {@link RewardModulatedStdp#mozafari} on conv3,
 *       {@code learn(+1 / -1)};</li>
 *   <li>inference: {@code inference().withoutCompetition("conv1", "conv2")};</li>
 *   <li>no replays of its own: while conv2 or conv3 learns, the layers before it are frozen, and the engine's
 *       frozen-layer cache ({@link Simulation#frozenOutputCache}) computes their output once per digit and
 *       replays it in later epochs.</li>
 * </ul>
 * The doubling schedule of conv1/conv2 is inside {@link BinaryStdp#mozafari}; Mozafari's R-STDP rate
 * adaptation is {@link #scaleConv3Rates} (reward rates x miss rate, punishment rates x hit rate of each batch
 * of {@value #RSTDP_BATCH} samples), which {@link #main} calls.
 *
 * <p>{@link Conv2dLayer.Builder#pointwiseInhibition fused pointwise inhibition} is a property of the layer,
 * so it cannot be on while conv1 trains and off in inference: the competition {@link PointwiseInhibition} is
 * used instead (the same result, checked by the layers module).
 *
 * <h2>Equivalence with the reference {@code MozafariNetwork}</h2>
 * {@code Mozafari2019EquivalenceTest} checks, on mnist10k digits and with the same initial weights, identical
 * input spikes, conv1/conv2 first-spike steps, STDP winners and (bit-identical) trained weights, pool2 maps,
 * conv3 winners and R-STDP updates. The one difference is float summation order (this network adds weight
 * rows in tap order per step, the fast one in input-spike order): when two candidates have exactly equal
 * potentials (common in conv2, whose pooled input is sparse) or conv3 potentials agree to ~1e-6, rounding
 * may pick a different one on each side.
 *
 * <h2>Weight layout</h2>
 * The layers hold {@code [inC][kH][kW][outC]}; {@link #weightsOIHW} / {@link #setWeightsOIHW} exchange the
 * conventional {@code [outC][inC][kH][kW]} order (the model file's order). Initial weights are
 * {@code max(0, N(0.8, 0.05))} drawn in that order with one generator split from the seed per layer (the same
 * numbers as the reference {@code MozafariNetwork(seed)}).
 *
 * <h2>Run</h2>
 * {@code java -cp examples/target/snn4j-examples.jar org.snn4j.examples.papers.Mozafari2019Composed --quick}
 * (options: {@code --train N --test N --epochs1 E --epochs2 E --epochs3 E --data DIR --seed S}).
 * Prints the test accuracy and the images/s of each phase (one thread).
 *
 * <p>Learning is sequential: the training methods use this object's one learning simulation and are not
 * thread-safe. Inference may run on several threads, one {@link #newInferenceSimulation} each, while no
 * training runs.
 */
public final class Mozafari2019Composed {
    /** Steps of the latency code. */
    public static final int STEPS = 15;
    /** conv3 feature maps per class. */
    public static final int MAPS_PER_CLASS = 20;
    /** Samples per R-STDP rate adaptation batch. */
    public static final int RSTDP_BATCH = 1000;
    /** Index of conv1 in the network. */
    public static final int CONV1 = 1;
    /** Index of conv2 in the network. */
    public static final int CONV2 = 4;
    /** Index of conv3 in the network. */
    public static final int CONV3 = 7;

    private final MozafariEncoder encoder = MozafariEncoder.mozafari2019();
    private final Conv2dLayer conv1;
    private final Conv2dLayer conv2;
    private final Conv2dLayer conv3;
    private final BinaryStdp stdp1;
    private final BinaryStdp stdp2;
    private final RewardModulatedStdp rstdp3;
    private final Network net;
    private final Simulation sim;
    /** conv1's STDP: layers up to conv1; conv1 competes and learns. */
    private static final Presentation CONV1_STDP = Presentation.training().upTo("conv1");
    /** conv2's STDP: layers up to conv2; conv1 runs without inhibition; only conv2 learns. */
    private static final Presentation CONV2_STDP = Presentation.training().upTo("conv2").learnOnly("conv2")
            .withoutCompetition("conv1");
    /** conv3's R-STDP: every layer; conv1 and conv2 without inhibition; only conv3 learns. */
    private static final Presentation CONV3_RSTDP = Presentation.training().learnOnly("conv3")
            .withoutCompetition("conv1", "conv2");
    /** Inference: every layer, conv1 and conv2 without inhibition, conv3's 1-WTA decides. */
    public static final Presentation INFERENCE = Presentation.inference().withoutCompetition("conv1", "conv2");

    /**
     * Builds the layers, rules and network: conv1 and conv2 of fire-once perfect integrate-and-fire neurons
     * ({@link PerfectIf#latencyCoded}), conv3 of {@link LastStepIf} neurons.
     *
     * @param seed seeds the initial weights (one seed per conv layer, split from {@code seed})
     */
    public Mozafari2019Composed(long seed) {
        PaddingLayer pad0 = new PaddingLayer("pad0", encoder.outputShape(), 2);
        conv1 = spiking(Conv2dLayer.builder("conv1", pad0.outputShape(), 30, 5, 5), 15f);
        PoolingLayer pool1 = new PoolingLayer("pool1", conv1.outputShape(), 2, 2, 0);
        PaddingLayer pad1 = new PaddingLayer("pad1", pool1.outputShape(), 1);
        conv2 = spiking(Conv2dLayer.builder("conv2", pad1.outputShape(), 250, 3, 3), 10f);
        PoolingLayer pool2 = new PoolingLayer("pool2", conv2.outputShape(), 3, 3, 0);
        PaddingLayer pad2 = new PaddingLayer("pad2", pool2.outputShape(), 2);
        conv3 = Conv2dLayer.builder("conv3", pad2.outputShape(), 200, 5, 5).neurons(new LastStepIf(0f)).build();
        SplittableRandom root = new SplittableRandom(seed);
        setWeightsOIHW("conv1", initialWeights(root.split(), 30 * 6 * 5 * 5));
        setWeightsOIHW("conv2", initialWeights(root.split(), 250 * 30 * 3 * 3));
        setWeightsOIHW("conv3", initialWeights(root.split(), 200 * 250 * 5 * 5));
        stdp1 = BinaryStdp.mozafari(30);
        stdp2 = BinaryStdp.mozafari(250);
        rstdp3 = RewardModulatedStdp.mozafari(200);
        Competition c1 = new PointwiseInhibition().andThen(new KWinnersTakeAll(5, 3));
        Competition c2 = new PointwiseInhibition().andThen(new KWinnersTakeAll(8, 1));
        net = Network.builder(encoder.outputShape(), 1f).add(pad0).add(conv1).add(pool1).add(pad1).add(conv2)
                .add(pool2).add(pad2).add(conv3)
                .compete("conv1", c1).learn("conv1", stdp1)
                .compete("conv2", c2).learn("conv2", stdp2)
                .compete("conv3", new KWinnersTakeAll(1, 0)).learn("conv3", rstdp3)
                .build();
        sim = net.newSimulation(seed);
    }

    /**
     * Initial weights in {@code [outC][inC][kH][kW]} order: {@code max(0, 0.8 + 0.05 g)} with {@code g} standard
     * normal, drawn in that order (the same numbers as the earlier network-specific implementation for the
     * same seed, so the flagship's seeds keep their results).
     */
    private static float[] initialWeights(SplittableRandom rng, int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(0f, (float) (0.8f + 0.05f * rng.nextGaussian())); // float mean and std, as the reference
        }
        return w;
    }

    private Conv2dLayer spiking(Conv2dLayer.Builder b, float threshold) {
        return b.neurons(PerfectIf.latencyCoded(threshold)).build();
    }

    /** The encoder (shared, thread-safe). */
    public MozafariEncoder encoder() {
        return encoder;
    }

    /** Encodes one 28x28 digit (pixels 0..255) into its 6x28x28, 15-step latency code. */
    public SpikeSource encode(FloatImage digit) {
        return encoder.encode(digit);
    }

    /**
     * The one network: every layer with its competition and rule; each phase is a {@link Presentation} of it
     * (which layers run, which learn and compete).
     */
    public Network network() {
        return net;
    }

    /** conv1's STDP rule (rates, sample count). */
    public BinaryStdp conv1Rule() {
        return stdp1;
    }

    /** conv2's STDP rule. */
    public BinaryStdp conv2Rule() {
        return stdp2;
    }

    /** conv3's R-STDP rule. */
    public RewardModulatedStdp conv3Rule() {
        return rstdp3;
    }

    /** The conv layer called {@code name} ({@code conv1}, {@code conv2} or {@code conv3}). */
    public Conv2dLayer conv(String name) {
        switch (Objects.requireNonNull(name, "name")) {
            case "conv1":
                return conv1;
            case "conv2":
                return conv2;
            case "conv3":
                return conv3;
            default:
                throw new IllegalArgumentException("name must be conv1, conv2 or conv3, got " + name);
        }
    }

    /** The weights of conv layer {@code name} in {@code [outC][inC][kH][kW]} order (a copy). */
    public float[] weightsOIHW(String name) {
        return conv(name).toMatrixOIHW().data;
    }

    /**
     * Overwrites the weights of conv layer {@code name} from {@code [outC][inC][kH][kW]} order.
     *
     * @param oihw not modified
     * @throws IllegalArgumentException if the length is wrong
     */
    public void setWeightsOIHW(String name, float[] oihw) {
        Conv2dLayer c = conv(name);
        int taps = c.inChannels() * c.kernelHeight() * c.kernelWidth();
        Objects.requireNonNull(oihw, "oihw");
        if (oihw.length != c.outChannels() * taps) {
            throw new IllegalArgumentException(name + " weights must have " + c.outChannels() * taps
                    + " values, got " + oihw.length);
        }
        c.setFromMatrixOIHW(FMatrixRMaj.wrap(c.outChannels(), taps, oihw));
    }

    /**
     * One unsupervised STDP sample for conv1: runs the first 2 layers with learning, then {@code learn(0)}.
     *
     * @return conv1's winners of this sample (for inspection)
     */
    public List<Winner> trainConv1(SpikeSource input) {
        PresentationResult r = sim.present(input, CONV1_STDP);
        sim.learn(0f);
        return r.winners(CONV1);
    }

    /** One unsupervised STDP sample for conv2: runs the first 5 layers with learning, then {@code learn(0)}. */
    public List<Winner> trainConv2(SpikeSource input) {
        PresentationResult r = sim.present(input, CONV2_STDP);
        sim.learn(0f);
        return r.winners(CONV2);
    }

    /**
     * One R-STDP sample for conv3: runs all layers with learning, decides, then rewards (+1) a correct
     * decision, punishes (-1) a wrong one; silence learns nothing.
     *
     * @param label the true class, 0..9
     * @return the decided class, or -1 for silence
     */
    public int trainConv3(SpikeSource input, int label) {
        PresentationResult r = sim.present(input, CONV3_RSTDP);
        int decided = decision(r.winners(CONV3));
        sim.learn(decided < 0 ? 0f : decided == label ? 1f : -1f);
        return decided;
    }

    /**
     * Mozafari's per-batch adaptation: reward rates = base x {@code miss}, punishment rates = base x
     * {@code hit} (fractions of the last batch).
     */
    public void scaleConv3Rates(double miss, double hit) {
        rstdp3.scaleRates(miss, hit);
    }

    /** A simulation for inference on one thread (shares the weights; no learning). */
    public Simulation newInferenceSimulation() {
        return net.newSimulation(0L);
    }

    /**
     * Classifies one encoded digit with an inference simulation (no inhibition in conv1/conv2).
     *
     * @return the class, or -1 for silence
     */
    public int classify(SpikeSource input, Simulation inference) {
        checkSimulation(inference);
        return decision(inference.present(input, INFERENCE).winners(CONV3));
    }

    private void checkSimulation(Simulation s) {
        if (s.network() != net) {
            throw new IllegalArgumentException("the simulation must be one of network(), got one of " + s.network());
        }
    }

    /** The class decided by conv3's winners (the first winner's map / 20), or -1 if there is none. */
    public static int decision(List<Winner> conv3Winners) {
        return conv3Winners.isEmpty() ? -1 : conv3Winners.get(0).channel() / MAPS_PER_CLASS;
    }

    /**
     * Trains and tests on a subset of mnist10k with one thread and prints accuracy and throughput:
     * {@code java -cp examples/target/snn4j-examples.jar org.snn4j.examples.papers.Mozafari2019Composed [options]};
     * {@code --help} lists the options ({@link Command}).
     */
    public static void main(String[] args) {
        Cli.main(new Command(), args);
    }

    /** The command line of {@link #main}, parsed by {@link Cli}. */
    @CommandLine.Command(name = "mozafari2019-composed", sortOptions = false,
            description = "Mozafari et al. 2019 built from the library's generic layers: accuracy and throughput, one thread.")
    public static final class Command implements Cli.Command {
        @Option(names = "--train", paramLabel = "N", converter = Ranges.AtLeastZero.class,
                description = "training digits (default 1000)")
        Integer train;

        @Option(names = "--test", paramLabel = "N", converter = Ranges.AtLeastZero.class,
                description = "test digits (default 500, quick 300)")
        Integer test;

        @Option(names = "--epochs1", paramLabel = "E", converter = Ranges.AtLeastZero.class,
                description = "conv1 epochs (default 2, quick 3)")
        Integer e1;

        @Option(names = "--epochs2", paramLabel = "E", converter = Ranges.AtLeastZero.class,
                description = "conv2 epochs (default 4, quick 3)")
        Integer e2;

        @Option(names = "--epochs3", paramLabel = "E", converter = Ranges.AtLeastZero.class,
                description = "conv3 epochs (default 4, quick 6)")
        Integer e3;

        @Option(names = "--quick", description = "1000 / 300 digits, epochs 3 / 3 / 6 (as the fast example's smoke test)")
        boolean quick;

        @Option(names = "--seed", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
        long seed = 1;

        @Mixin
        Options.Data data = new Options.Data("examples/data/mnist10k");

        /** A command-line instance; picocli sets the options. */
        public Command() {
        }

        @Override
        public void run(PrintStream out) throws IOException {
            Mozafari2019Composed.run(data.find(), Options.orDefault(train, quick, 1000, 1000),
                    Options.orDefault(test, quick, 300, 500), Options.orDefault(e1, quick, 3, 2),
                    Options.orDefault(e2, quick, 3, 4), Options.orDefault(e3, quick, 6, 4), seed, out);
        }
    }

    /**
     * Trains (conv1 {@code e1} epochs, conv2 {@code e2}, conv3 {@code e3}, in that order, on the first
     * {@code nTrain} digits) and tests on the first {@code nTest} test digits; prints one line per phase.
     *
     * @return the test accuracy, as a fraction
     */
    public static double run(Path data, int nTrain, int nTest, int e1, int e2, int e3, long seed, PrintStream out) throws IOException {
        MnistDataset ds = MnistDataset.load(data);
        nTrain = Math.min(nTrain, ds.train().count());
        nTest = Math.min(nTest, ds.test().count());
        Mozafari2019Composed net = new Mozafari2019Composed(seed);
        out.printf(Locale.ROOT, "Mozafari 2019 composed from library parts: %d train / %d test, "
                + "epochs %d / %d / %d, seed %d, 1 thread%n", nTrain, nTest, e1, e2, e3, seed);
        long t0 = System.nanoTime();
        SpikeSource[] tr = new SpikeSource[nTrain];
        for (int i = 0; i < nTrain; i++) {
            tr[i] = net.encode(ds.train().image(i));
        }
        SpikeSource[] te = new SpikeSource[nTest];
        for (int i = 0; i < nTest; i++) {
            te[i] = net.encode(ds.test().image(i));
        }
        phase(out, "encode", nTrain + nTest, t0);
        t0 = System.nanoTime();
        for (int e = 0; e < e1; e++) {
            for (int i = 0; i < nTrain; i++) {
                net.trainConv1(tr[i]);
            }
        }
        phase(out, "conv1 STDP", (long) e1 * nTrain, t0);
        t0 = System.nanoTime();
        for (int e = 0; e < e2; e++) {
            for (int i = 0; i < nTrain; i++) {
                net.trainConv2(tr[i]); // the engine computes conv1's frozen output once per digit
            }
        }
        phase(out, "conv2 STDP", (long) e2 * nTrain, t0);
        double seconds3 = 0;
        double secondsTest = 0;
        Simulation inf = net.newInferenceSimulation();
        double acc = 0;
        for (int e = 1; e <= e3; e++) {
            long ts = System.nanoTime();
            int right = 0;
            int wrong = 0;
            int inBatch = 0;
            int epochRight = 0;
            for (int i = 0; i < nTrain; i++) {
                int label = ds.train().label(i);
                int d = net.trainConv3(tr[i], label); // conv1, conv2 frozen: computed once per digit
                if (d == label) {
                    right++;
                } else if (d >= 0) {
                    wrong++;
                }
                if (++inBatch == RSTDP_BATCH || i == nTrain - 1) {
                    net.scaleConv3Rates((double) wrong / inBatch, (double) right / inBatch);
                    epochRight += right;
                    right = 0;
                    wrong = 0;
                    inBatch = 0;
                }
            }
            seconds3 += (System.nanoTime() - ts) / 1e9;
            ts = System.nanoTime();
            acc = accuracy(net, inf, te, ds.test(), nTest); // the same simulation: its cache keeps conv1, conv2
            secondsTest += (System.nanoTime() - ts) / 1e9;
            out.printf(Locale.ROOT, "R-STDP epoch %d: train %.2f %%, test %.2f %%%n", e,
                    100.0 * epochRight / Math.max(1, nTrain), 100 * acc);
        }
        out.printf(Locale.ROOT, "%-40s %8d images %8.2f s %8.1f images/s%n", "conv3 R-STDP",
                (long) e3 * nTrain, seconds3, seconds3 > 0 ? e3 * nTrain / seconds3 : 0);
        out.printf(Locale.ROOT, "%-40s %8d images %8.2f s %8.1f images/s%n", "test per epoch",
                (long) e3 * nTest, secondsTest, secondsTest > 0 ? e3 * nTest / secondsTest : 0);
        t0 = System.nanoTime();
        acc = accuracy(net, net.newInferenceSimulation(), te, ds.test(), nTest);
        phase(out, "inference (all layers, new simulation)", nTest, t0);
        out.printf(Locale.ROOT, "test accuracy %.2f %% on %d digits%n", 100 * acc, nTest);
        return acc;
    }

    private static double accuracy(Mozafari2019Composed net, Simulation inf, SpikeSource[] te,
                                   MnistDataset.Split split, int n) {
        int right = 0;
        for (int i = 0; i < n; i++) {
            if (net.classify(te[i], inf) == split.label(i)) {
                right++;
            }
        }
        return n == 0 ? 0 : (double) right / n;
    }

    private static void phase(PrintStream out, String name, long images, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%-40s %8d images %8.2f s %8.1f images/s%n", name, images, s, s > 0 ? images / s : 0);
    }

    /** Name written into saved models (the same format as earlier versions, so their model files load). */
    public static final String MODEL_NAME = "Mozafari2019";

    /**
     * The model as named arrays ({@code conv1.weights} [30, 6, 5, 5], {@code conv2.weights} [250, 30, 3, 3],
     * {@code conv3.weights} [200, 250, 5, 5]) and the hyper-parameters, for {@link org.snn4j.io.ModelFile}.
     */
    public ModelData toModelData() {
        ModelData m = new ModelData()
                .putText("network", MODEL_NAME)
                .putText("layers", "conv1,pool1,conv2,pool2,conv3")
                .putReal("conv1.threshold", 15f)
                .putInt("conv1.kwta", 5)
                .putInt("conv1.radius", 3)
                .putReal("conv2.threshold", 10f)
                .putInt("conv2.kwta", 8)
                .putInt("conv2.radius", 1)
                .putReal("stdp.aPlus", 0.004f)
                .putReal("stdp.aMinus", -0.003f)
                .putReal("stdp.maxAPlus", 0.15f)
                .putInt("stdp.doublingEvery", 500)
                .putReal("init.weightMean", 0.8f)
                .putReal("init.weightStd", 0.05f)
                .putInt("conv3.mapsPerClass", MAPS_PER_CLASS)
                .putInt("classes", 10);
        m.putArray("conv1.weights", new int[]{30, 6, 5, 5}, weightsOIHW("conv1"));
        m.putArray("conv2.weights", new int[]{250, 30, 3, 3}, weightsOIHW("conv2"));
        m.putArray("conv3.weights", new int[]{200, 250, 5, 5}, weightsOIHW("conv3"));
        return m;
    }

    /**
     * Rebuilds a network from {@link #toModelData()} output (also files saved by earlier versions of the
     * flagship). The structure parameters must be the ones this network is built with (thresholds 15 and 10,
     * k-WTA 5 and 8, radii 3 and 1, 20 maps per class, 10 classes); every weight must be finite.
     *
     * @throws IllegalArgumentException naming the field, if the model is not a Mozafari2019 model, a parameter is
     *                                  missing, of the wrong type or not the supported value, an array has the
     *                                  wrong shape, or a weight is NaN or infinite
     */
    public static Mozafari2019Composed fromModelData(ModelData m) {
        Objects.requireNonNull(m, "m");
        String name = m.text("network");
        if (!MODEL_NAME.equals(name)) {
            throw new IllegalArgumentException("parameter 'network' must be " + MODEL_NAME + ", got '" + name + "'");
        }
        expectReal(m, "conv1.threshold", 15f);
        expectInt(m, "conv1.kwta", 5);
        expectInt(m, "conv1.radius", 3);
        expectReal(m, "conv2.threshold", 10f);
        expectInt(m, "conv2.kwta", 8);
        expectInt(m, "conv2.radius", 1);
        expectInt(m, "conv3.mapsPerClass", MAPS_PER_CLASS);
        expectInt(m, "classes", 10);
        Mozafari2019Composed n = new Mozafari2019Composed(0L);
        n.setWeightsOIHW("conv1", finiteWeights(m, "conv1.weights", 30, 6, 5, 5));
        n.setWeightsOIHW("conv2", finiteWeights(m, "conv2.weights", 250, 30, 3, 3));
        n.setWeightsOIHW("conv3", finiteWeights(m, "conv3.weights", 200, 250, 5, 5));
        return n;
    }

    /**
     * Reads a model file written with {@code ModelFile.write(file, net.toModelData())}; a file whose content is
     * not a valid model ({@link #fromModelData}) is rejected with a {@link ModelFileException}
     * ({@code MALFORMED}) naming the file and the field.
     *
     * @throws ModelFileException if the file is damaged or not a valid model
     * @throws IOException        if it cannot be read
     */
    public static Mozafari2019Composed read(Path file) throws IOException {
        ModelData m = ModelFile.read(file);
        try {
            return fromModelData(m);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, 0, "model",
                    file + ": not a valid " + MODEL_NAME + " model: " + e.getMessage());
        }
    }

    private static void expectInt(ModelData m, String key, long expected) {
        long v = m.integer(key);
        if (v != expected) {
            throw new IllegalArgumentException("parameter '" + key + "' must be " + expected
                    + " (the network this version builds), got " + v);
        }
    }

    private static void expectReal(ModelData m, String key, float expected) {
        double v = m.real(key);
        if ((float) v != expected) {
            throw new IllegalArgumentException("parameter '" + key + "' must be " + expected
                    + " (the network this version builds), got " + v);
        }
    }

    private static float[] finiteWeights(ModelData m, String name, int... shape) {
        float[] w = m.array(name, shape);
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                throw new IllegalArgumentException("array '" + name + "' value " + i + " must be finite, got " + w[i]);
            }
        }
        return w;
    }

    /** conv1's current LTP rate (feature map 0), for progress logs. */
    public float aPlus(String layer) {
        return ("conv1".equals(layer) ? stdp1 : stdp2).rates(0).aPlus();
    }

    /**
     * Sets the frozen-layer output cache limit of this network's learning simulation
     * ({@link Simulation#frozenOutputCache}); 0 turns it off.
     */
    public void frozenOutputCache(long maxBytes) {
        sim.frozenOutputCache(maxBytes);
    }

    /**
     * Lets this network's learning simulation use {@code threads} threads inside one presentation
     * ({@link Simulation#threads}); the results do not depend on it.
     */
    public void threads(int threads) {
        sim.threads(threads);
    }

    /** The learning simulation's frozen-layer cache counts, {hits, misses} ({@link Simulation#frozenOutputCacheCounts}). */
    public long[] frozenOutputCacheCounts() {
        return sim.frozenOutputCacheCounts();
    }

    /** Bytes held by the learning simulation's frozen-layer cache ({@link Simulation#frozenOutputCacheBytes}). */
    public long frozenOutputCacheBytes() {
        return sim.frozenOutputCacheBytes();
    }

    /** The input shape, 6x28x28. */
    public Shape inputShape() {
        return encoder.outputShape();
    }
}
