package org.snn4j.learning;

import java.util.List;
import java.util.Objects;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.SynapseKernel;

/**
 * Pair-based trace STDP (Song, Miller &amp; Abbott 2000, doi:10.1038/78829), with the optional triplet term of
 * the minimal triplet rule (Pfister &amp; Gerstner 2006, doi:10.1523/JNEUROSCI.1425-06.2006; as used by
 * Diehl &amp; Cook 2015, doi:10.3389/fncom.2015.00099), applied online after every step.
 *
 * <p>Every input neuron {@code i} has a pre trace {@code x_i} and every output neuron {@code j} a post
 * trace {@code y_j}. Between steps they decay, {@code x(t) = x(s) * D+[t - s]} with
 * {@code D+[k] = (float) exp(-k dt / tauPlus)} (and {@code tauMinus} for {@code y}); on a spike the trace
 * becomes {@code x + 1} ({@link Pairing#ALL_TO_ALL}) or {@code 1} ({@link Pairing#NEAREST}). Traces start
 * at 0 at step 0 of each presentation (cleared by {@link #onPresentationStart}). With a triplet term
 * ({@code etaTriplet != 0}) every output neuron also has a slow post trace {@code z_j} (time constant
 * {@code tauSlowMs}, same pairing). After step {@code t} ({@link #afterStep}), with {@code in} the
 * layer's input spikes and {@code out} its output spikes (after competition):
 * <ol>
 *   <li>pre traces of the inputs in {@code in} are updated (so same-step pairs count as causal);</li>
 *   <li>LTD, for every synapse {@code i -> j} with {@code i} in {@code in} and {@code j} having fired
 *       before step {@code t}: {@code w <- clamp(w - etaMinus * y_j(t) * g(w))}, where {@code y_j(t)}
 *       excludes a spike of {@code j} at step {@code t};</li>
 *   <li>LTP, for every synapse {@code i -> j} with {@code j} in {@code out} and {@code x_i(t) != 0}:
 *       {@code w <- clamp(w + a_j * x_i(t) * f(w))}, {@code a_j = etaPlus + etaTriplet * z_j(t)} with
 *       {@code z_j(t)} taken before {@code j}'s spike at {@code t} (so {@code a_j = etaPlus} without a triplet
 *       term); nothing is done for {@code j} if {@code a_j == 0};</li>
 *   <li>post traces (and slow post traces) of the neurons in {@code out} are updated.</li>
 * </ol>
 * With {@link Depression#BEFORE_INPUT}, steps 1 and 2 run instead before the layer adds step {@code t}'s input
 * ({@link #beforeStep}): a pre spike depresses its synapses before its weights are delivered (the order of the
 * former fused Diehl &amp; Cook simulator; the authors' Brian script, like {@link Depression#AFTER_STEP},
 * delivers the weight first). The updates are the same, only the input of step {@code t} differs.
 * {@link Bounding#ADDITIVE}: {@code f = g = 1}; {@link Bounding#MULTIPLICATIVE} (soft bounds):
 * {@code f(w) = hi - w}, {@code g(w) = w - lo}; {@code clamp} is to {@code [lo, hi]}. Synapses with no
 * update are not touched (not even clamped). Float arithmetic in exactly this order
 * ({@code dw = eta * trace} for LTD, {@code dw = a_j * x_i} for LTP, then {@code w + dw * f(w)}). Padding synapses (pre = -1) never change.
 *
 * <p>Cost per step: O(input and output spikes) for the traces; LTD through
 * {@link PlasticLayer#updateSynapsesFrom} for each output neuron that fired earlier in the presentation
 * (O(input spikes) per neuron on layers that index synapses directly); LTP one receptive-field walk per
 * output neuron that fires. Weight normalisation (Diehl &amp; Cook) is {@link WeightNormalisation}.
 *
 * <p>Mutable (traces of the current presentation); not thread-safe; one instance per layer.
 */
public final class ExponentialStdp implements Persistent, LearningRule {

