package org.snn4j.nir;

import org.snn4j.neuron.BiasCurrent;
import org.snn4j.neuron.BiasedIf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.Layer;
import org.snn4j.network.Network;
import org.snn4j.neuron.Integrator;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.ThresholdComparison;
import org.snn4j.synapse.ExpCurrentLif;
import org.snn4j.synapse.ExpCurrentParameters;

/**
 * Describes a snn4j {@link Network} as a NIR graph (write it with {@link NirFile#write}).
 *
 * <h2>What is exported</h2>
 * Each {@link DenseLayer} becomes {@code Linear} (or {@code Affine} when its model is a {@link BiasCurrent})
 * followed by a neuron node; a dense layer fed by a {@code C x H x W} map is preceded by a {@code Flatten}
 * ({@code start_dim 0}, {@code end_dim -1}). Each {@link Conv2dLayer} becomes {@code Conv2d} ({@code weight
 * [outC, inC, kH, kW]}, {@code stride}, {@code padding}, {@code dilation [1, 1]}, {@code groups 1}, {@code bias
 * [outC]}, {@code input_shape [H, W]}) followed by a neuron node. Neuron nodes: {@link Lif} becomes
 * {@code LIF}, {@link PerfectIf} becomes {@code IF}, {@link ExpCurrentLif} (equal current time constants) becomes
 * {@code CubaLIF}, with one value per neuron in the layer's output shape
 * ({@code [n]} or {@code [C, H, W]}). Node names: the layer's name for the synapses, {@code NAME_neurons} for
 * the neurons, {@code NAME_flatten}; plus {@code input} and {@code output}.
 *
 * <h2>Parameters (the inverse of {@link NirImport})</h2>
 * With {@code u = timeUnitMs}, {@code dt = dtMs / u} and {@code a} the spike area of the chosen
 * {@link SpikeConvention}: {@code LIF tau = tauMs / u}, {@code v_leak = vRest}, {@code v_threshold},
 * {@code v_reset}, and {@code r = tau / a} so that a spike of weight {@code w} moves the potential by
 * {@code w} mV as in snn4j (with one-step pulses this is snnTorch's {@code r = tau / dt}); {@code IF r = 1 / a}.
 * Weights are written as they are (mV). A bias current {@code I} becomes {@code b = resistance * I / r} (LIF)
 * or {@code b = I u / r} (IF).
 *
 * <h2>Refused, with the layer's name</h2>
 * Layers other than dense and convolutional ones (pooling, padding, sparse, current-driven), built-in firing
 * modes (fire-once, decide at the last step), recurrent weights, refractory periods, reset by subtraction or
 * no reset, fire-once IF neurons, other neuron models, and per-position (not per-channel) biases of a
 * convolution: NIR has no primitive for them. Max pooling over spikes (snn4j's {@code PoolingLayer}) has no
 * NIR primitive either (NIR pools by sum or average). Note: NIR's neurons fire at {@code v > v_threshold};
 * snn4j's Lif fires at {@code v >= vThreshold}, as can a PerfectIf built with
 * {@link org.snn4j.neuron.ThresholdComparison#GREATER_OR_EQUAL}.
 *
 * <p>Stateless and thread-safe (do not modify the network's weights meanwhile).
 */
public final class NirExport {
    private NirExport() {
    }

