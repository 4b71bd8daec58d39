package org.snn4j.nir;

import org.snn4j.neuron.BiasCurrent;
import org.snn4j.neuron.BiasedIf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.snn4j.Shape;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.Layer;
import org.snn4j.network.Network;
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
 * Turns a NIR graph into a snn4j {@link Network} of core layers that runs on the event-driven engine.
 *
 * <h2>What is accepted</h2>
 * A chain {@code Input -> ... -> Output} in which every synapse node ({@code Affine}, {@code Linear},
 * {@code Conv2d}), optionally followed by {@code Scale} nodes, is followed by a neuron node ({@code LIF},
 * {@code IF}, {@code CubaLIF}, or as the last one before {@code Output} a non-spiking {@code LI} or {@code I}); each
 * such pair
 * becomes one {@link DenseLayer} or {@link Conv2dLayer} named after the synapse node. {@code Flatten} only
 * reshapes (snn4j flattens in the same C-H-W order). {@code SumPool2d} / {@code AvgPool2d} are linear and are
 * folded into the weights of the next synapse node: exactly for a following {@code Affine} / {@code Linear};
 * for a following {@code Conv2d} when the pooling has stride = kernel, no padding and tiles the map. Anything
 * else is refused with an {@link IllegalArgumentException} that names the node and its type: recurrent edges
 * (a cycle), branches, nested graphs, {@code Delay}, {@code Threshold}, {@code CubaLI}, a bias before a
 * {@code CubaLIF},
 * {@code Conv1d}, grouped or dilated convolutions, parameters that differ between the neurons of one node
 * (snn4j keeps one parameter set per layer).
 *
 * <h2>Discretisation (stated and tested)</h2>
 * With {@code dt = dtMs / timeUnitMs} the step in NIR time units and {@code a} the area of a spike
 * ({@code dt} for {@link SpikeConvention#ONE_STEP_PULSE}, 1 for {@link SpikeConvention#DIRAC}):
 * <ul>
 *   <li>{@code LIF(tau, r, v_leak, v_threshold, v_reset)} becomes {@link Lif} with {@code tauMs = tau *
 *       timeUnitMs}, {@code vRest = v_leak}, {@code vThreshold = Math.nextUp(v_threshold)}, {@code vReset = v_reset},
 *       reset to value, no refractory period. Between spikes {@code v} relaxes exactly,
 *       {@code v(t + dt) = v_inf + (v(t) - v_inf) e^{-dt/tau}} with {@code v_inf = v_leak + r b} for the bias
 *       {@code b}; a spike of weight {@code w} adds {@code r w a / tau} (the incoming weights are multiplied by
 *       this gain, taken as exactly 1 when within 1e-6 of it). NIR fires at {@code v > v_threshold}, snn4j's Lif
 *       at {@code v >= vThreshold}; in float arithmetic {@code v > x} is {@code v >= nextUp(x)}, so the imported
 *       Lif fires exactly when NIR's would, also at the exact threshold ({@link NirExport} writes
 *       {@code nextDown(vThreshold)}, so round trips keep the threshold bit for bit).</li>
 *   <li>{@code IF(r, v_threshold, v_reset)} becomes {@link PerfectIf} (strict {@code v > v_threshold}, reset
 *       to value); a spike adds {@code r w a}; the bias adds {@code r b dt} per step. With a non-zero bias, or
 *       the node metadata {@code reset_method = "subtract"} (written by {@link NirExport} for reset by
 *       subtraction, which NIR's equations do not express), it becomes the event-driven {@link BiasedIf} with
 *       that reset and its bias as a constant current.</li>
 *   <li>{@code CubaLIF(tau_syn, tau_mem, r, v_leak, v_threshold, v_reset, w_in)} becomes
 *       {@link ExpCurrentLif} ({@code tauMs = tau_mem * timeUnitMs}, both current time constants
 *       {@code tau_syn * timeUnitMs}, integrated exactly); a spike of weight {@code w} raises {@code R I} by
 *       {@code r w_in w a / tau_syn}.</li>
 *   <li>{@code LI} and {@code I} (last node only) become {@link Lif} / {@link PerfectIf} whose threshold is
 *       never reached ({@code Float.MAX_VALUE}, no reset): read their potentials with a
 *       {@link org.snn4j.monitor.StateTrace} or the layer state after the presentation.</li>
 * </ul>
 * A non-zero bias before a LIF makes the layer's model a {@link BiasCurrent} (clock-driven); without one, LIF
 * layers run event-driven, and IF layers always do.
 *
 * <p>Stateless and thread-safe.
 */
public final class NirImport {
    /** A gain this close to 1 is the float32 round-off of {@code r = tau / dt} and is taken as exactly 1. */
    static final double UNIT_GAIN_TOLERANCE = 1e-6;

    private NirImport() {
    }

    /**
     * Builds the network described by {@code graph}.
     *
     * @throws IllegalArgumentException naming the node (and its type) that cannot be represented, and why
     */
    public static Network toNetwork(NirGraph graph, NirOptions options) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(options, "options");
        List<NirNode> chain = chain(graph);
        NirNode input = chain.get(0);
        Shape shape = shapeOf(input, input.param("shape"));   // the shape in NIR's view (Flatten changes it)
        Shape netShape = shape;                                 // what the last snn4j layer produces
        boolean flattened = false;
        Network.Builder b = Network.builder(shape, options.dtMs());
        Syn syn = null;
        Pool pool = null;
        int layers = 0;
        for (int i = 1; i < chain.size(); i++) {
            NirNode n = chain.get(i);
            switch (n.type()) {
                case FLATTEN:
                    if (syn != null) {
                        throw refuse(n, "it sits between synapse node " + syn.name + " and its neurons");
                    }
                    shape = Shape.flat(shape.size());
                    flattened = true;
                    break;
                case AFFINE:
                case LINEAR:
                    requireNoSynapse(n, syn);
                    syn = dense(n, shape, netShape, pool);
                    pool = null;
                    shape = Shape.flat(syn.nOut);
                    break;
                case CONV2D:
                    requireNoSynapse(n, syn);
                    if (flattened) {
                        throw refuse(n, "it follows a Flatten; a convolution needs the C x H x W map " + netShape);
                    }
                    syn = conv(n, shape, pool);
                    pool = null;
                    shape = syn.out;
                    break;
                case SCALE:
                    if (syn == null) {
                        throw refuse(n, "snn4j folds Scale into the weights of the synapse node before it, and there is none");
                    }
                    syn.scale(n);
                    break;
                case SUM_POOL_2D:
                case AVG_POOL_2D:
                    requireNoSynapse(n, syn);
                    if (pool != null) {
                        throw refuse(n, "it follows pooling node " + pool.name + " directly");
                    }
                    if (flattened) {
                        throw refuse(n, "it follows a Flatten; 2-D pooling needs the C x H x W map " + netShape);
                    }
                    pool = new Pool(n, shape);
                    shape = pool.out;
                    break;
                case LIF:
                case IF:
                case LI:
                case INTEGRATOR:
                case CUBA_LIF:
                    if (syn == null) {
                        throw refuse(n, "a neuron node must follow an Affine, Linear or Conv2d node (snn4j's layers are"
                                + " synapses plus neurons)");
                    }
                    if ((n.type() == NirType.LI || n.type() == NirType.INTEGRATOR)
                            && chain.get(i + 1).type() != NirType.OUTPUT) {
                        throw refuse(n, "it does not spike, so snn4j accepts it only as the read-out just before Output");
                    }
                    Layer built = syn.build(n, options);
                    b.add(built);
                    netShape = built.outputShape();
                    shape = netShape;
                    flattened = false;
                    layers++;
                    syn = null;
                    break;
                case OUTPUT:
                    if (syn != null) {
                        throw refuse(n, "synapse node " + syn.name + " reaches the output with no neurons after it");
                    }
                    if (pool != null) {
                        throw refuse(n, "pooling node " + pool.name + " reaches the output with no synapses after it");
                    }
                    if (layers == 0) {
                        throw refuse(n, "the graph has no neuron layer");
                    }
                    if (n.has("shape") && shapeOf(n, n.param("shape")).size() != shape.size()) {
                        throw refuse(n, "its shape " + shapeOf(n, n.param("shape")) + " does not match the "
                                + shape + " that reaches it");
                    }
                    break;
                case DELAY:
                    throw refuse(n, "snn4j's layers have no synaptic delays");
                case THRESHOLD:
                    throw refuse(n, "a memoryless threshold on a current has no snn4j neuron model");
                case CUBA_LI:
                    throw refuse(n, "a non-spiking current-based read-out has no snn4j model (CubaLIF is imported)");
                case CONV1D:
                    throw refuse(n, "snn4j has 2-D convolutions only");
                default:
                    throw refuse(n, "unexpected at this place in the chain");
            }
        }
        return b.build();
    }

    static IllegalArgumentException refuse(NirNode n, String why) {
        return new IllegalArgumentException("NIR node " + n.name() + " (" + n.type().fileName()
                + ") cannot be imported: " + why);
    }

    private static void requireNoSynapse(NirNode n, Syn syn) {
        if (syn != null) {
            throw refuse(n, "it follows synapse node " + syn.name + " with no neurons in between");
        }
    }

    /** The nodes from Input to Output, checking that the graph is one chain without cycles. */
    static List<NirNode> chain(NirGraph g) {
        Map<String, List<String>> succ = new HashMap<>();
        Map<String, List<String>> pred = new HashMap<>();
        for (NirNode n : g.nodes()) {
            succ.put(n.name(), new ArrayList<>());
            pred.put(n.name(), new ArrayList<>());
        }
        for (NirGraph.Edge e : g.edges()) {
            succ.get(e.from()).add(e.to());
            pred.get(e.to()).add(e.from());
        }
        NirNode input = null;
        NirNode output = null;
        for (NirNode n : g.nodes()) {
            if (n.type() == NirType.INPUT) {
                if (input != null) {
                    throw refuse(n, "the graph has a second Input node (" + input.name() + "); snn4j networks have one input");
                }
                input = n;
            } else if (n.type() == NirType.OUTPUT) {
                if (output != null) {
                    throw refuse(n, "the graph has a second Output node (" + output.name() + ")");
                }
                output = n;
            }
        }
        if (input == null || output == null) {
            throw new IllegalArgumentException("a NIR graph needs one Input and one Output node; found "
                    + (input == null ? "no Input" : "Input " + input.name()) + " and "
                    + (output == null ? "no Output" : "Output " + output.name()));
        }
        // recurrent edges first: a depth-first search from every node finds each cycle's closing edge
        Set<String> done = new HashSet<>();
        for (NirNode n : g.nodes()) {
            findCycle(n.name(), succ, new HashSet<>(), done, g);
        }
        List<NirNode> chain = new ArrayList<>();
        NirNode cur = input;
        while (true) {
            chain.add(cur);
            List<String> p = pred.get(cur.name());
            if (cur != input && p.size() != 1) {
                throw refuse(cur, "it has " + p.size() + " inputs " + p + "; snn4j imports chains (one input per node)");
            }
            if (cur == output) {
                break;
            }
            List<String> s = succ.get(cur.name());
            if (s.size() != 1) {
                throw refuse(cur, s.isEmpty() ? "nothing follows it, so it never reaches Output " + output.name()
                        : "it feeds " + s.size() + " nodes " + s + "; snn4j imports chains (no branches)");
            }
            cur = g.node(s.get(0));
        }
        if (chain.size() != g.nodes().size()) {
            for (NirNode n : g.nodes()) {
                if (!chain.contains(n)) {
                    throw refuse(n, "it is not on the path from Input " + input.name() + " to Output " + output.name());
                }
            }
        }
        return chain;
    }

    private static void findCycle(String at, Map<String, List<String>> succ, Set<String> onPath, Set<String> done,
                                  NirGraph g) {
        if (done.contains(at)) {
            return;
        }
        onPath.add(at);
        for (String next : succ.get(at)) {
            if (onPath.contains(next)) {
                throw new IllegalArgumentException("NIR edge " + at + " -> " + next + " is recurrent (it closes a cycle"
                        + " back to node " + next + " (" + g.node(next).type().fileName()
                        + ")); snn4j imports feed-forward graphs only");
            }
            findCycle(next, succ, onPath, done, g);
        }
        onPath.remove(at);
        done.add(at);
    }

    /**
     * A snn4j shape from a NIR shape array: [n], [H, W] or [C, H, W]; leading dimensions of 1 beyond three (a batch
     * dimension some exporters keep) are dropped.
     */
    static Shape shapeOf(NirNode n, NirArray s) {
        int from = 0;
        while (s.size() - from > 3 && s.get(from) == 1) {
            from++;
        }
        int r = s.size() - from;
        if (r < 1 || r > 3) {
            throw refuse(n, "its shape has " + s.size() + " dimensions; snn4j takes [n], [H, W] or [C, H, W]");
        }
        int[] d = new int[r];
        for (int i = 0; i < r; i++) {
            double v = s.get(from + i);
            if (!(v >= 1) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                throw refuse(n, "shape dimension " + (from + i) + " must be a positive integer, got " + v);
            }
            d[i] = (int) v;
        }
        return r == 1 ? Shape.flat(d[0]) : r == 2 ? new Shape(1, d[0], d[1]) : new Shape(d[0], d[1], d[2]);
    }

    /** One value of a per-neuron parameter that must be the same for all {@code n} neurons. */
    static float uniform(NirNode node, String key, int n, Float dflt) {
        if (!node.has(key) && dflt != null) {
            return dflt;
        }
        NirArray a = node.param(key);
        if (a.size() != 1 && a.size() != n) {
            throw refuse(node, key + " has " + a.size() + " values for " + n + " neurons");
        }
        double v = a.get(0);
        for (int i = 0; i < a.size(); i++) {
            double x = a.get(i);
            if (!Double.isFinite(x)) {
                throw refuse(node, key + "[" + i + "] must be finite, got " + x);
            }
            if (x != v) {
                throw refuse(node, key + " must be the same for every neuron (snn4j keeps one parameter set per layer);"
                        + " found " + v + " at 0 and " + x + " at " + i);
            }
        }
        return (float) v;
    }

    /** An integer pair from a scalar or a 1- or 2-element array. */
    static int[] pair(NirNode n, String key, int dflt) {
        if (!n.params().containsKey(key)) {
            if (n.strings().containsKey(key)) {
                throw refuse(n, key + " is the string \"" + n.strings().get(key) + "\"; expected integers");
            }
            return new int[] {dflt, dflt};
        }
        NirArray a = n.param(key);
        if (a.size() != 1 && a.size() != 2) {
            throw refuse(n, key + " must have 1 or 2 values, got " + a);
        }
        int[] p = new int[2];
        for (int i = 0; i < 2; i++) {
            double v = a.get(a.size() == 1 ? 0 : i);
            if (v != Math.rint(v) || v < 0 || v > 1 << 20) {
                throw refuse(n, key + " must hold non-negative integers, got " + a);
            }
            p[i] = (int) v;
        }
        return p;
    }

    /** A pending pooling node, to be folded into the next synapse node. */
    private static final class Pool {
        final String name;
        final boolean avg;
        final int k;
        final int s;
        final int p;
        final Shape in;
        final Shape out;

        Pool(NirNode n, Shape in) {
            this.name = n.name();
            this.avg = n.type() == NirType.AVG_POOL_2D;
            int[] kk = pair(n, "kernel_size", -1);
            int[] ss = pair(n, "stride", -1);
            int[] pp = pair(n, "padding", 0);
            if (kk[0] != kk[1] || ss[0] != ss[1] || pp[0] != pp[1]) {
                throw refuse(n, "snn4j folds square pooling only; got kernel " + kk[0] + "x" + kk[1] + ", stride "
                        + ss[0] + "x" + ss[1] + ", padding " + pp[0] + "x" + pp[1]);
            }
            if (kk[0] < 1 || ss[0] < 1) {
                throw refuse(n, "kernel_size and stride must be >= 1, got " + kk[0] + " and " + ss[0]);
            }
            if (in.height() == 1 && in.channels() == 1) {
                throw refuse(n, "its input " + in + " is flat; 2-D pooling needs a C x H x W map");
            }
            this.k = kk[0];
            this.s = ss[0];
            this.p = pp[0];
            this.in = in;
            int oh = Math.floorDiv(in.height() + 2 * p - k, s) + 1;
            int ow = Math.floorDiv(in.width() + 2 * p - k, s) + 1;
            if (oh < 1 || ow < 1) {
                throw refuse(n, "a " + k + "x" + k + " window does not fit its input " + in);
            }
            this.out = new Shape(in.channels(), oh, ow);
        }

        float factor() {
            return avg ? 1f / (k * k) : 1f;
        }
    }

    /** A pending synapse node (weights in snn4j's layout), waiting for its neurons. */
    private static final class Syn {
        final String name;
        final boolean conv;
        final Shape in;
        final Shape out;
        final int nOut;
        final double[] w;      // dense: [in][out]; conv: [outC][inC][kH][kW]
        final double[] bias;   // per output neuron (CHW), or null
        int kH;
        int kW;
        int stride;
        int padH;
        int padW;

        Syn(String name, boolean conv, Shape in, Shape out, double[] w, double[] bias) {
            this.name = name;
            this.conv = conv;
            this.in = in;
            this.out = out;
            this.nOut = out.size();
            this.w = w;
            this.bias = bias;
        }

        void scale(NirNode n) {
            NirArray s = n.param("scale");
            int map = out.height() * out.width();
            int per = s.size() == 1 ? 0 : s.size() == nOut ? 1 : conv && s.size() == out.channels() ? 2 : -1;
            if (per < 0) {
                throw refuse(n, "scale has " + s.size() + " values for the " + nOut + " outputs " + out + " of " + name);
            }
            int inC = conv ? w.length / (out.channels() * kH * kW) : 0;
            for (int o = 0; o < nOut; o++) {
                double f = s.get(per == 0 ? 0 : per == 1 ? o : o / map);
                if (!Double.isFinite(f)) {
                    throw refuse(n, "scale must be finite, got " + f);
                }
                if (conv && per == 1 && o % map != 0 && f != s.get(o - o % map)) {
                    throw refuse(n, "a Conv2d's outputs can be scaled per channel only (a convolution shares its"
                            + " weights across positions)");
                }
                if (bias != null) {
                    bias[o] *= f;
                }
                if (!conv) {
                    int nIn = w.length / nOut;
                    for (int i = 0; i < nIn; i++) {
                        w[i * nOut + o] *= f;
                    }
                } else if (o % map == 0) {
                    int oc = o / map;
                    int per1 = inC * kH * kW;
                    for (int t = 0; t < per1; t++) {
                        w[oc * per1 + t] *= f;
                    }
                }
            }
        }

        Layer build(NirNode neuron, NirOptions o) {
            NeuronModel model;
            PerfectIfParameters ifParams = null;
            double gain;
            double biasToCurrent;
            int n = nOut;
            switch (neuron.type()) {
                case LIF:
                case LI: {
                    boolean fires = neuron.type() == NirType.LIF;
                    float tau = uniform(neuron, "tau", n, null);
                    float r = uniform(neuron, "r", n, null);
                    float vLeak = uniform(neuron, "v_leak", n, null);
                    // NIR fires at v > v_threshold, Lif at v >= vThreshold: v > x  <=>  v >= nextUp(x), in float
                    float vThr = fires ? Math.nextUp(uniform(neuron, "v_threshold", n, null)) : Float.MAX_VALUE;
                    float vReset = fires ? uniform(neuron, "v_reset", n, 0f) : vLeak;
                    if (!(tau > 0)) {
                        throw refuse(neuron, "tau must be > 0, got " + tau);
                    }
                    float tauMs = (float) ((double) tau * o.timeUnitMs());
                    try {
                        model = new Lif(new LifParameters(tauMs, vLeak, vReset, vThr, 1f, 0f,
                                fires ? ResetMode.TO_VALUE : ResetMode.NONE));
                    } catch (IllegalArgumentException e) {
                        throw refuse(neuron, e.getMessage());
                    }
                    gain = (double) r * o.spikeArea() / tau;
                    biasToCurrent = r;                       // v_inf = v_leak + 1 * (r b)
                    break;
                }
                case IF:
                case INTEGRATOR: {
                    boolean fires = neuron.type() == NirType.IF;
                    float r = uniform(neuron, "r", n, null);
                    float vThr = fires ? uniform(neuron, "v_threshold", n, null) : Float.MAX_VALUE;
                    float vReset = fires ? uniform(neuron, "v_reset", n, 0f) : 0f;
                    ResetMode reset = fires ? ResetMode.TO_VALUE : ResetMode.NONE;
                    String method = neuron.strings().get(NirNode.RESET_METHOD);
                    if (method != null && fires) {
                        if (!method.equals("subtract")) {
                            throw refuse(neuron, "metadata reset_method \"" + method + "\" is not understood (snn4j"
                                    + " writes and reads \"subtract\")");
                        }
                        reset = ResetMode.SUBTRACT;
                    }
                    try {
                        ifParams = new PerfectIfParameters(vThr, vReset, reset, 0f, false, ThresholdComparison.GREATER);
                        model = new PerfectIf(ifParams);
                    } catch (IllegalArgumentException e) {
                        throw refuse(neuron, e.getMessage());
                    }
                    gain = (double) r * o.spikeArea();
                    biasToCurrent = r / o.timeUnitMs();      // dv/dt = r b per NIR time unit, in mV/ms
                    break;
                }
                case CUBA_LIF: {
                    float tauSyn = uniform(neuron, "tau_syn", n, null);
                    float tauMem = uniform(neuron, "tau_mem", n, null);
                    float r = uniform(neuron, "r", n, null);
                    float vLeak = uniform(neuron, "v_leak", n, null);
                    float vThr = uniform(neuron, "v_threshold", n, null);
                    float vReset = uniform(neuron, "v_reset", n, 0f);
                    float wIn = uniform(neuron, "w_in", n, 1f);
                    if (!(tauSyn > 0) || !(tauMem > 0)) {
                        throw refuse(neuron, "tau_syn and tau_mem must be > 0, got " + tauSyn + " and " + tauMem);
                    }
                    if (bias != null) {
                        for (double x : bias) {
                            if (x != 0) {
                                throw refuse(neuron, "a bias before a CubaLIF passes through its synaptic filter, which"
                                        + " snn4j's ExpCurrentLif does not model for constant currents");
                            }
                        }
                    }
                    float syn = (float) ((double) tauSyn * o.timeUnitMs());
                    try {
                        model = new ExpCurrentLif(new ExpCurrentParameters((float) ((double) tauMem * o.timeUnitMs()),
                                syn, syn, vLeak, vThr, vReset, 0f));
                    } catch (IllegalArgumentException e) {
                        throw refuse(neuron, e.getMessage());
                    }
                    gain = (double) r * wIn * o.spikeArea() / tauSyn;   // R I jumps by r w_in w a / tau_syn
                    biasToCurrent = 0;
                    break;
                }
                default:
                    throw refuse(neuron, "not a neuron node");
            }
            if (Math.abs(gain - 1.0) <= UNIT_GAIN_TOLERANCE) {
                gain = 1.0;
            }
            if (!Double.isFinite(gain)) {
                throw refuse(neuron, "the spike gain r * area / tau is not finite: " + gain);
            }
            if (bias != null) {
                boolean any = false;
                float[] current = new float[n];
                for (int i = 0; i < n; i++) {
                    current[i] = (float) (bias[i] * biasToCurrent);
                    any |= current[i] != 0f;
                }
                if (any && ifParams != null) {
                    model = new BiasedIf(ifParams, current);        // event-driven with its constant current
                } else if (any) {
                    model = new BiasCurrent(model, current);
                }
            }
            if (ifParams != null && ifParams.resetMode() == ResetMode.SUBTRACT && !(model instanceof BiasedIf)) {
                model = new BiasedIf(ifParams, new float[n]);      // reset by subtraction, event-driven
            }
            if (!conv) {
                DenseLayer l = DenseLayer.builder(name, in, nOut).neurons(model).build();
                float[] lw = l.weights();
                for (int i = 0; i < lw.length; i++) {
                    lw[i] = (float) (w[i] * gain);
                }
                return l;
            }
            int outC = out.channels();
            int inC = in.channels();
            Conv2dLayer l = Conv2dLayer.builder(name, in, outC, kH, kW).stride(stride).padding(padH, padW)
                    .neurons(model).build();
            float[] lw = l.weights();
            int q = 0;
            for (int oc = 0; oc < outC; oc++) {
                for (int c = 0; c < inC; c++) {
                    for (int y = 0; y < kH; y++) {
                        for (int x = 0; x < kW; x++) {
                            lw[l.weightIndex(oc, c, y, x)] = (float) (w[q++] * gain);
                        }
                    }
                }
            }
            return l;
        }
    }

    private static double[] finite(NirNode n, String key, NirArray a) {
        double[] v = a.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw refuse(n, key + "[" + i + "] must be finite, got " + v[i]);
            }
        }
        return v;
    }

    private static Syn dense(NirNode n, Shape shape, Shape netShape, Pool pool) {
        NirArray wa = n.param("weight");
        if (wa.rank() != 2) {
            throw refuse(n, "weight must be 2-D [out, in], got shape " + java.util.Arrays.toString(wa.shape()));
        }
        int nOut = wa.dim(0);
        int nIn = wa.dim(1);
        if (nIn != shape.size()) {
            throw refuse(n, "weight " + nOut + "x" + nIn + " takes " + nIn + " inputs, but " + shape + " ("
                    + shape.size() + ") reach it");
        }
        if (nOut < 1) {
            throw refuse(n, "weight has no outputs");
        }
        double[] src = finite(n, "weight", wa);
        double[] bias = null;
        if (n.type() == NirType.AFFINE) {
            NirArray ba = n.param("bias");
            if (ba.size() != nOut && ba.size() != 1) {
                throw refuse(n, "bias has " + ba.size() + " values for " + nOut + " outputs");
            }
            double[] bv = finite(n, "bias", ba);
            bias = new double[nOut];
            for (int o = 0; o < nOut; o++) {
                bias[o] = bv[ba.size() == 1 ? 0 : o];
            }
        }
        Shape in = pool == null ? netShape : pool.in;
        double[] w = new double[(int) Math.min(Integer.MAX_VALUE, (long) in.size() * nOut)];
        if ((long) in.size() * nOut > Integer.MAX_VALUE) {
            throw refuse(n, in.size() + " x " + nOut + " weights are too many");
        }
        if (pool == null) {
            for (int o = 0; o < nOut; o++) {
                for (int i = 0; i < nIn; i++) {
                    w[i * nOut + o] = src[o * nIn + i];
                }
            }
        } else {
            // w'[i][o] = f * sum over the pooled positions j whose window holds input i of W[o][j]
            Shape ps = pool.out;
            int c0 = ps.channels();
            double f = pool.factor();
            for (int c = 0; c < c0; c++) {
                for (int py = 0; py < ps.height(); py++) {
                    for (int px = 0; px < ps.width(); px++) {
                        int j = ps.index(c, py, px);
                        for (int dy = 0; dy < pool.k; dy++) {
                            int y = py * pool.s - pool.p + dy;
                            if (y < 0 || y >= in.height()) {
                                continue;
                            }
                            for (int dx = 0; dx < pool.k; dx++) {
                                int x = px * pool.s - pool.p + dx;
                                if (x < 0 || x >= in.width()) {
                                    continue;
                                }
                                int i = in.index(c, y, x);
                                for (int o = 0; o < nOut; o++) {
                                    w[i * nOut + o] += f * src[o * nIn + j];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Syn(n.name(), false, in, Shape.flat(nOut), w, bias);
    }

    private static Syn conv(NirNode n, Shape shape, Pool pool) {
        NirArray wa = n.param("weight");
        if (wa.rank() != 4) {
            throw refuse(n, "weight must be 4-D [outC, inC, kH, kW], got shape " + java.util.Arrays.toString(wa.shape()));
        }
        int outC = wa.dim(0);
        int inC = wa.dim(1);
        int kH = wa.dim(2);
        int kW = wa.dim(3);
        if (n.has("groups") && n.param("groups").get(0) != 1) {
            throw refuse(n, "groups = " + n.param("groups").get(0) + "; snn4j's Conv2dLayer has groups = 1 only");
        }
        int[] dil = pair(n, "dilation", 1);
        if (dil[0] != 1 || dil[1] != 1) {
            throw refuse(n, "dilation " + dil[0] + "x" + dil[1] + "; snn4j's Conv2dLayer has no dilation");
        }
        int[] st = pair(n, "stride", 1);
        if (st[0] != st[1] || st[0] < 1) {
            throw refuse(n, "stride " + st[0] + "x" + st[1] + "; snn4j's Conv2dLayer has one stride >= 1 for both axes");
        }
        int[] pad;
        String ps = n.strings().get("padding");
        if (ps != null) {
            if (ps.equals("valid")) {
                pad = new int[] {0, 0};
            } else if (ps.equals("same") && st[0] == 1 && kH % 2 == 1 && kW % 2 == 1) {
                pad = new int[] {kH / 2, kW / 2};
            } else {
                throw refuse(n, "padding \"" + ps + "\" with stride " + st[0] + " and kernel " + kH + "x" + kW
                        + " is not supported (\"valid\", or \"same\" with stride 1 and odd kernels)");
            }
        } else {
            pad = pair(n, "padding", 0);
        }
        Shape conved = pool == null ? shape : pool.out;
        if (conved.channels() != inC || (conved.channels() == 1 && conved.height() == 1 && kH > 1)) {
            throw refuse(n, "weight takes " + inC + " input channels (a C x H x W map), but " + conved + " reaches it");
        }
        double[] src = finite(n, "weight", wa);
        double[] w;
        Shape in;
        if (pool == null) {
            w = src;
            in = shape;
        } else {
            int k = pool.k;
            if (pool.p != 0 || pool.s != k || pool.in.height() % k != 0 || pool.in.width() % k != 0) {
                throw refuse(n, "it follows pooling node " + pool.name + " (" + k + "x" + k + " stride " + pool.s
                        + " padding " + pool.p + " on " + pool.in + "), which snn4j folds into a convolution only"
                        + " when stride = kernel, padding 0 and the kernel tiles the map");
            }
            int kH2 = kH * k;
            int kW2 = kW * k;
            w = new double[outC * inC * kH2 * kW2];
            double f = pool.factor();
            for (int oc = 0; oc < outC; oc++) {
                for (int c = 0; c < inC; c++) {
                    for (int y = 0; y < kH2; y++) {
                        for (int x = 0; x < kW2; x++) {
                            w[((oc * inC + c) * kH2 + y) * kW2 + x] = f * src[((oc * inC + c) * kH + y / k) * kW + x / k];
                        }
                    }
                }
            }
            kH = kH2;
            kW = kW2;
            st[0] *= k;
            pad = new int[] {pad[0] * k, pad[1] * k};
            in = pool.in;
        }
        int oh = Math.floorDiv(in.height() + 2 * pad[0] - kH, st[0]) + 1;
        int ow = Math.floorDiv(in.width() + 2 * pad[1] - kW, st[0]) + 1;
        if (oh < 1 || ow < 1) {
            throw refuse(n, "a " + kH + "x" + kW + " kernel does not fit its input " + in);
        }
        Shape out = new Shape(outC, oh, ow);
        double[] bias = null;
        if (n.has("bias")) {
            NirArray ba = n.param("bias");
            if (ba.size() != outC && ba.size() != 1) {
                throw refuse(n, "bias has " + ba.size() + " values for " + outC + " output channels");
            }
            double[] bv = finite(n, "bias", ba);
            bias = new double[out.size()];
            int map = oh * ow;
            for (int i = 0; i < bias.length; i++) {
                bias[i] = bv[ba.size() == 1 ? 0 : i / map];
            }
        }
        Syn s = new Syn(n.name(), true, in, out, w, bias);
        s.kH = kH;
        s.kW = kW;
        s.stride = st[0];
        s.padH = pad[0];
        s.padW = pad[1];
        return s;
    }
}
