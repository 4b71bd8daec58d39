package org.snn4j.examples.papers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snn4j.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.snn4j.Winner;
import org.snn4j.io.ModelData;
import org.snn4j.io.ModelFile;
import org.snn4j.io.ModelFileException;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.learning.BinaryStdp;
import org.snn4j.learning.RateSchedule;
import org.snn4j.learning.RewardModulatedStdp;
import org.snn4j.learning.StdpRates;
import org.snn4j.learning.WeightBounds;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.Integrator;

/**
 * The deep convolutional spiking network of Mozafari et al. (2019), "Bio-inspired digit recognition using
 * reward-modulated spike-timing-dependent plasticity in deep convolutional networks", Pattern Recognition
 * 94:87-95, doi:10.1016/j.patcog.2019.05.015 (arXiv:1804.00227), with the hyper-parameters of
 * SpykeTorch's {@code MozafariDeep.py}:
 * <pre>
 * input 6 x 28 x 28 (DoG, latency coded, 15 steps), padded by 2
 * conv1 6 -> 30, 5x5, threshold 15    (STDP: pointwise inhibition + k-WTA k 5, radius 3)
 * pool  2x2 stride 2 (first spike), padded by 1          -> 30 x 16 x 16
 * conv2 30 -> 250, 3x3, threshold 10  (STDP: pointwise inhibition + k-WTA k 8, radius 1)
 * pool  3x3 stride 3 (first spike), padded by 2          -> 250 x 8 x 8
 * conv3 250 -> 200, 5x5, decided at the last step, 20 maps per class (R-STDP)
 * </pre>
 * Inference applies no inhibition in conv1 and conv2. Firing is strict ({@code v > threshold}).
 *
 * <p>The network holds weights and parameters; a {@link Work} holds one thread's buffers (one per worker
 * thread; shared weights are read-only while several threads run). Learning methods modify the weights
 * and must be called from one thread, with no inference running.
 */
public final class MozafariNetwork {
    /** Name written into saved models. */
    public static final String MODEL_NAME = "Mozafari2019";
    /** Steps of the latency code. */
    public static final int STEPS = 15;

    private final Config config;
    final SpikingConv conv1;
    final SpikingConv conv2;
    final DecisionConv conv3;

    /** Learning rules from the learning module; their state (rates, sample counters) is the network's. */
    private final BinaryStdp stdp1;
    private final BinaryStdp stdp2;
    private final RewardModulatedStdp rstdp3;
    /** Layer states used only to hand input spike steps to the learning rules (learning is sequential). */
    private final LayerState learn1;
    private final LayerState learn2;
    private final LayerState learn3;
    private boolean totalsReady;

    /**
     * Hyper-parameters. Defaults: {@link #defaults()}.
     *
     * @param threshold1      conv1 threshold (mV), > 0
     * @param kwta1           conv1 winners per sample
     * @param radius1         conv1 inhibition radius
     * @param threshold2      conv2 threshold (mV), > 0
     * @param kwta2           conv2 winners per sample
     * @param radius2         conv2 inhibition radius
     * @param aPlus           initial STDP LTP rate of layers 1-2
     * @param aMinus          initial STDP LTD rate (negative)
     * @param maxAPlus        cap of the doubling schedule
     * @param doublingEvery   samples between doublings of a+ (a- = -0.75 a+ after each)
     * @param weightMean      mean of the initial normal weights
     * @param weightStd       standard deviation of the initial weights
     * @param mapsPerClass    conv3 feature maps per class
     * @param classes         number of classes
     */
    public record Config(float threshold1, int kwta1, int radius1, float threshold2, int kwta2, int radius2,
                         float aPlus, float aMinus, float maxAPlus, int doublingEvery,
                         float weightMean, float weightStd, int mapsPerClass, int classes) {
        /** Checks every field. */
        public Config {
            if (!(threshold1 > 0f)) {
                throw new IllegalArgumentException("threshold1 must be > 0, got " + threshold1);
            }
            if (!(threshold2 > 0f)) {
                throw new IllegalArgumentException("threshold2 must be > 0, got " + threshold2);
            }
            if (kwta1 < 1 || kwta2 < 1) {
                throw new IllegalArgumentException("kwta1 and kwta2 must be >= 1, got " + kwta1 + " and " + kwta2);
            }
            if (radius1 < 0 || radius2 < 0) {
                throw new IllegalArgumentException("radius1 and radius2 must be >= 0, got " + radius1 + " and " + radius2);
            }
            if (!(aPlus >= 0f) || !(aMinus <= 0f)) {
                throw new IllegalArgumentException("aPlus must be >= 0 and aMinus <= 0, got " + aPlus + " and " + aMinus);
            }
            if (!(maxAPlus >= aPlus)) {
                throw new IllegalArgumentException("maxAPlus must be >= aPlus, got " + maxAPlus);
            }
            if (doublingEvery < 1) {
                throw new IllegalArgumentException("doublingEvery must be >= 1, got " + doublingEvery);
            }
            if (!(weightStd >= 0f) || !(weightMean >= 0f)) {
                throw new IllegalArgumentException("weightMean and weightStd must be >= 0, got " + weightMean
                        + " and " + weightStd);
            }
            if (mapsPerClass < 1 || classes < 1 || mapsPerClass * classes != 200) {
                throw new IllegalArgumentException("mapsPerClass * classes must be 200 (conv3 maps), got "
                        + mapsPerClass + " x " + classes);
            }
        }

        /** The values of SpykeTorch's MozafariDeep.py. */
        public static Config defaults() {
            return new Config(15f, 5, 3, 10f, 8, 1, 0.004f, -0.003f, 0.15f, 500, 0.8f, 0.05f, 20, 10);
        }
    }