    /**
     * The NIR graph of {@code network}, whose time step must be {@code options.dtMs()}.
     *
     * @throws IllegalArgumentException naming the layer that NIR cannot express, and why
     */
    public static NirGraph toGraph(Network network, NirOptions options) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(options, "options");
        if (network.dtMs() != options.dtMs()) {
            throw new IllegalArgumentException("options.dtMs " + options.dtMs() + " differs from the network's time step "
                    + network.dtMs() + " ms");
        }
        List<NirNode> nodes = new ArrayList<>();
        List<NirGraph.Edge> edges = new ArrayList<>();
        nodes.add(new NirNode("input", NirType.INPUT, Map.of("shape", shape(network.inputShape()))));
        String prev = "input";
        for (Layer l : network.layers()) {
            if (l instanceof DenseLayer) {
                DenseLayer d = (DenseLayer) l;
                if (d.hasRecurrentWeights()) {
                    throw refuse(l, "it has recurrent weights; snn4j exports feed-forward networks only");
                }
                Shape in = d.inputShape();
                if (!isFlat(in)) {
                    String f = l.name() + "_flatten";
                    Map<String, NirArray> p = new LinkedHashMap<>();
                    p.put("start_dim", NirArray.intScalar(0));
                    p.put("end_dim", NirArray.intScalar(-1));
                    p.put("input_type", shape(in));
                    nodes.add(new NirNode(f, NirType.FLATTEN, p));
                    edges.add(new NirGraph.Edge(prev, f));
                    prev = f;
                }
                int nIn = in.size();
                int nOut = d.outputShape().size();
                float[] w = d.weightsCopy();
                double[] wt = new double[nIn * nOut];
                for (int i = 0; i < nIn; i++) {
                    for (int o = 0; o < nOut; o++) {
                        wt[o * nIn + i] = w[i * nOut + o];
                    }
                }
                Neurons ne = neurons(l, d.neuronModel(), options, d.outputShape());
                Map<String, NirArray> p = new LinkedHashMap<>();
                p.put("weight", NirArray.floats(new int[] {nOut, nIn}, wt));
                if (ne.bias != null) {
                    p.put("bias", NirArray.floats(ne.bias));
                }
                nodes.add(new NirNode(l.name(), ne.bias != null ? NirType.AFFINE : NirType.LINEAR, p));
                prev = link(nodes, edges, prev, l.name(), ne.node);
            } else if (l instanceof Conv2dLayer) {
                Conv2dLayer c = (Conv2dLayer) l;
                int outC = c.outChannels();
                int inC = c.inChannels();
                int kH = c.kernelHeight();
                int kW = c.kernelWidth();
                double[] wt = new double[outC * inC * kH * kW];
                int q = 0;
                for (int o = 0; o < outC; o++) {
                    for (int ch = 0; ch < inC; ch++) {
                        for (int y = 0; y < kH; y++) {
                            for (int x = 0; x < kW; x++) {
                                wt[q++] = c.weight(o, ch, y, x);
                            }
                        }
                    }
                }
                Neurons ne = neurons(l, c.neuronModel(), options, c.outputShape());
                double[] bias = new double[outC];
                if (ne.bias != null) {
                    int map = c.outputShape().height() * c.outputShape().width();
                    for (int i = 0; i < ne.bias.length; i++) {
                        if (i % map == 0) {
                            bias[i / map] = ne.bias[i];
                        } else if (ne.bias[i] != bias[i / map]) {
                            throw refuse(l, "its bias current differs between positions of channel " + i / map
                                    + "; a NIR Conv2d has one bias per output channel");
                        }
                    }
                }
                Map<String, NirArray> p = new LinkedHashMap<>();
                p.put("weight", NirArray.floats(new int[] {outC, inC, kH, kW}, wt));
                p.put("bias", NirArray.floats(bias));
                p.put("stride", NirArray.ints(c.stride(), c.stride()));
                p.put("padding", NirArray.ints(c.paddingH(), c.paddingW()));
                p.put("dilation", NirArray.ints(1, 1));
                p.put("groups", NirArray.intScalar(1));
                p.put("input_shape", NirArray.ints(c.inputShape().height(), c.inputShape().width()));
                nodes.add(new NirNode(l.name(), NirType.CONV2D, p));
                prev = link(nodes, edges, prev, l.name(), ne.node);
            } else {
                throw refuse(l, "NIR has no primitive for a " + l.getClass().getSimpleName()
                        + " (snn4j exports DenseLayer and Conv2dLayer with LIF or IF neurons)");
            }
        }
        Shape last = network.layer(network.layerCount() - 1).outputShape();
        nodes.add(new NirNode("output", NirType.OUTPUT, Map.of("shape", shape(last))));
        edges.add(new NirGraph.Edge(prev, "output"));
        return new NirGraph(NirGraph.WRITTEN_VERSION, nodes, edges);
    }

    private static String link(List<NirNode> nodes, List<NirGraph.Edge> edges, String prev, String syn,
                               NirNode neuron) {
        edges.add(new NirGraph.Edge(prev, syn));
        nodes.add(neuron);
        edges.add(new NirGraph.Edge(syn, neuron.name()));
        return neuron.name();
    }

    private static IllegalArgumentException refuse(Layer l, String why) {
        return new IllegalArgumentException("layer " + l.name() + " cannot be exported to NIR: " + why);
    }

    private static boolean isFlat(Shape s) {
        return s.channels() == 1 && s.height() == 1;
    }

    private static NirArray shape(Shape s) {
        return isFlat(s) ? NirArray.ints(s.width()) : NirArray.ints(s.channels(), s.height(), s.width());
    }

    /** A neuron node and the bias (per neuron, NIR units) of the synapse node before it, or null. */
    private static final class Neurons {
        final NirNode node;
        final double[] bias;

        Neurons(NirNode node, double[] bias) {
            this.node = node;
            this.bias = bias;
        }
    }

    private static NirArray fill(Shape s, double v) {
        int[] dims = isFlat(s) ? new int[] {s.width()} : new int[] {s.channels(), s.height(), s.width()};
        double[] a = new double[s.size()];
        java.util.Arrays.fill(a, v);
        return NirArray.floats(dims, a);
    }

    private static Neurons neurons(Layer l, NeuronModel m, NirOptions o, Shape out) {
        float[] current = null;
        if (m instanceof BiasCurrent) {
            current = ((BiasCurrent) m).current();
            m = ((BiasCurrent) m).model();
            if (current.length != out.size()) {
                throw refuse(l, "its BiasCurrent has " + current.length + " currents for " + out.size() + " neurons");
            }
        }
        String name = l.name() + "_neurons";
        Map<String, NirArray> p = new LinkedHashMap<>();
        double[] bias = null;
        double u = o.timeUnitMs();
        if (m instanceof Lif) {
            LifParameters q = ((Lif) m).parameters();
            if (q.resetMode() != ResetMode.TO_VALUE) {
                throw refuse(l, "its Lif resets by " + q.resetMode() + "; NIR's LIF resets to v_reset");
            }
            if (q.refractoryMs() != 0f) {
                throw refuse(l, "its Lif has a refractory period of " + q.refractoryMs() + " ms; NIR's LIF has none");
            }
            double tau = (float) (q.tauMs() / u);
            double r = (float) (tau / o.spikeArea());
            p.put("tau", fill(out, tau));
            p.put("r", fill(out, r));
            p.put("v_leak", fill(out, q.vRest()));
            p.put("v_threshold", fill(out, Math.nextDown(q.vThreshold())));   // v >= theta  <=>  v > nextDown(theta)
            p.put("v_reset", fill(out, q.vReset()));
            if (current != null) {
                bias = new double[current.length];
                for (int i = 0; i < bias.length; i++) {
                    bias[i] = (float) ((double) q.resistance() * current[i] / r); // float32, as stored
                }
            }
            return new Neurons(new NirNode(name, NirType.LIF, p), bias);
        }
        if (m instanceof BiasedIf) {
            if (current != null) {
                throw refuse(l, "a BiasedIf has its own current; it cannot be wrapped in a BiasCurrent");
            }
            BiasedIf b = (BiasedIf) m;
            if (b.currentSource().size() != out.size()) {
                throw refuse(l, "its BiasedIf has " + b.currentSource().size() + " currents for " + out.size()
                        + " neurons");
            }
            float[] c = new float[out.size()];
            b.currentSource().current(0, c);
            for (float x : c) {
                if (x != 0f) {
                    current = c;
                    break;
                }
            }
            return integrateAndFire(l, b.parameters(), current, o, out, name, p);
        }
        if (m instanceof Integrator) {
            double r = (float) (1.0 / o.spikeArea());
            p.put("r", fill(out, r));
            if (current != null) {
                bias = new double[current.length];
                for (int i = 0; i < bias.length; i++) {
                    bias[i] = (float) (current[i] * u / r); // float32, as stored
                }
            }
            return new Neurons(new NirNode(name, NirType.INTEGRATOR, p), bias);
        }
        if (m instanceof PerfectIf) {
            return integrateAndFire(l, ((PerfectIf) m).parameters(), current, o, out, name, p);
        }
        if (m instanceof ExpCurrentLif) {
            ExpCurrentParameters q = ((ExpCurrentLif) m).parameters();
            if (q.tauExcMs() != q.tauInhMs()) {
                throw refuse(l, "its ExpCurrentLif has different excitatory and inhibitory current time constants ("
                        + q.tauExcMs() + ", " + q.tauInhMs() + " ms); NIR's CubaLIF has one tau_syn");
            }
            if (q.refractoryMs() != 0f) {
                throw refuse(l, "its ExpCurrentLif has a refractory period of " + q.refractoryMs()
                        + " ms; NIR's CubaLIF has none");
            }
            if (current != null) {
                throw refuse(l, "a bias current into an ExpCurrentLif acts on the membrane directly; NIR's bias would"
                        + " pass through the synaptic filter");
            }
            double tauSyn = (float) (q.tauExcMs() / u);
            p.put("tau_syn", fill(out, tauSyn));
            p.put("tau_mem", fill(out, (float) (q.tauMs() / u)));
            p.put("r", fill(out, (float) (tauSyn / o.spikeArea())));   // r w_in a / tau_syn = 1 with w_in = 1
            p.put("v_leak", fill(out, q.vRest()));
            p.put("v_threshold", fill(out, q.vThreshold()));
            p.put("v_reset", fill(out, q.vReset()));
            p.put("w_in", fill(out, 1));
            return new Neurons(new NirNode(name, NirType.CUBA_LIF, p), null);
        }
        throw refuse(l, "its neuron model " + (m == null ? "null" : m.getClass().getSimpleName())
                + " has no NIR primitive (Lif -> LIF, PerfectIf and BiasedIf -> IF, Integrator -> I, ExpCurrentLif ->"
                + " CubaLIF are exported)");
    }

    /**
     * {@code IF} (or {@code I} for a read-out that never fires) for integrate-and-fire parameters {@code q} with
     * an optional constant current.
     */
    private static Neurons integrateAndFire(Layer l, PerfectIfParameters q, float[] current, NirOptions o, Shape out,
                                            String name, Map<String, NirArray> p) {
        if (q.fireOnce()) {
            throw refuse(l, "its neurons fire once per presentation; NIR's IF has no such rule");
        }
        if (q.refractoryMs() != 0f) {
            throw refuse(l, "its neurons have a refractory period of " + q.refractoryMs() + " ms; NIR's IF has none");
        }
        double r = (float) (1.0 / o.spikeArea());
        p.put("r", fill(out, r));
        double[] bias = null;
        if (current != null) {
            bias = new double[current.length];
            for (int i = 0; i < bias.length; i++) {
                bias[i] = (float) (current[i] * o.timeUnitMs() / r); // float32, as stored
            }
        }
        if (q.resetMode() == ResetMode.NONE) {
            if (q.threshold() != Float.MAX_VALUE) {
                throw refuse(l, "its neurons fire without a reset; NIR's IF resets (a read-out that never fires, with"
                        + " threshold Float.MAX_VALUE, is written as an I integrator)");
            }
            return new Neurons(new NirNode(name, NirType.INTEGRATOR, p), bias);
        }
        Map<String, String> meta = Map.of();
        float theta = q.threshold();
        if (q.resetMode() == ResetMode.SUBTRACT) {
            if (q.comparison() != ThresholdComparison.GREATER) {
                throw refuse(l, "its neurons reset by subtraction and fire at v >= theta; NIR fires at v > v_threshold,"
                        + " and a threshold moved by one ulp would change the amount subtracted (use"
                        + " ThresholdComparison.GREATER)");
            }
            meta = Map.of(NirNode.RESET_METHOD, "subtract");
        } else if (q.comparison() == ThresholdComparison.GREATER_OR_EQUAL) {
            theta = Math.nextDown(theta);                 // v >= theta  <=>  v > nextDown(theta), in float
        }
        p.put("v_threshold", fill(out, theta));
        p.put("v_reset", fill(out, q.vReset()));
        return new Neurons(new NirNode(name, NirType.IF, p, meta), bias);
    }
}
