package org.snn4j.learning;

import java.util.Arrays;
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
 * Reward-modulated STDP with an eligibility trace per synapse: Izhikevich 2007, "Solving the distal
 * reward problem through linkage of STDP and dopamine signaling" (doi:10.1093/cercor/bhl152); also
 * Florian 2007's MSTDPET. Meant for dense layers (read-outs).
 *
 * <p>Pair-based STDP (all-to-all traces as in {@link ExponentialStdp}: pre traces {@code x_i} with
 * {@code tauPlus}, post traces {@code y_j} with {@code tauMinus}) does not change the weights but an
 * eligibility {@code c_ij}, which decays with {@code tauEligibility}:
 * {@code c(t) = c(s) * De[t - s]}, {@code De[k] = (float) exp(-k dt / tauEligibility)}. After each step:
 * pre traces of the inputs that fired are incremented; for each input {@code i} that fired and output
 * {@code j} that fired earlier, {@code c_ij += aMinus * y_j(t)} ({@code aMinus} is signed, typically
 * negative; through {@link PlasticLayer#updateSynapsesFrom}); then for each output {@code j} that fired,
 * {@code c_ij += aPlus * x_i(t)} for every input with {@code x_i != 0}; then post traces are
 * incremented. At the end of a presentation
 * ({@link #afterSample}) a non-zero reward {@code r} writes the trace into the weights:
 * {@code w <- clamp(w + learningRate * r * c_ij(now), lo, hi)} (float: {@code (learningRate * r) * c}).
 * The reward's magnitude is used (graded dopamine). The trace is not consumed: a later reward sees it,
 * decayed.
 *
 * <p>Time: the rule keeps its own clock, advanced by one on every {@code afterStep} call, so traces and
 * eligibility decay continuously across presentations (no gap between them); {@link #reset()} clears
 * everything. Memory: one float and one int per (input, output) pair, so at most 16,777,216 pairs.
 * Padding synapses (pre = -1) are ignored. On a convolution the eligibilities of every position sharing a
 * kernel weight are all applied to it, one after the other.
 *
 * <p>Mutable; not thread-safe; one instance per layer.
 */
public final class EligibilityRStdp implements Persistent, LearningRule {
    /** The largest number of (input, output) pairs supported. */
    public static final int MAX_PAIRS = 1 << 24;

    /**
     * Parameters of {@link EligibilityRStdp}.
     *
     * @param tauPlusMs        pre-trace time constant, ms, {@code > 0}
     * @param tauMinusMs       post-trace time constant, ms, {@code > 0}
     * @param tauEligibilityMs eligibility time constant, ms, {@code > 0} (Izhikevich: 1000 ms)
     * @param rates            {@code aPlus} added to {@code c} per post spike x pre trace, {@code aMinus}
     *                         per pre spike x post trace (signed)
     * @param learningRate     factor from {@code reward * c} to a weight change, finite
     * @param bounds           weight interval
     */
    public record Parameters(float tauPlusMs, float tauMinusMs, float tauEligibilityMs, StdpRates rates,
                             float learningRate, WeightBounds bounds) {
        /** Checks every field. */
        public Parameters {
            checkTau("tauPlusMs", tauPlusMs);
            checkTau("tauMinusMs", tauMinusMs);
            checkTau("tauEligibilityMs", tauEligibilityMs);
            Objects.requireNonNull(rates, "rates");
            if (!Float.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite, got " + learningRate);
            }
            Objects.requireNonNull(bounds, "bounds");
        }

        private static void checkTau(String name, float v) {
            if (!(v > 0f) || Float.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
            }
        }
    }

    private final Parameters p;
    private final LazyTraces pre = new LazyTraces();
    private final LazyTraces post = new LazyTraces();
    private final LazyTraces decayE = new LazyTraces();
    private final StdpKernel stdp = new StdpKernel();
    private final RewardKernel rewardKernel = new RewardKernel();
    private float[] c = new float[0];
    private int[] cStep = new int[0];
    private int[] firedPosts = new int[0];
    private boolean[] hasFired = new boolean[0];
    private int firedCount;
    private int nPre = -1;
    private int nPost = -1;
    private int clock;
    private float dtMs = Float.NaN;

    /** A rule with parameters {@code p}. */
    public EligibilityRStdp(Parameters p) {
        this.p = Objects.requireNonNull(p, "p");
    }

    /** The parameters. */
    public Parameters parameters() {
        return p;
    }

    /** Clears traces, eligibilities and the clock. */
    public void reset() {
        nPre = -1;
        nPost = -1;
        clock = 0;
    }

    /**
     * The running state, for saving ({@link LearningCodecs#ELIGIBILITY_RSTDP}): {@code null} before the first step
     * (or after {@link #reset()}). Arrays are copies.
     *
     * @param dtMs       the time step the traces were configured for, ms
     * @param inputs     inputs of the layer
     * @param outputs    outputs of the layer
     * @param clock      the rule's step counter
     * @param preValue   pre traces as stored, one per input
     * @param preStep    the step at which each stored pre trace holds
     * @param postValue  post traces as stored, one per output
     * @param postStep   the step at which each stored post trace holds
     * @param eligibility eligibilities as stored, {@code [post][pre]}
     * @param eligibilityStep the step at which each stored eligibility holds, {@code [post][pre]}
     * @param firedPosts the outputs that have fired so far, in the order they first fired
     */
    record State(float dtMs, int inputs, int outputs, int clock, float[] preValue, int[] preStep, float[] postValue,
                 int[] postStep, float[] eligibility, int[] eligibilityStep, int[] firedPosts) {
    }

    /** The running state (copies), or {@code null} if the rule has not stepped since it was made or reset. */
    State state() {
        if (nPre < 0) {
            return null;
        }
        return new State(dtMs, nPre, nPost, clock, pre.values().clone(), pre.steps().clone(), post.values().clone(),
                post.steps().clone(), c.clone(), cStep.clone(), Arrays.copyOf(firedPosts, firedCount));
    }

    /**
     * Restores a saved running state, so that training continues as if the rule had never been saved.
     *
     * @throws IllegalArgumentException naming the first field that does not fit the others
     */
    void restore(State s) {
        Objects.requireNonNull(s, "s");
        if (!(s.dtMs() > 0f) || Float.isInfinite(s.dtMs())) {
            throw new IllegalArgumentException("dtMs must be finite and > 0, got " + s.dtMs());
        }
        if (s.inputs() < 1 || s.outputs() < 1 || (long) s.inputs() * s.outputs() > MAX_PAIRS) {
            throw new IllegalArgumentException("inputs x outputs must be in [1, " + MAX_PAIRS + "], got "
                    + s.inputs() + " x " + s.outputs());
        }
        if (s.clock() < 0) {
            throw new IllegalArgumentException("clock must be >= 0, got " + s.clock());
        }
        int pairs = s.inputs() * s.outputs();
        length("preValue", s.preValue().length, s.inputs());
        length("preStep", s.preStep().length, s.inputs());
        length("postValue", s.postValue().length, s.outputs());
        length("postStep", s.postStep().length, s.outputs());
        length("eligibility", s.eligibility().length, pairs);
        length("eligibilityStep", s.eligibilityStep().length, pairs);
        steps("preStep", s.preStep(), s.clock());
        steps("postStep", s.postStep(), s.clock());
        steps("eligibilityStep", s.eligibilityStep(), s.clock());
        if (s.firedPosts().length > s.outputs()) {
            throw new IllegalArgumentException("firedPosts has " + s.firedPosts().length + " entries, more than the "
                    + s.outputs() + " outputs");
        }
        boolean[] seen = new boolean[s.outputs()];
        for (int k = 0; k < s.firedPosts().length; k++) {
            int j = s.firedPosts()[k];
            if (j < 0 || j >= s.outputs() || seen[j]) {
                throw new IllegalArgumentException("firedPosts[" + k + "] = " + j + " is not a new output in [0, "
                        + s.outputs() + ")");
            }
            seen[j] = true;
        }
        nPre = s.inputs();
        nPost = s.outputs();
        dtMs = s.dtMs();
        pre.configure(nPre, dtMs, p.tauPlusMs());
        post.configure(nPost, dtMs, p.tauMinusMs());
        decayE.configure(0, dtMs, p.tauEligibilityMs());
        System.arraycopy(s.preValue(), 0, pre.values(), 0, nPre);
        System.arraycopy(s.preStep(), 0, pre.steps(), 0, nPre);
        System.arraycopy(s.postValue(), 0, post.values(), 0, nPost);
        System.arraycopy(s.postStep(), 0, post.steps(), 0, nPost);
        c = s.eligibility().clone();
        cStep = s.eligibilityStep().clone();
        hasFired = seen;
        firedPosts = Arrays.copyOf(s.firedPosts(), nPost);
        firedCount = s.firedPosts().length;
        clock = s.clock();
    }

    private static void length(String name, int got, int want) {
        if (got != want) {
            throw new IllegalArgumentException(name + " has " + got + " entries, expected " + want);
        }
    }

    private static void steps(String name, int[] steps, int clock) {
        for (int k = 0; k < steps.length; k++) {
            if (steps[k] < 0 || steps[k] > clock) {
                throw new IllegalArgumentException(name + "[" + k + "] = " + steps[k] + " is not in [0, clock = "
                        + clock + "]");
            }
        }
    }

    /** The eligibility of synapse {@code pre -> post} now (for monitors and tests). */
    public float eligibility(int pre, int post) {
        if (nPre < 0) {
            return 0f;
        }
        int idx = Objects.checkIndex(post, nPost) * nPre + Objects.checkIndex(pre, nPre);
        return c[idx] * decayE.decay(clock - cStep[idx]);
    }

    private void ensure(LayerState state, StepContext ctx) {
        int in = state.inputShape().size();
        int out = state.outputShape().size();
        if (in == nPre && out == nPost) {
            return;
        }
        long pairs = (long) in * out;
        if (pairs > MAX_PAIRS) {
            throw new IllegalArgumentException("EligibilityRStdp needs one trace per (input, output) pair: "
                    + in + " x " + out + " = " + pairs + " pairs, more than " + MAX_PAIRS);
        }
        nPre = in;
        nPost = out;
        dtMs = ctx.dtMs();
        pre.configure(in, ctx.dtMs(), p.tauPlusMs());
        post.configure(out, ctx.dtMs(), p.tauMinusMs());
        decayE.configure(0, ctx.dtMs(), p.tauEligibilityMs());
        pre.clear();
        post.clear();
        c = new float[(int) pairs];
        cStep = new int[(int) pairs];
        hasFired = new boolean[out];
        firedPosts = new int[out];
        firedCount = 0;
        clock = 0;
    }

    /** Updates the traces and eligibilities for this step (weights unchanged). */
    @Override
    public void afterStep(PlasticLayer layer, LayerState state, Spikes in, Spikes out, List<Winner> winners,
                          StepContext ctx) {
        ensure(state, ctx);
        int t = clock;
        int inCount = in.count();
        int[] inIdx = in.indices();
        for (int k = 0; k < inCount; k++) {
            pre.spike(inIdx[k], t, false);
        }
        stdp.owner = this;
        stdp.t = t;
        if (inCount > 0) {
            stdp.ltp = false;
            for (int k = 0; k < firedCount; k++) {
                int j = firedPosts[k];
                stdp.delta = p.rates().aMinus() * post.at(j, t);
                layer.updateSynapsesFrom(j, in, state, stdp);
            }
        }
        stdp.ltp = true;
        int outCount = out.count();
        int[] outIdx = out.indices();
        for (int k = 0; k < outCount; k++) {
            layer.updateReceptiveField(outIdx[k], state, stdp);
        }
        for (int k = 0; k < outCount; k++) {
            int j = outIdx[k];
            post.spike(j, t, false);
            if (!hasFired[j]) {
                hasFired[j] = true;
                firedPosts[firedCount++] = j;
            }
        }
        clock++;
    }

    /**
     * With {@code reward != 0}, writes {@code learningRate * reward * c} into every weight of the layer
     * (one receptive-field walk per output neuron). Modifies {@code layer.weights()}.
     */
    @Override
    public void afterSample(PlasticLayer layer, LayerState state, List<Winner> winners, float reward) {
        if (reward == 0f || Float.isNaN(reward) || nPre < 0) {
            return;
        }
        rewardKernel.owner = this;
        rewardKernel.scale = p.learningRate() * reward;
        for (int j = 0; j < nPost; j++) {
            layer.updateReceptiveField(j, state, rewardKernel);
        }
    }

    /**
     * Adds to eligibilities (weights unchanged): with {@code ltp}, {@code aPlus * x_i(t)} for inputs with a
     * non-zero trace; without, the fixed {@code delta} (depression from a pre spike).
     */
    private static final class StdpKernel implements SynapseKernel {
        EligibilityRStdp owner;
        int t;
        boolean ltp;
        float delta;

        @Override
        public float newWeight(float w, int i, int j) {
            if (i < 0) {
                return w;
            }
            EligibilityRStdp o = owner;
            float d = delta;
            if (ltp) {
                float x = o.pre.at(i, t);
                if (x == 0f) {
                    return w;
                }
                d = o.p.rates().aPlus() * x;
            }
            if (d != 0f) {
                int idx = j * o.nPre + i;
                o.c[idx] = o.c[idx] * o.decayE.decay(t - o.cStep[idx]) + d;
                o.cStep[idx] = t;
            }
            return w;
        }
    }

    private static final class RewardKernel implements SynapseKernel {
        EligibilityRStdp owner;
        float scale;

        @Override
        public float newWeight(float w, int i, int j) {
            if (i < 0) {
                return w;
            }
            EligibilityRStdp o = owner;
            int idx = j * o.nPre + i;
            float cv = o.c[idx];
            if (cv == 0f) {
                return w;
            }
            cv *= o.decayE.decay(o.clock - o.cStep[idx]);
            float nw = w + scale * cv;
            float lo = o.p.bounds().lo();
            float hi = o.p.bounds().hi();
            return nw < lo ? lo : (nw > hi ? hi : nw);
        }
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return LearningCodecs.ELIGIBILITY_RSTDP;
    }
}
