package org.snn4j.conversion;

import java.util.Arrays;
import java.util.Objects;
import org.snn4j.CurrentSource;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.gradient.Layer;
import org.snn4j.gradient.Pass;
import org.snn4j.gradient.Tensor;
import org.snn4j.layer.SparseLayer;
import org.snn4j.monitor.StateTrace;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.BiasedIf;

/**
 * Runs a {@link ConvertedNetwork} on images for one thread: one presentation of {@code steps} steps per image, the
 * read-out's potentials traced at every step, so one run gives the prediction at every number of steps
 * {@code T <= steps} (the class with the largest read-out potential at step {@code T}; ties: the lowest class).
 *
 * <p>With {@link InputCoding#ANALOG} the first layer's neurons are driven by the ANN first layer's output
 * {@code (W x + b) / lambda_1} (computed with that layer's forward pass) as a constant current, read when each
 * presentation starts (event-driven {@link BiasedIf} neurons, so they too cost work only when they fire); with {@link InputCoding#POISSON}
 * the image is encoded by a {@link PoissonEncoder} (pixel {@code x} fires with probability {@code x} per step) from
 * the simulation's generator, so the same seed gives the same predictions.
 *
 * <p>Not thread-safe: one per thread (they share the converted layers).
 */
public final class SnnClassifier {
    private final InputCoding coding;
    private final int steps;
    private final Simulation sim;
    private final StateTrace trace;
    private final int classes;
    private final Shape imageShape;
    // analog input
    private final ImageCurrent current;
    private final Layer first;
    private final Tensor x;
    private final Tensor y;
    private final Object scratch;
    private final float currentScale;
    private final EventSource silent;
    // spike input
    private final PoissonEncoder encoder;

    SnnClassifier(ConvertedNetwork c, InputCoding coding, int steps, long seed) {
        this.coding = Objects.requireNonNull(coding, "coding");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.steps = steps;
        this.imageShape = c.ann().inputShape();
        float dt = c.options().dtMs();
        Network net;
        if (coding == InputCoding.ANALOG) {
            org.snn4j.layer.Layer l0 = c.layers().get(0);
            Shape s0 = l0.outputShape();
            current = new ImageCurrent(s0.size());
            // the first layer's neurons without synapses, driven by the image's current (event-driven like the rest)
            BiasedIf driven = new BiasedIf(AnnToSnn.IF, current, c.eventDriven());
            Network.Builder b = Network.builder(imageShape, dt)
                    .add(SparseLayer.fromCsr(l0.name(), imageShape, s0, new int[imageShape.size() + 1], new int[0],
                            new float[0], driven));
            for (int i = 1; i < c.layers().size(); i++) {
                b.add(c.layers().get(i));
            }
            net = b.build();
            first = c.firstAnnLayer();
            x = new Tensor(1, imageShape);
            y = new Tensor(1, first.outputShape());
            scratch = first.newScratch(1);
            double lam = c.layers().size() > 1 ? c.scales()[0] : 1.0;
            currentScale = (float) (1.0 / (lam * dt));
            silent = EventSource.of(steps, imageShape.size(), new int[0], new int[0]);
            encoder = null;
        } else {
            net = c.network();
            current = null;
            first = null;
            x = null;
            y = null;
            scratch = null;
            currentScale = 0f;
            silent = null;
            encoder = PoissonEncoder.forNetwork(net, 1000f / dt, steps * dt, 1f);
        }
        this.sim = net.newSimulation(seed);
        org.snn4j.layer.Layer out = net.layer(net.layerCount() - 1);
        this.classes = out.outputShape().size();
        int[] all = new int[classes];
        for (int i = 0; i < classes; i++) {
            all[i] = i;
        }
        this.trace = sim.recordState(out.name(), BiasedIf.V, all);
    }

    /**
     * Presents one image and returns the predicted class after each number of steps in {@code checkpoints}.
     *
     * @param image       pixel intensities in [0, 1], CHW order of the ANN's input; not modified
     * @param checkpoints numbers of steps, each in {@code [1, steps]}; not modified
     */
    public int[] classify(float[] image, int[] checkpoints) {
        if (image.length != imageShape.size()) {
            throw new IllegalArgumentException("image must have " + imageShape.size() + " values, got " + image.length);
        }
        for (int T : checkpoints) {
            if (T < 1 || T > steps) {
                throw new IllegalArgumentException("checkpoints must be in [1, " + steps + "], got " + T);
            }
        }
        trace.clear();
        if (coding == InputCoding.ANALOG) {
            System.arraycopy(image, 0, x.data(), 0, image.length);
            x.markDense();
            first.forward(x, y, scratch, Pass.inference());
            current.set(y.data(), currentScale);
            sim.present(silent);
        } else {
            sim.present(encoder.encode(image, sim.random()));
        }
        int[] pred = new int[checkpoints.length];
        for (int k = 0; k < checkpoints.length; k++) {
            int t = checkpoints[k] - 1;
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (trace.value(t, j) > trace.value(t, best)) {
                    best = j;
                }
            }
            pred[k] = best;
        }
        return pred;
    }

    /**
     * The read-out potentials at step {@code t} (0-based) of the last presentation: the sum of the read-out's
     * input over steps {@code 0..t}, which divided by {@code t + 1} estimates the ANN's logits.
     */
    public float[] readout(int t) {
        float[] v = new float[classes];
        for (int j = 0; j < classes; j++) {
            v[j] = trace.value(t, j);
        }
        return v;
    }

    /** Synaptic events (weight additions) of every layer since this classifier was made. */
    public long synapticEvents() {
        return sim.totalSynapticEvents();
    }

    /** Spikes of every layer since this classifier was made. */
    public long spikes() {
        long s = 0;
        for (int i = 0; i < sim.network().layerCount(); i++) {
            s += sim.spikeCount(i);
        }
        return s;
    }

    /** The input current of one image, set before each presentation (one per classifier, so per thread). */
    private static final class ImageCurrent implements CurrentSource {
        private final float[] values;

        ImageCurrent(int size) {
            values = new float[size];
        }

        void set(float[] v, float scale) {
            for (int i = 0; i < values.length; i++) {
                values[i] = v[i] * scale;
            }
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public void current(int step, float[] out) {
            System.arraycopy(values, 0, out, 0, values.length);
        }

        @Override
        public String toString() {
            return "ImageCurrent[" + values.length + "]" + Arrays.hashCode(values);
        }
    }
}
