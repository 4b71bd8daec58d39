package org.snn4j.examples.gradient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.snn4j.Shape;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.examples.Launcher;
import org.snn4j.gradient.Adam;
import org.snn4j.gradient.CubaLif;
import org.snn4j.gradient.CubaLifParameters;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.Layer;
import org.snn4j.gradient.LearningRate;
import org.snn4j.gradient.RecurrentSpiking;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikeCountLoss;
import org.snn4j.gradient.SpikingLayer;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Surrogate;
import org.snn4j.gradient.Tensor;
import org.snn4j.gradient.Trainer;
import org.snn4j.neuron.ResetMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * BPTT through a recurrent spiking layer: MNIST digits presented row by row.
 *
 * What it shows: each 28 x 28 digit of examples/data/mnist10k is fed one pixel row per time step (28 steps; the 28
 * intensities in [0, 1] are the input currents), so no single step shows the digit and the network must remember
 * what it has seen. A recurrent layer of 128 discrete LIF neurons (beta 0.9, subtract reset, fast-sigmoid
 * surrogate, input and recurrent weights) feeds 10 LIF outputs; 8 silent steps follow the last row; the loss is
 * the spike count (12 for the true class, 1 for the others) from row 14 to the end, so the answer must combine
 * rows seen at different times and outlast the input. The same network without recurrent weights (--feedforward) shows what recurrence adds.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar recurrent-row-digits [--epochs 5] [--train 8000]
 *           [--test 2000] [--threads 2] [--seed 1] [--feedforward] [--data DIR] [--out DIR] [--quick]
 * Prints: per epoch the loss, training and test accuracy and seconds; then the final test accuracy. Writes the
 * same per-epoch figures as epochs.csv in --out (default results/recurrent-row-digits).
 * </pre>
 */
@Command(name = "recurrent-row-digits")
public final class RecurrentRowDigits implements Cli.Command {
    static final int ROWS = 28;
    static final int TAIL = 8;
    static final int STEPS = ROWS + TAIL;

    /** Digits as row-by-row input currents. */
    static Samples rows(MnistDataset.Split split, int limit) {
        int n = Math.min(limit, split.count());
        byte[] px = split.pixels();
        int size = split.rows() * split.cols();
        return new Samples() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int label(int i) {
                return split.label(i);
            }

            @Override
            public void load(int i, Tensor into) {
                float[] d = into.data();
                java.util.Arrays.fill(d, 0f);
                for (int k = 0; k < size; k++) {
                    d[k] = (px[i * size + k] & 0xff) / 255f;   // step = row, input = column
                }
                into.markDense();
            }
        };
    }

    /**
     * The network.
     *
     * @param recurrent with recurrent weights (else a feed-forward LIF layer of the same size)
     * @param seed      weight seed
     * @return the network
     */
    static SpikingNetwork network(boolean recurrent, long seed) {
        CubaLif lif = CubaLif.of(CubaLifParameters.lif(0.9f, 1f, ResetMode.SUBTRACT), new Surrogate.FastSigmoid(5f));
        Shape in = Shape.flat(ROWS);
        Layer hidden = recurrent
                ? new RecurrentSpiking("rec", in, 128, lif, Init.uniform(2f), Init.uniform(1f), seed)
                : null;
        SpikingNetwork.Builder b = SpikingNetwork.builder(in, STEPS, 1f);
        if (recurrent) {
            b.add(hidden);
        } else {
            b.add(new Dense("fc0", in, 128, false, Init.uniform(2f), seed))
                    .add(new SpikingLayer("lif0", Shape.flat(128), lif));
        }
        return b.add(new Dense("fc", Shape.flat(128), 10, false, Init.uniform(2f), seed + 1))
                .add(new SpikingLayer("out", Shape.flat(10), lif))
                .build();
    }

    @Option(names = "--epochs", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "training epochs (default 5, quick 1)")
    Integer epochsOption;

    @Option(names = "--train", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "training digits (default 8000, quick 600)")
    Integer trainOption;

    @Option(names = "--test", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "test digits (default 2000, quick 200)")
    Integer testOption;

    @Mixin
    Options.Threads threadsOption;

    @Option(names = "--seed", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--feedforward", description = "no recurrent connections (the comparison)")
    boolean feedforward;

    @Option(names = "--quick", description = "1 epoch, 600 training and 200 test digits")
    boolean quick;

    @Mixin
    Options.Data dataOption = new Options.Data("examples/data/mnist10k");

    @Mixin
    Options.Out output;

    /** A command-line instance; picocli sets the options. */
    public RecurrentRowDigits() {
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("recurrent-row-digits", args);
    }

    /** Runs the example with the parsed options. */
    @Override
    public void run(PrintStream console) throws IOException {
        int epochs = Options.orDefault(epochsOption, quick, 1, 5);
        int train = Options.orDefault(trainOption, quick, 600, 8000);
        int test = Options.orDefault(testOption, quick, 200, 2000);
        int threads = threadsOption.get();
        boolean recurrent = !feedforward;
        Path data = dataOption.find();
        MnistDataset ds = MnistDataset.load(data);
        Samples trainSet = rows(ds.train(), train);
        Samples testSet = rows(ds.test(), test);
        SpikingNetwork net = network(recurrent, seed);
        SpikeCountLoss loss = new SpikeCountLoss(ROWS / 2, STEPS, 12f, 1f, SpikeCountLoss.Normalisation.COUNT);
        console.printf(Locale.ROOT, "recurrent-row-digits: %s, %d training / %d test digits, %d epochs, %d threads%n",
                recurrent ? "recurrent 28-128(rec)-10" : "feed-forward 28-128-10", trainSet.size(), testSet.size(),
                epochs, threads);
        double acc = 0;
        StringBuilder csv = new StringBuilder("epoch,loss,train_accuracy,test_accuracy,seconds\n");
        try (Trainer tr = new Trainer(net, loss, Adam.defaults(false), LearningRate.step(0.01f, 3, 0.5f), 32,
                threads, seed)) {
            for (int e = 0; e < epochs; e++) {
                long t0 = System.nanoTime();
                Trainer.EpochResult r = tr.trainEpoch(trainSet, e);
                acc = tr.evaluate(testSet).accuracy();
                double seconds = (System.nanoTime() - t0) / 1e9;
                console.printf(Locale.ROOT, "epoch %d/%d  loss %.3f  train %.1f %%  test %.1f %%  (%.1f s)%n", e + 1,
                        epochs, r.meanLoss(), 100 * r.trainAccuracy(), 100 * acc, seconds);
                csv.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.2f%n", e + 1, r.meanLoss(),
                        r.trainAccuracy(), acc, seconds));
            }
        }
        console.printf(Locale.ROOT, "final test accuracy %.2f %%%n", 100 * acc);
        console.println("per-epoch figures written to " + output.write("epochs.csv", csv.toString()));
    }
}
