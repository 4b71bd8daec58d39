package org.snn4j.examples.gradient;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.snn4j.Shape;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.aer.NmnistEmulator;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.examples.Launcher;
import org.snn4j.gradient.Adam;
import org.snn4j.gradient.BatchNorm;
import org.snn4j.gradient.Conv2d;
import org.snn4j.gradient.CountCrossEntropy;
import org.snn4j.gradient.Loss;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Dropout;
import org.snn4j.gradient.Flatten;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.LearningRate;
import org.snn4j.gradient.Pool2d;
import org.snn4j.gradient.SpikeCountLoss;
import org.snn4j.gradient.SpikingLayer;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Srm;
import org.snn4j.neuron.SrmParameters;
import org.snn4j.gradient.Trainer;
import org.snn4j.io.AtomicFiles;
import org.snn4j.plot.ConfusionMatrixPlot;
import org.snn4j.plot.Figure;
import org.snn4j.plot.LineChart;
import org.snn4j.plot.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * The spiking MLP and the spiking CNN of Sadovsky, Jarina and Orjesek, "Image Recognition Using Spiking Neural
 * Networks" (trained there with slayerPytorch on the full N-MNIST: 98.3 % and 98.5 %), trained with snn4j's
 * surrogate-gradient trainer on N-MNIST-like recordings that encoding's NmnistEmulator makes from the shipped
 * mnist10k digits (8,000 training, 2,000 test), then evaluated on the 1,100 real N-MNIST recordings shipped in
 * examples/data/nmnist-small (how faithful the emulator is).
 *
 * Networks (SLAYER spike-response-model neurons: theta 10, tauSr 10 ms, tauRef 1 ms, scaleRef 2, surrogate
 * tauRho 1, scaleRho 1; loss: softmax cross-entropy on the output spike counts, or with --loss spike-count the
 * paper's SLAYER spike-count loss over the whole sample with the PSP-filtered error):
 *   --net mlp: 2312-2000-1500-1000-500-100-10, Adam 0.01 (AMSGrad; the paper: 0.001, see MLP_RATE) with the
 *              same step schedule as the CNN (x 0.1 at --step-epochs), batch 8.
 *   --net cnn: their Table I: 34x34x2 - 32c5 - average pool 2 - batch norm - SRM - 16c3 - average pool 2 -
 *              batch norm - SRM - FC 250 - SRM - dropout - FC 100 - SRM - dropout - 10 SRM; Adam 0.01 (AMSGrad)
 *              with a step schedule (x 0.1 at --step-epochs), batch 8. Pooling and batch norm act on the
 *              synaptic currents (linear, before the neurons); pooling sizes, padding (none) and dropout rate
 *              (0.1) are not given by the paper and are this example's choice.
 * Time resolution: --dt-ms (default: CNN 10 ms, 30 steps over the 300 ms of a recording; MLP 20 ms, 15 steps,
 * as its dense backward pass costs twice the CNN's per step; the paper's slayerPytorch set-up used 1 ms steps). Target counts scale with the steps: 30 % of the steps for the true class and 5 % for
 * the others (9 and 1.5 spikes at 10 ms; slayerPytorch's 60 and 10 of 300 at 1 ms are 20 % and 3.3 %, which at
 * 30 steps leave the output layer nearly silent). The CNN's fully connected layers start with weights of bound
 * 30/sqrt(fanIn), the MLP's with 100/sqrt(fanIn) (slayerPytorch: 10) so that spikes reach the output layer.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar sadovsky-nmnist --net cnn|mlp [--epochs N] [--long]
 *           [--dt-ms MS] [--train 8000] [--test 2000] [--batch 8] [--seed 1] [--threads 2] [--data MNIST_DIR]
 *           [--nmnist DIR] [--out DIR] [--cache DIR | --no-cache] [--quick]
 *       (--long: the longer schedule, 40 epochs with the rate step after 30 as the paper's CNN;
 *        --quick: 1 epoch on 48 / 24 digits and 20 real recordings;
 *        --cache: the emulated recordings are binned once and kept in a file keyed by a hash of the emulator's
 *        parameters, the seeds, the digits and the binning, default ~/.cache/snn4j/nmnist-emulated)
 * Prints: one line per epoch (loss, training and test accuracy, seconds, CPU seconds), then the emulated-test and
 * real-recording accuracies; writes results.json, accuracy.png and confusion.png into --out (default
 * results/sadovsky-nmnist).
 * </pre>
 */
@Command(name = "sadovsky-nmnist")
public final class SadovskyNmnist implements Cli.Command {
    /** Which of the paper's networks. */
    public enum Net {
        /** 2312-2000-1500-1000-500-100-10. */
        MLP,
        /** Table I: two conv blocks with average pooling and batch norm, FC 250 and 100 with dropout, 10. */
        CNN
    }

    /** The training loss. */
    public enum LossKind {
        /** Softmax cross-entropy on the output spike counts (the default: learns faster at coarse steps). */
        CROSS_ENTROPY,
        /** SLAYER's spike-count loss (the paper's), targets scaled to the steps, PSP-filtered error. */
        SPIKE_COUNT
    }

    /** Camera seed of the emulated recordings (the nmnist-emulator example's). */
    static final long CAMERA_SEED = 1;
    /** Sample-seed offset of the emulated test digits (the nmnist-emulator example's). */
    static final long TEST_SEED_OFFSET = 100_000;
    /** Length of a sample in ms (the recordings last about 300 ms). */
    public static final int SAMPLE_MS = 300;
    /** The CNN's default time step in ms (30 steps). */
    public static final int CNN_DT_MS = 10;
    /** The MLP's default time step in ms (15 steps: its dense backward pass costs about twice the CNN's per step). */
    public static final int MLP_DT_MS = 20;
    /** Dropout rate of the CNN's fully connected layers (not stated in the paper). */
    static final float DROPOUT = 0.1f;
    /**
     * Weight bound times {@code sqrt(fanIn)} of the CNN's fully connected layers: 30, three times slayerPytorch's
     * dense weightScale of 10, so that spikes reach the output layer at 10 ms steps (with 10, the initial network's
     * last two layers are nearly silent).
     */
    static final float CNN_FC_GAIN = 30f;
    /**
     * Weight bound times {@code sqrt(fanIn)} of the MLP's layers: 100 (slayerPytorch: 10), so that spikes reach the
     * sixth layer at 20 ms steps (with 10 the first layer does not fire at all; measured on emulated digits).
     */
    static final float MLP_GAIN = 100f;
    /**
     * Weight bound times {@code sqrt(fanIn)} of the CNN's convolutions: 100, slayerPytorch's convolution
     * weightScale. Batch norm follows each convolution, so the forward pass does not depend on this scale, but Adam's
     * steps have a fixed size: with a bound of {@code 1/sqrt(fanIn)} (weights of rms 0.03-0.08) one step of 0.01
     * changed the convolution weights by 10-30 % and the CNN learnt slowly (42 % against 51 % after 1,000
     * samples, spike-count loss, 1,000 / 500 emulated digits).
     */
    static final float CONV_GAIN = 100f;
    /**
     * The MLP's Adam learning rate: 0.01 (the paper: 0.001). Its weights start 10 times larger than slayerPytorch's
     * (bound 100/sqrt(fanIn), so that spikes reach the sixth layer), so the same relative step needs a 10 times
     * larger rate; measured: 63.4 % on 500 emulated test digits after one epoch of 1,000 (cross-entropy).
     */
    static final float MLP_RATE = 0.01f;
    /** Softmax scale of the count cross-entropy loss (per output spike). */
    static final float CE_BETA = 0.5f;
    /** Target count of the true class, as a fraction of the steps (slayerPytorch's 60 of 300 is 0.2). */
    static final float TRUE_RATE = 0.3f;
    /** Target count of the other classes, as a fraction of the steps (slayerPytorch's 10 of 300). */
    static final float FALSE_RATE = 0.05f;

    @Option(names = "--net", paramLabel = "mlp|cnn", description = "which network (default ${DEFAULT-VALUE})")
    Net net = Net.CNN;

    @Option(names = "--epochs", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "training epochs (default: cnn 5, mlp 4; --long 40; quick 1)")
    Integer epochs;

    @Option(names = "--step-epochs", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "epochs between learning-rate steps (x 0.1) (default: 2/3 of the epochs, --long 30)")
    Integer stepEpochs;

    @Option(names = "--long", description = "the longer schedule: 40 epochs, rate step after 30")
    boolean longRun;

    @Option(names = "--dt-ms", paramLabel = "MS", converter = Ranges.AtLeastOne.class,
            description = "time step in ms; must divide 300 (default: cnn 10, mlp 20)")
    Integer dtOption;

    @Option(names = "--train", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "emulated training digits, 0: all 8,000 (default 0, quick 48)")
    Integer train;

    @Option(names = "--test", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = "emulated test digits, 0: all 2,000 (default 0, quick 24)")
    Integer test;

    @Option(names = "--loss", paramLabel = "ce|spike-count", converter = LossConverter.class,
            description = "training loss: ce (cross-entropy on output spike counts, default) or spike-count "
                    + "(SLAYER's, the paper's)")
    LossKind lossKind = LossKind.CROSS_ENTROPY;

    /** Parses {@code --loss}. */
    static final class LossConverter implements picocli.CommandLine.ITypeConverter<LossKind> {
        @Override
        public LossKind convert(String v) {
            return switch (v) {
                case "ce" -> LossKind.CROSS_ENTROPY;
                case "spike-count" -> LossKind.SPIKE_COUNT;
                default -> throw new picocli.CommandLine.TypeConversionException("expected ce or spike-count, got '"
                        + v + "'");
            };
        }
    }

    @Option(names = "--batch", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "samples per update (default ${DEFAULT-VALUE}, the paper's)")
    int batch = 8;

    @Option(names = "--seed", paramLabel = "S", description = "seed of weights, order and dropout (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--quick", description = "1 epoch on 48 / 24 emulated digits and 20 real recordings")
    boolean quick;

    @Mixin
    Options.Threads threads;

    @Mixin
    Options.Data data = new Options.Data("examples/data/mnist10k");

    @Option(names = "--nmnist", paramLabel = "DIR", converter = Options.DataFolder.class,
            description = "the real N-MNIST folder (default: the shipped examples/data/nmnist-small)")
    Path nmnist;

    @Mixin
    Options.Out out;

    @Option(names = "--cache", paramLabel = "DIR", converter = Options.OutputFolder.class,
            description = "folder of the emulated-recording cache (default: $XDG_CACHE_HOME or ~/.cache, "
                    + "then snn4j/nmnist-emulated)")
    Path cacheDir;

    @Option(names = "--no-cache", description = "emulate the recordings every run (no cache file read or written)")
    boolean noCache;

    /** A command-line instance; picocli sets the options. */
    public SadovskyNmnist() {
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("sadovsky-nmnist", args);
    }

    /**
     * The SRM neuron of both networks at a time step.
     *
     * @param dtMs time step in ms
     * @return SLAYER's N-MNIST neuron (theta 10, tauSr 10 ms, tauRef 1 ms, scaleRef 2; tauRho 1, scaleRho 1)
     */
    public static Srm neuron(float dtMs) {
        return Srm.slayer(SrmParameters.slayerNmnist(), dtMs, 1f, 1f);
    }

    /**
     * The paper's spiking MLP 2312-2000-1500-1000-500-100-10 (no bias; weights uniform in
     * {@code +-MLP_GAIN/sqrt(fanIn)}).
     *
     * @param steps time steps
     * @param dtMs  time step in ms
     * @param seed  weight seed
     * @return the network
     */
    public static SpikingNetwork mlp(int steps, float dtMs, long seed) {
        Srm srm = neuron(dtMs);
        int[] sizes = {NmnistDataset.INPUTS, 2000, 1500, 1000, 500, 100, 10};
        SpikingNetwork.Builder b = SpikingNetwork.builder(NmnistDataset.SHAPE, steps, dtMs);
        Shape in = NmnistDataset.SHAPE;
        for (int l = 1; l < sizes.length; l++) {
            b.add(new Dense("fc" + l, in, sizes[l], false, Init.uniform(MLP_GAIN), seed + l));
            in = Shape.flat(sizes[l]);
            b.add(new SpikingLayer("srm" + l, in, srm));
        }
        return b.build();
    }

    /**
     * The paper's spiking CNN (Table I): 32c5 - avg pool 2 - batch norm - SRM - 16c3 - avg pool 2 - batch norm -
     * SRM - FC 250 - SRM - dropout - FC 100 - SRM - dropout - FC 10 - SRM. Batch norm scale starts at
     * {@code theta / 2} so that the normalised current makes the neurons fire from the start.
     *
     * @param steps time steps
     * @param dtMs  time step in ms
     * @param seed  weight seed
     * @return the network
     */
    public static SpikingNetwork cnn(int steps, float dtMs, long seed) {
        Srm srm = neuron(dtMs);
        float gamma0 = srm.parameters().theta() / 2f;
        Shape in = NmnistDataset.SHAPE;
        Conv2d c1 = new Conv2d("conv1", in, 32, 5, 1, 0, false, Init.uniform(CONV_GAIN), seed);
        Pool2d p1 = new Pool2d("pool1", c1.outputShape(), 2, Pool2d.Mode.AVERAGE);
        Shape s1 = p1.outputShape();
        BatchNorm bn1 = new BatchNorm("bn1", s1, BatchNorm.Axis.CHANNEL);
        Arrays.fill(bn1.gamma(), gamma0);
        Conv2d c2 = new Conv2d("conv2", s1, 16, 3, 1, 0, false, Init.uniform(CONV_GAIN), seed + 1);
        Pool2d p2 = new Pool2d("pool2", c2.outputShape(), 2, Pool2d.Mode.AVERAGE);
        Shape s2 = p2.outputShape();
        BatchNorm bn2 = new BatchNorm("bn2", s2, BatchNorm.Axis.CHANNEL);
        Arrays.fill(bn2.gamma(), gamma0);
        Shape flat = Shape.flat(s2.size());
        return SpikingNetwork.builder(in, steps, dtMs)
                .add(c1).add(p1).add(bn1).add(new SpikingLayer("srm1", s1, srm))
                .add(c2).add(p2).add(bn2).add(new SpikingLayer("srm2", s2, srm))
                .add(new Flatten("flat", s2))
                .add(new Dense("fc1", flat, 250, false, Init.uniform(CNN_FC_GAIN), seed + 2))
                .add(new SpikingLayer("srm3", Shape.flat(250), srm))
                .add(new Dropout("drop1", Shape.flat(250), DROPOUT))
                .add(new Dense("fc2", Shape.flat(250), 100, false, Init.uniform(CNN_FC_GAIN), seed + 3))
                .add(new SpikingLayer("srm4", Shape.flat(100), srm))
                .add(new Dropout("drop2", Shape.flat(100), DROPOUT))
                .add(new Dense("fc3", Shape.flat(100), 10, false, Init.uniform(CNN_FC_GAIN), seed + 4))
                .add(new SpikingLayer("srm5", Shape.flat(10), srm))
                .build();
    }

    /**
     * The network of a kind.
     *
     * @param net   MLP or CNN
     * @param steps time steps
     * @param dtMs  time step
     * @param seed  weight seed
     * @return the network
     */
    public static SpikingNetwork network(Net net, int steps, float dtMs, long seed) {
        return net == Net.MLP ? mlp(steps, dtMs, seed) : cnn(steps, dtMs, seed);
    }

    /**
     * A trainer with the paper's optimiser and the spike-count loss scaled to the steps.
     *
     * @param kind       MLP or CNN (both Adam 0.01, x 0.1 every {@code stepEpochs})
     * @param net        the network
     * @param batch      samples per update
     * @param stepEpochs epochs between rate steps
     * @param threads    worker threads
     * @param seed       shuffling and dropout seed
     * @return the trainer (close it)
     */
    public static Trainer trainer(Net kind, SpikingNetwork net, int batch, int stepEpochs, int threads, long seed) {
        return trainer(kind, net, LossKind.CROSS_ENTROPY, batch, stepEpochs, threads, seed);
    }

    /**
     * A trainer with the paper's optimiser and a loss.
     *
     * @param kind       MLP or CNN (both Adam 0.01, x 0.1 every {@code stepEpochs})
     * @param net        the network
     * @param lossKind   cross-entropy on the output counts, or SLAYER's spike-count loss scaled to the steps
     * @param batch      samples per update
     * @param stepEpochs epochs between rate steps
     * @param threads    worker threads
     * @param seed       shuffling and dropout seed
     * @return the trainer (close it)
     */
    public static Trainer trainer(Net kind, SpikingNetwork net, LossKind lossKind, int batch, int stepEpochs,
                                  int threads, long seed) {
        Loss loss = loss(lossKind, net);
        LearningRate rate = LearningRate.step(kind == Net.MLP ? MLP_RATE : 0.01f, stepEpochs, 0.1f);
        return new Trainer(net, loss, Adam.defaults(true), rate, batch, threads, seed);
    }

    /**
     * The loss of a kind for a network.
     *
     * @param lossKind the kind
     * @param net      the network (its steps and step length)
     * @return cross-entropy on the output spike counts with {@code beta} {@value #CE_BETA}, or SLAYER's spike-count
     *         loss with targets {@value #TRUE_RATE} / {@value #FALSE_RATE} of the steps and the PSP-filtered error
     */
    public static Loss loss(LossKind lossKind, SpikingNetwork net) {
        int steps = net.steps();
        float tauSrSteps = SrmParameters.slayerNmnist().tauSrMs() / net.dtMs();
        return lossKind == LossKind.CROSS_ENTROPY ? new CountCrossEntropy(CE_BETA)
                : SpikeCountLoss.slayer(steps, TRUE_RATE * steps, FALSE_RATE * steps, tauSrSteps);
    }

    @Override
    public void run(PrintStream console) throws IOException, InterruptedException {
        int nEpochs = epochs != null ? epochs : quick ? 1 : longRun ? 40 : net == Net.CNN ? 5 : 4;
        int step = stepEpochs != null ? stepEpochs : longRun ? 30 : Math.max(1, (2 * nEpochs + 2) / 3);
        int nTrain = Options.orDefault(train, quick, 48, 0);
        int nTest = Options.orDefault(test, quick, 24, 0);
        int realLimit = quick ? 10 : 0;
        int dtMs = dtOption != null ? dtOption : net == Net.CNN ? CNN_DT_MS : MLP_DT_MS;
        if (SAMPLE_MS % dtMs != 0) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--dt-ms must divide " + SAMPLE_MS + ", got " + dtMs);
        }
        int steps = SAMPLE_MS / dtMs;
        int nThreads = threads.get();
        Path mnistDir = data.find();
        Path realDir = nmnist != null ? nmnist : Options.find(Path.of("examples", "data", "nmnist-small"));
        NmnistDataset.Binning bin = NmnistDataset.Binning.over(SAMPLE_MS, steps);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean cpu = os instanceof com.sun.management.OperatingSystemMXBean c
                ? c : null;

        long t0 = System.nanoTime();
        MnistDataset mnist = MnistDataset.load(mnistDir);
        MnistDataset.Split mTrain = mnist.train();
        MnistDataset.Split mTest = mnist.test();
        nTrain = nTrain == 0 ? mTrain.count() : Math.min(nTrain, mTrain.count());
        nTest = nTest == 0 ? mTest.count() : Math.min(nTest, mTest.count());
        NmnistEmulator em = NmnistEmulator.defaults(CAMERA_SEED);
        NmnistSamples trainSet;
        NmnistSamples testSet;
        if (noCache) {
            trainSet = NmnistSamples.of(em.emulateAll(nTrain, mTrain::image, 0, nThreads), labels(mTrain, nTrain), bin);
            testSet = NmnistSamples.of(em.emulateAll(nTest, mTest::image, TEST_SEED_OFFSET, nThreads),
                    labels(mTest, nTest), bin);
        } else {
            EmulatedCache c = new EmulatedCache(cacheDir != null ? cacheDir : EmulatedCache.defaultDir());
            trainSet = c.samples(em, mTrain, nTrain, 0, bin, nThreads, System.out);
            testSet = c.samples(em, mTest, nTest, TEST_SEED_OFFSET, bin, nThreads, System.out);
        }
        NmnistSamples realTrain = NmnistSamples.load(realDir, NmnistDataset.Split.TRAIN, bin, realLimit);
        NmnistSamples realTest = NmnistSamples.load(realDir, NmnistDataset.Split.TEST, bin, realLimit);
        double prepS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "sadovsky-nmnist --net %s: %d / %d emulated digits (%.0f input spikes per "
                        + "sample), %d real recordings, %d steps of %d ms, %s loss, %d epochs, batch %d, %d threads, JDK %s "
                        + "(data ready in %.1f s)%n", net.name().toLowerCase(Locale.ROOT), trainSet.size(),
                testSet.size(), trainSet.meanSpikes(), realTrain.size() + realTest.size(), steps, dtMs,
                lossKind == LossKind.CROSS_ENTROPY ? "ce" : "spike-count", nEpochs,
                batch, nThreads, System.getProperty("java.version"), prepS);

        SpikingNetwork network = network(net, steps, dtMs, seed);
        double[] testAcc = new double[nEpochs];
        double[] trainAcc = new double[nEpochs];
        StringBuilder epochsJson = new StringBuilder();
        Trainer.Evaluation last;
        double trainSeconds = 0;
        double trainCpu = 0;
        long runStart = System.nanoTime();
        try (Trainer tr = trainer(net, network, lossKind, batch, step, nThreads, seed)) {
            Trainer.Evaluation ev = null;
            for (int e = 0; e < nEpochs; e++) {
                long es = System.nanoTime();
                long cs = cpu == null ? 0 : cpu.getProcessCpuTime();
                int epoch = e + 1;
                int every = Math.max(batch, trainSet.size() / 10 / batch * batch);
                Trainer.EpochResult res = tr.trainEpoch(trainSet, e, done -> {
                    if (done % every == 0 && done < trainSet.size()) {
                        double s = (System.nanoTime() - es) / 1e9;
                        System.out.printf(Locale.ROOT, "  epoch %d: %d / %d samples, %.0f s, %.1f samples/s%n", epoch,
                                done, trainSet.size(), s, done / s);
                    }
                });
                double ts = (System.nanoTime() - es) / 1e9;
                double tc = cpu == null ? Double.NaN : (cpu.getProcessCpuTime() - cs) / 1e9;
                trainSeconds += ts;
                trainCpu += tc;
                ev = tr.evaluate(testSet);
                testAcc[e] = ev.accuracy();
                trainAcc[e] = res.trainAccuracy();
                System.out.printf(Locale.ROOT, "epoch %2d/%d  loss %8.3f  train %5.1f %%  test %5.2f %%  (%.0f s "
                                + "train, %.0f CPU-s, %.1f samples/s; %.0f s elapsed; load %.1f)%n", e + 1, nEpochs,
                        res.meanLoss(), 100 * res.trainAccuracy(), 100 * ev.accuracy(), ts, tc, trainSet.size() / ts,
                        (System.nanoTime() - runStart) / 1e9, os.getSystemLoadAverage());
                if (epochsJson.length() > 0) {
                    epochsJson.append(",\n");
                }
                epochsJson.append(String.format(Locale.ROOT, "    {\"epoch\": %d, \"loss\": %.4f, \"train_accuracy\": "
                                + "%.4f, \"test_accuracy\": %.4f, \"train_seconds\": %.1f, \"train_cpu_seconds\": %.1f}",
                        e + 1, res.meanLoss(), res.trainAccuracy(), ev.accuracy(), ts, tc));
            }
            last = ev;
            Trainer.Evaluation r1 = tr.evaluate(realTrain);
            Trainer.Evaluation r2 = tr.evaluate(realTest);
            int realN = realTrain.size() + realTest.size();
            double realAcc = (r1.accuracy() * realTrain.size() + r2.accuracy() * realTest.size()) / realN;
            double totalS = (System.nanoTime() - runStart) / 1e9;
            System.out.printf(Locale.ROOT, "emulated test accuracy %.2f %% (%d digits); real N-MNIST recordings "
                            + "%.2f %% (%d: %.2f %% of %d training, %.2f %% of %d test); %.0f s training (%.0f CPU-s), "
                            + "%.0f s in all%n", 100 * last.accuracy(), testSet.size(), 100 * realAcc, realN,
                    100 * r1.accuracy(), realTrain.size(), 100 * r2.accuracy(), realTest.size(), trainSeconds,
                    trainCpu, totalS);
            Files.createDirectories(out.dir());
            String js = String.format(Locale.ROOT, "{\n  \"example\": \"sadovsky-nmnist\",\n  \"net\": \"%s\",\n"
                            + "  \"train_samples\": %d,\n  \"test_samples\": %d,\n  \"real_samples\": %d,\n"
                            + "  \"loss\": \"%s\",\n  \"steps\": %d,\n  \"dt_ms\": %d,\n  \"epochs\": %d,\n  \"batch\": %d,\n"
                            + "  \"rate_step_epochs\": %d,\n  \"threads\": %d,\n  \"seed\": %d,\n  \"jdk\": \"%s\",\n"
                            + "  \"mean_input_spikes\": %.1f,\n  \"test_accuracy\": %.4f,\n  \"real_accuracy\": %.4f,\n"
                            + "  \"real_train_accuracy\": %.4f,\n  \"real_test_accuracy\": %.4f,\n"
                            + "  \"train_seconds\": %.1f,\n  \"train_cpu_seconds\": %.1f,\n  \"per_epoch\": [\n%s\n  ]\n}\n",
                    net.name().toLowerCase(Locale.ROOT), trainSet.size(), testSet.size(), realN,
                    lossKind == LossKind.CROSS_ENTROPY ? "ce" : "spike-count", steps, dtMs, nEpochs,
                    batch, step, nThreads, seed, System.getProperty("java.version"), trainSet.meanSpikes(),
                    last.accuracy(), realAcc, r1.accuracy(), r2.accuracy(), trainSeconds, trainCpu, epochsJson);
            Path json = out.dir().resolve("results.json");
            AtomicFiles.write(json, js.getBytes(StandardCharsets.UTF_8));
            List<LineChart.Series> series = new ArrayList<>();
            series.add(LineChart.Series.of("emulated test", testAcc));
            series.add(LineChart.Series.of("training (dropout on)", trainAcc));
            String title = "Sadovsky et al. spiking " + net.name() + " on emulated N-MNIST (" + dtMs + " ms steps)";
            Path acc = Png.write(LineChart.of(title, "epoch - 1", "accuracy", series, 0.0, 1.05, 720, 420),
                    out.dir().resolve("accuracy.png"));
            int[][] conf = new int[10][10];
            for (int i = 0; i < testSet.size(); i++) {
                conf[testSet.label(i)][last.predictions()[i]]++;
            }
            String[] names = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
            Path cm = Png.write(Figure.titled("emulated test digits: true (rows) vs predicted",
                    ConfusionMatrixPlot.of(conf, names, 28)), out.dir().resolve("confusion.png"));
            System.out.println("wrote " + json + ", " + acc + " and " + cm);
        }
    }

    private static int[] labels(MnistDataset.Split s, int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = s.label(i);
        }
        return l;
    }
}