    /** How a spike updates its own trace. */
    public enum Pairing {
        /** {@code x <- x + 1}: every earlier spike pairs with the new one. */
        ALL_TO_ALL,
        /** {@code x <- 1}: only the nearest earlier spike pairs. */
        NEAREST
    }

    /** When a pre spike's depression is applied, relative to the delivery of its weight. */
    public enum Depression {
        /** After the step (the weight delivered at step {@code t} is the one before the depression). */
        AFTER_STEP,
        /** Before the layer adds the step's input (the weight delivered is the depressed one). */
        BEFORE_INPUT
    }

    /** How the weight change depends on the weight. */
    public enum Bounding {
        /** Changes independent of {@code w}, hard clamp at the bounds. */
        ADDITIVE,
        /** Soft bounds: LTP scaled by {@code hi - w}, LTD by {@code w - lo} (then clamped). */
        MULTIPLICATIVE
    }

    /**
     * Parameters of {@link ExponentialStdp}.
     *
     * @param tauPlusMs  decay time constant of the pre traces (LTP window), ms, {@code > 0}
     * @param tauMinusMs decay time constant of the post traces (LTD window), ms, {@code > 0}
     * @param etaPlus    LTP rate (per unit of pre trace), finite; 0 (with no triplet term) switches LTP off
     * @param etaMinus   LTD rate (per unit of post trace), finite, subtracted; 0 switches LTD off
     * @param bounds     weight interval
     * @param pairing    trace update on a spike
     * @param bounding   weight dependence
     * @param etaTriplet LTP rate per unit of pre trace and of slow post trace (triplet term), finite; 0 (the
     *                   pair rule) switches it off
     * @param tauSlowMs  decay time constant of the slow post traces of the triplet term, ms, {@code > 0}
     * @param depression when a pre spike's depression is applied (not null)
     */
    public record Parameters(float tauPlusMs, float tauMinusMs, float etaPlus, float etaMinus,
                             WeightBounds bounds, Pairing pairing, Bounding bounding, float etaTriplet,
                             float tauSlowMs, Depression depression) {
        /** Checks every field. */
        public Parameters {
            if (!(tauPlusMs > 0f) || Float.isInfinite(tauPlusMs)) {
                throw new IllegalArgumentException("tauPlusMs must be finite and > 0, got " + tauPlusMs);
            }
            if (!(tauMinusMs > 0f) || Float.isInfinite(tauMinusMs)) {
                throw new IllegalArgumentException("tauMinusMs must be finite and > 0, got " + tauMinusMs);
            }
            if (!Float.isFinite(etaPlus)) {
                throw new IllegalArgumentException("etaPlus must be finite, got " + etaPlus);
            }
            if (!Float.isFinite(etaMinus)) {
                throw new IllegalArgumentException("etaMinus must be finite, got " + etaMinus);
            }
            Objects.requireNonNull(bounds, "bounds");
            Objects.requireNonNull(pairing, "pairing");
            Objects.requireNonNull(bounding, "bounding");
            if (!Float.isFinite(etaTriplet)) {
                throw new IllegalArgumentException("etaTriplet must be finite, got " + etaTriplet);
            }
            if (!(tauSlowMs > 0f) || Float.isInfinite(tauSlowMs)) {
                throw new IllegalArgumentException("tauSlowMs must be finite and > 0, got " + tauSlowMs);
            }
            Objects.requireNonNull(depression, "depression");
        }

        /** Parameters with depression {@link Depression#AFTER_STEP}. */
        public Parameters(float tauPlusMs, float tauMinusMs, float etaPlus, float etaMinus, WeightBounds bounds,
                          Pairing pairing, Bounding bounding, float etaTriplet, float tauSlowMs) {
            this(tauPlusMs, tauMinusMs, etaPlus, etaMinus, bounds, pairing, bounding, etaTriplet, tauSlowMs,
                    Depression.AFTER_STEP);
        }

        /** The pair rule (no triplet term; {@code tauSlowMs} set to {@code tauMinusMs}, unused). */
        public Parameters(float tauPlusMs, float tauMinusMs, float etaPlus, float etaMinus, WeightBounds bounds,
                          Pairing pairing, Bounding bounding) {
            this(tauPlusMs, tauMinusMs, etaPlus, etaMinus, bounds, pairing, bounding, 0f,
                    tauMinusMs > 0f ? tauMinusMs : 1f);
        }

        /**
         * Values of Diehl &amp; Cook 2015's input-to-excitatory STDP as pair rule, without its triplet term:
         * both traces 20 ms, nearest pairing, {@code etaPlus = 0.01} (post spike), {@code etaMinus = 0.0001}
         * (pre spike), additive, bounds [0, 1].
         */
        public static Parameters diehlCook2015() {
            return new Parameters(20f, 20f, 0.01f, 0.0001f, WeightBounds.unit(), Pairing.NEAREST,
                    Bounding.ADDITIVE);
        }

        /**
         * Diehl &amp; Cook 2015's rule as in the authors' script (without the target trace): pre and post traces
         * 20 ms, slow post trace 40 ms, nearest pairing; a pre spike depresses by {@code 0.0001 * y}, a post
         * spike potentiates by {@code 0.01 * x * z} (triplet term only, {@code etaPlus = 0}); additive,
         * bounds [0, 1].
         */
        public static Parameters diehlCook2015Triplet() {
            return new Parameters(20f, 20f, 0f, 0.0001f, WeightBounds.unit(), Pairing.NEAREST, Bounding.ADDITIVE,
                    0.01f, 40f);
        }

        /** A copy with other pair rates (the triplet term is kept). */
        public Parameters withRates(float etaPlus, float etaMinus) {
            return new Parameters(tauPlusMs, tauMinusMs, etaPlus, etaMinus, bounds, pairing, bounding, etaTriplet,
                    tauSlowMs, depression);
        }

        /** A copy with another depression timing. */
        public Parameters withDepression(Depression d) {
            return new Parameters(tauPlusMs, tauMinusMs, etaPlus, etaMinus, bounds, pairing, bounding, etaTriplet,
                    tauSlowMs, d);
        }
    }