    /** The network with the default configuration and weights drawn from N(0.8, 0.05) with {@code seed}. */
    public MozafariNetwork(long seed) {
        this(Config.defaults(), seed);
    }

    /**
     * A new network with weights drawn from {@code N(weightMean, weightStd)}, clamped at 0, with one
     * generator split from {@code seed} per layer, drawn in {@code [out][in][ky][kx]} order.
     */
    public MozafariNetwork(Config config, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        conv1 = new SpikingConv(Conv2dLayer.builder("conv1", new Shape(6, 28, 28), 30, 5, 5).padding(2)
                .neurons(PerfectIf.latencyCoded(config.threshold1())).build());
        conv2 = new SpikingConv(Conv2dLayer.builder("conv2", new Shape(30, 14, 14), 250, 3, 3).padding(1)
                .neurons(PerfectIf.latencyCoded(config.threshold2())).build());
        conv3 = new DecisionConv(Conv2dLayer.builder("conv3", new Shape(250, 4, 4), 200, 5, 5).padding(2)
                .neurons(new Integrator()).build());
        SplittableRandom root = new SplittableRandom(seed);
        conv1.setWeightsOIHW(normal(root.split(), conv1.weightCount(), config));
        conv2.setWeightsOIHW(normal(root.split(), conv2.weightCount(), config));
        conv3.setWeightsOIHW(normal(root.split(), conv3.weightCount(), config));
        RateSchedule doubling = RateSchedule.doubling(config.doublingEvery(), config.maxAPlus(), -0.75f);
        StdpRates rates = new StdpRates(config.aPlus(), config.aMinus());
        stdp1 = new BinaryStdp(30, rates, WeightBounds.unit(), true, doubling);
        stdp2 = new BinaryStdp(250, rates, WeightBounds.unit(), true, doubling);
        rstdp3 = RewardModulatedStdp.mozafari(200);
        learn1 = conv1.layer().newState();
        learn2 = conv2.layer().newState();
        learn3 = conv3.layer().newState();
    }