    private final Parameters p;
    private final LazyTraces pre = new LazyTraces();
    private final LazyTraces post = new LazyTraces();
    private final LazyTraces postSlow = new LazyTraces();
    private final Ltd ltd = new Ltd();
    private final Ltp ltp = new Ltp();
    private int[] firedPosts = new int[0];
    private boolean[] hasFired = new boolean[0];
    private int firedCount;
    private boolean active;

    /** A rule with parameters {@code p}. */
    public ExponentialStdp(Parameters p) {
        this.p = Objects.requireNonNull(p, "p");
        boolean mult = p.bounding() == Bounding.MULTIPLICATIVE;
        ltd.lo = p.bounds().lo();
        ltd.hi = p.bounds().hi();
        ltd.multiplicative = mult;
        ltd.etaMinus = p.etaMinus();
        ltp.lo = p.bounds().lo();
        ltp.hi = p.bounds().hi();
        ltp.multiplicative = mult;
        ltp.pre = pre;
    }

    /** The parameters. */
    public Parameters parameters() {
        return p;
    }

    /**
     * Updates traces and weights for step {@code ctx.step()} as in the class description. Modifies
     * {@code layer.weights()}.
     */
    @Override
    public void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                          StepContext ctx) {
        int t = ctx.step();
        if (!active) {
            begin(state, ctx); // driven by hand without onPresentationStart
        }
        boolean nearest = p.pairing() == Pairing.NEAREST;
        if (p.depression() == Depression.AFTER_STEP) {
            depress(layer, state, in, t, nearest);
        }
        ltp.t = t;
        int outCount = out.count();
        int[] outIdx = out.indices();
        boolean triplet = p.etaTriplet() != 0f;
        for (int k = 0; k < outCount; k++) {
            int j = outIdx[k];
            float a = triplet ? p.etaPlus() + p.etaTriplet() * postSlow.at(j, t) : p.etaPlus();
            if (a != 0f) {
                ltp.a = a;
                layer.updateReceptiveField(j, state, ltp);
            }
        }
        for (int k = 0; k < outCount; k++) {
            int j = outIdx[k];
            post.spike(j, t, nearest);
            if (triplet) {
                postSlow.spike(j, t, nearest);
            }
            if (!hasFired[j]) {
                hasFired[j] = true;
                firedPosts[firedCount++] = j;
            }
        }
    }

    /**
     * With {@link Depression#BEFORE_INPUT}: updates the pre traces of this step's input spikes and depresses their
     * synapses onto the neurons that fired before (steps 1 and 2 of the class description), before the layer
     * adds the input. Nothing with {@link Depression#AFTER_STEP}.
     */
    @Override
    public void beforeStep(PlasticLayer layer, LayerState state, Spikes in, StepContext ctx) {
        if (p.depression() != Depression.BEFORE_INPUT) {
            return;
        }
        if (!active) {
            begin(state, ctx);
        }
        depress(layer, state, in, ctx.step(), p.pairing() == Pairing.NEAREST);
    }

    /** Pre traces of the input spikes of step {@code t}, then LTD onto the neurons that fired before. */
    private void depress(PlasticLayer layer, LayerState state, Spikes in, int t, boolean nearest) {
        int inCount = in.count();
        int[] inIdx = in.indices();
        for (int k = 0; k < inCount; k++) {
            pre.spike(inIdx[k], t, nearest);
        }
        if (inCount > 0) {
            for (int k = 0; k < firedCount; k++) {
                int j = firedPosts[k];
                ltd.y = post.at(j, t);
                layer.updateSynapsesFrom(j, in, state, ltd);
            }
        }
    }

    /** Starts a presentation: clears the traces (they start at 0 at step 0). */
    @Override
    public void onPresentationStart(PlasticLayer layer, LayerState state, StepContext ctx) {
        begin(state, ctx);
    }

    /** Ends the presentation (nothing to apply: the rule is online). */
    @Override
    public void onPresentationEnd(PlasticLayer layer, LayerState state, List<Winner> winners, StepContext ctx) {
        active = false;
    }

    /** Ends the presentation (nothing to apply: the rule is online). */
    @Override
    public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
        active = false;
    }

    private void begin(LayerState state, StepContext ctx) {
        int nIn = state.inputShape().size();
        int nOut = state.outputShape().size();
        pre.configure(nIn, ctx.dtMs(), p.tauPlusMs());
        post.configure(nOut, ctx.dtMs(), p.tauMinusMs());
        pre.clear();
        post.clear();
        if (p.etaTriplet() != 0f) {
            postSlow.configure(nOut, ctx.dtMs(), p.tauSlowMs());
            postSlow.clear();
        }
        if (hasFired.length != nOut) {
            hasFired = new boolean[nOut];
            firedPosts = new int[nOut];
        } else {
            for (int k = 0; k < firedCount; k++) {
                hasFired[firedPosts[k]] = false;
            }
        }
        firedCount = 0;
        active = true;
    }

    /** Depression of synapses from this step's input spikes; {@code y} set per post neuron. */
    private static final class Ltd implements SynapseKernel {
        float y;
        float etaMinus;
        float lo;
        float hi;
        boolean multiplicative;

        @Override
        public float newWeight(float w, int i, int j) {
            if (i < 0) {
                return w;
            }
            float dw = etaMinus * y;
            float nw = multiplicative ? w - dw * (w - lo) : w - dw;
            return nw < lo ? lo : (nw > hi ? hi : nw);
        }
    }

    /** Potentiation of every synapse onto a post neuron that fired, by the pre trace; {@code a} set per post. */
    private static final class Ltp implements SynapseKernel {
        LazyTraces pre;
        int t;
        float a;
        float lo;
        float hi;
        boolean multiplicative;

        @Override
        public float newWeight(float w, int i, int j) {
            if (i < 0) {
                return w;
            }
            float x = pre.at(i, t);
            if (x == 0f) {
                return w;
            }
            float dw = a * x;
            float nw = multiplicative ? w + dw * (hi - w) : w + dw;
            return nw < lo ? lo : (nw > hi ? hi : nw);
        }
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LearningCodecs.EXPONENTIAL_STDP;
    }
}