    private static float[] normal(SplittableRandom rng, int n, Config c) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            float v = (float) (c.weightMean() + c.weightStd() * rng.nextGaussian());
            w[i] = Math.max(0f, v);
        }
        return w;
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /** Input size, 6 x 28 x 28 (CHW). */
    public int inputSize() {
        return conv1.inputSize();
    }

    /** Size of the conv3 input map (pool2 output, before padding), 250 x 4 x 4. */
    public int pool2Size() {
        return conv3.inputSize();
    }

    /**
     * The weights of {@code conv1}, {@code conv2} or {@code conv3} in {@code [outC][inC][kH][kW]} order (a copy;
     * for the benchmarks, which copy them into the composed network).
     */
    public float[] weightsOIHW(String name) {
        switch (name) {
            case "conv1":
                return conv1.weightsOIHW();
            case "conv2":
                return conv2.weightsOIHW();
            case "conv3":
                return conv3.weightsOIHW();
            default:
                throw new IllegalArgumentException("name must be conv1, conv2 or conv3, got " + name);
        }
    }

    /** Current STDP LTP rate of layer {@code layer} (1 or 2), feature map 0. */
    public float aPlus(int layer) {
        return (layer == 1 ? stdp1 : stdp2).rates(0).aPlus();
    }

    /**
     * Mozafari 2019's adaptive R-STDP rates: reward rates = base x {@code miss} rate, punishment rates =
     * base x {@code hit} rate of the last batch (SpykeTorch: every 1,000 samples).
     */
    public void scaleConv3Rates(double miss, double hit) {
        rstdp3.scaleRates(miss, hit);
    }

    /** All buffers one thread needs. Not thread-safe. */
    public static final class Work {
        final SpikingConv.Work c1;
        final SpikingConv.Work c2;
        final DecisionConv.Work c3;
        final boolean[] inputActive;
        final boolean[] pool1Active;
        final int[] conv1First;
        final int[] pool1First;

        Work(MozafariNetwork n) {
            c1 = n.conv1.newWork(n.config.kwta1());
            c2 = n.conv2.newWork(n.config.kwta2());
            c3 = n.conv3.newWork();
            inputActive = new boolean[n.conv1.inputSize()];
            pool1Active = new boolean[n.conv2.inputSize()];
            conv1First = new int[n.conv1.outputSize()];
            pool1First = new int[n.conv2.inputSize()];
        }
    }

    /** Allocates the buffers of one thread. */
    public Work newWork() {
        return new Work(this);
    }

    /**
     * One unsupervised learning sample for conv1 (SpykeTorch order: the schedule counter advances first,
     * then winners are found and STDP applied).
     *
     * @param input the encoded image (6 x 28 x 28); not modified
     * @return the number of winners
     */
    public int trainConv1(StepEvents input, Work ws) {
        conv1.trainPass(input, config.kwta1(), config.radius1(), ws.c1);
        conv1.copyInputSteps(ws.c1, learn1.inputSpikeStep());
        stdp1.afterSample(conv1.layer(), learn1, conv1.winners(ws.c1), 0f);
        conv1.clearInputSteps(ws.c1);
        for (int i = 0; i < ws.c1.winners(); i++) {
            conv1.weightsChanged(ws.c1.winnerChannel(i)); // rules change only the winners' maps
        }
        totalsReady = false;
        return ws.c1.winners();
    }

    /**
     * The time-resolved pool1 output for an encoded image (conv1 without inhibition, 2x2 max pooling =
     * first spike in each window), as conv2's input (30 x 14 x 14, before padding). Read-only on the
     * weights: may run on several threads.
     */
    public StepEvents pool1Events(StepEvents input, Work ws) {
        conv1.forwardSteps(input, ws.c1, ws.conv1First);
        int[] f = ws.conv1First;
        int[] p = ws.pool1First;
        for (int c = 0; c < 30; c++) {
            for (int py = 0; py < 14; py++) {
                for (int px = 0; px < 14; px++) {
                    int best = -1;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int s = f[(c * 28 + 2 * py + dy) * 28 + 2 * px + dx];
                            if (s >= 0 && (best < 0 || s < best)) {
                                best = s;
                            }
                        }
                    }
                    p[(c * 14 + py) * 14 + px] = best;
                }
            }
        }
        return StepEvents.ofFirstSteps(p, input.steps());
    }

    /**
     * One unsupervised learning sample for conv2, given conv2's input from {@link #pool1Events}.
     *
     * @return the number of winners
     */
    public int trainConv2(StepEvents pool1, Work ws) {
        conv2.trainPass(pool1, config.kwta2(), config.radius2(), ws.c2);
        conv2.copyInputSteps(ws.c2, learn2.inputSpikeStep());
        stdp2.afterSample(conv2.layer(), learn2, conv2.winners(ws.c2), 0f);
        conv2.clearInputSteps(ws.c2);
        for (int i = 0; i < ws.c2.winners(); i++) {
            conv2.weightsChanged(ws.c2.winnerChannel(i)); // rules change only the winners' maps
        }
        totalsReady = false;
        return ws.c2.winners();
    }

    /**
     * Freezes conv1 and conv2 for inference: precomputes the weight totals the final passes use. Call
     * after training them (or loading), before {@link #pool2Map} runs on several threads.
     */
    public void freeze() {
        conv1.prepareTotals(conv1.outH(), conv1.outW());
        conv2.prepareTotals(12, 12);
        totalsReady = true;
    }

    /**
     * Brings conv3's cached weight totals up to date after R-STDP; call from one thread before
     * {@link #classify} runs on several threads.
     */
    public void prepareConv3() {
        conv3.refreshTotals();
    }

    /**
     * conv3's input for an encoded image: whether each pool2 output (250 x 4 x 4, CHW) fires by the last
     * step. conv1 and conv2 run without inhibition; only final potentials matter, since conv3 reads its
     * input at the last step. Read-only on the weights.
     *
     * @param out modified: length {@link #pool2Size()}
     * @return synaptic events (weight additions) done
     */
    public long pool2Map(StepEvents input, Work ws, boolean[] out) {
        if (!totalsReady) {
            throw new IllegalStateException("call freeze() after changing conv1/conv2 weights");
        }
        boolean[] in = ws.inputActive;
        Arrays.fill(in, false);
        short[] ev = input.neurons();
        for (int e = 0; e < ev.length; e++) {
            in[ev[e]] = true;
        }
        long adds = conv1.forwardFinal(in, 2, ws.c1, ws.pool1Active);
        adds += conv2.forwardFinal(ws.pool1Active, 3, ws.c2, out);
        return adds;
    }

    /**
     * The class conv3 decides for a pool2 map, or -1 for silence.
     *
     * @param pool2 not modified
     */
    public int classify(boolean[] pool2, Work ws) {
        int winner = conv3.decide(pool2, ws.c3);
        return winner < 0 ? -1 : winner / ((conv3.outH * conv3.outW) * config.mapsPerClass());
    }

    /** The conv3 winner (CHW index) of the last {@link #classify} with {@code ws}. */
    int lastWinner(boolean[] pool2, Work ws) {
        return conv3.decide(pool2, ws.c3);
    }

    /**
     * One R-STDP sample for conv3: decides, then rewards (correct) or punishes (wrong) with the library's
     * {@link RewardModulatedStdp} (Mozafari 2019 rates, bounds [0.2, 0.8]); silence changes nothing.
     *
     * @param pool2 conv3's input map; not modified
     * @param label the true class
     * @return the decided class, or -1 for silence
     */
    public int trainConv3(boolean[] pool2, int label, Work ws) {
        return trainConv3(pool2, label, ws, null);
    }

    /**
     * As {@link #trainConv3(boolean[], int, Work)}, with the decision's second half of the maps computed on
     * {@code side} (if not null). The sums are the same, so the result is identical with or without it.
     */
    public int trainConv3(boolean[] pool2, int label, Work ws, SideThread side) {
        boolean complement = conv3.usesTotals(pool2);
        if (complement) {
            conv3.refreshTotals();
        }
        int winner;
        if (side == null) {
            winner = conv3.decide(pool2, ws.c3);
        } else {
            DecisionConv.Work w3 = ws.c3;
            side.run(() -> conv3.decideSlice(pool2, complement, w3, 1), () -> conv3.decideSlice(pool2, complement, w3, 0));
            winner = conv3.winner(w3);
        }
        if (winner < 0) {
            return -1;
        }
        int hw = conv3.outH * conv3.outW;
        int map = winner / hw;
        int decided = map / config.mapsPerClass();
        // conv3 decides at the last step: every input that fired did so at or before it (LTP), the rest LTD
        int last = STEPS - 1;
        int[] pre = learn3.inputSpikeStep();
        for (int i = 0; i < pre.length; i++) {
            pre[i] = pool2[i] ? last : -1;
        }
        int p = winner - map * hw;
        float pot = ws.c3.potential(p, map);
        List<Winner> w = List.of(new Winner(winner, map, p / conv3.outW, p % conv3.outW, last, pot));
        rstdp3.afterSample(conv3.layer(), learn3, w, decided == label ? 1f : -1f);
        conv3.weightsChanged(map);
        return decided;
    }

    /**
     * The model as named arrays ({@code conv1.weights} [30, 6, 5, 5], {@code conv2.weights}
     * [250, 30, 3, 3], {@code conv3.weights} [200, 250, 5, 5]) and parameters, for
     * {@link org.snn4j.io.ModelFile}.
     */
    public ModelData toModelData() {
        ModelData m = new ModelData()
                .putText("network", MODEL_NAME)
                .putText("layers", "conv1,pool1,conv2,pool2,conv3")
                .putReal("conv1.threshold", config.threshold1())
                .putInt("conv1.kwta", config.kwta1())
                .putInt("conv1.radius", config.radius1())
                .putReal("conv2.threshold", config.threshold2())
                .putInt("conv2.kwta", config.kwta2())
                .putInt("conv2.radius", config.radius2())
                .putReal("stdp.aPlus", config.aPlus())
                .putReal("stdp.aMinus", config.aMinus())
                .putReal("stdp.maxAPlus", config.maxAPlus())
                .putInt("stdp.doublingEvery", config.doublingEvery())
                .putReal("init.weightMean", config.weightMean())
                .putReal("init.weightStd", config.weightStd())
                .putInt("conv3.mapsPerClass", config.mapsPerClass())
                .putInt("classes", config.classes());
        m.putArray("conv1.weights", new int[]{30, 6, 5, 5}, conv1.weightsOIHW());
        m.putArray("conv2.weights", new int[]{250, 30, 3, 3}, conv2.weightsOIHW());
        m.putArray("conv3.weights", new int[]{200, 250, 5, 5}, conv3.weightsOIHW());
        return m;
    }

    /**
     * Rebuilds a network from {@link #toModelData()} output. The result is frozen (ready for inference).
     * Every parameter is checked before use: integers must fit an {@code int} (no silent truncation of a
     * 64-bit value), reals must be finite as {@code float}, then the ranges of {@link Config}; every weight
     * must be finite.
     *
     * @throws IllegalArgumentException naming the field, if the model is not a Mozafari2019 model, a parameter
     *                                  is missing, of the wrong type or out of range, an array has the wrong
     *                                  shape, or a weight is NaN or infinite
     */
    public static MozafariNetwork fromModelData(ModelData m) {
        Objects.requireNonNull(m, "m");
        String name = m.text("network");
        if (!MODEL_NAME.equals(name)) {
            throw new IllegalArgumentException("parameter 'network' must be " + MODEL_NAME + ", got '" + name + "'");
        }
        Config c;
        try {
            c = new Config(real(m, "conv1.threshold"), integer(m, "conv1.kwta"), integer(m, "conv1.radius"),
                    real(m, "conv2.threshold"), integer(m, "conv2.kwta"), integer(m, "conv2.radius"),
                    real(m, "stdp.aPlus"), real(m, "stdp.aMinus"), real(m, "stdp.maxAPlus"),
                    integer(m, "stdp.doublingEvery"), real(m, "init.weightMean"), real(m, "init.weightStd"),
                    integer(m, "conv3.mapsPerClass"), integer(m, "classes"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model parameters: " + e.getMessage(), e);
        }
        MozafariNetwork n = new MozafariNetwork(c, 0L);
        n.conv1.setWeightsOIHW(finiteWeights(m, "conv1.weights", 30, 6, 5, 5));
        n.conv2.setWeightsOIHW(finiteWeights(m, "conv2.weights", 250, 30, 3, 3));
        n.conv3.setWeightsOIHW(finiteWeights(m, "conv3.weights", 200, 250, 5, 5));
        n.freeze();
        n.prepareConv3();
        return n;
    }

    /**
     * Reads a model file written with {@code ModelFile.write(file, net.toModelData())}. A file whose content is
     * not a valid Mozafari2019 model (see {@link #fromModelData}) is rejected with a
     * {@link ModelFileException} ({@code MALFORMED}) naming the file and the field.
     *
     * @throws ModelFileException if the file is damaged or not a valid model
     * @throws IOException        if it cannot be read
     */
    public static MozafariNetwork read(Path file) throws IOException {
        ModelData m = ModelFile.read(file);
        try {
            return fromModelData(m);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, 0, "model",
                    file + ": not a valid " + MODEL_NAME + " model: " + e.getMessage());
        }
    }

    /** An integer parameter that must fit an {@code int}. */
    private static int integer(ModelData m, String key) {
        long v = m.integer(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter '" + key + "' must fit a 32-bit int, got " + v);
        }
        return (int) v;
    }

    /** A real parameter that must be finite as a {@code float}. */
    private static float real(ModelData m, String key) {
        double v = m.real(key);
        float f = (float) v;
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be a finite float, got " + v);
        }
        return f;
    }

    /** A weight array of the given shape whose every value is finite. */
    private static float[] finiteWeights(ModelData m, String name, int... shape) {
        float[] w = m.array(name, shape);
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                throw new IllegalArgumentException("array '" + name + "' value " + i + " must be finite, got " + w[i]);
            }
        }
        return w;
    }
}
