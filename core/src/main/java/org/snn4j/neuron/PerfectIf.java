package org.snn4j.neuron;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.internal.Checks;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Perfect (non-leaky) integrate-and-fire neuron:
 * <pre>  V &lt;- V + I dt + input;  V (&gt;= or >) theta  =&gt;  spike, reset</pre>
 * with {@code theta = threshold + thresholdOffset[i]}, the external current {@code I} in mV/ms and the
 * synaptic input in mV. With {@link PerfectIfParameters#fireOnce()} a neuron fires at most once per
 * presentation (its potential keeps integrating), as latency-coded conv nets require.
 *
 * <h2>Lazy (closed-form) path</h2>
 * With no current the potential changes only when input arrives, so {@link #stepTouched} is exact (bit for
 * bit the same as {@link #step}) whenever a neuron cannot fire without input: {@link #closedForm()} is true
 * when the neuron fires once, or resets to a value below the threshold.
 *
 * <p>State: {@link #V} (mV). Immutable parameters; thread-safe.
 */
public final class PerfectIf implements Persistent, NeuronModel {
    /** Membrane potential, mV. */
    public static final StateVar V = new StateVar("v", "mV");

    private final PerfectIfParameters p;
    /** Bound to a step ({@link #bind}): the refractory steps; else -1. */
    private final int boundRef;

    /** A perfect integrate-and-fire population model with parameters {@code p}. */
    public PerfectIf(PerfectIfParameters p) {
        this.p = Objects.requireNonNull(p, "p");
        this.boundRef = -1;
    }

    private PerfectIf(PerfectIfParameters p, float dtMs) {
        this.p = p;
        Checks.positive("dtMs", dtMs);
        this.boundRef = Checks.stepsCeil("refractoryMs", p.refractoryMs(), dtMs);
    }

    /** This model with its refractory step count computed for step {@code dtMs}. */
    @Override
    public NeuronModel bind(float dtMs) {
        return new PerfectIf(p, dtMs);
    }

    /**
     * The fire-once neuron of latency-coded convolutional networks ({@link PerfectIfParameters#latencyCoded}),
     * which {@code Conv2dLayer} and {@code DenseLayer} run in their fused fire-once loop.
     *
     * @param threshold the threshold in mV (fires when {@code V > threshold}), finite
     */
    public static PerfectIf latencyCoded(float threshold) {
        return new PerfectIf(PerfectIfParameters.latencyCoded(threshold));
    }

    /** The parameters. */
    public PerfectIfParameters parameters() {
        return p;
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(V);
    }

    /** Sets {@code V = vReset} and {@code lastUpdateStep = -1} (the state before step 0). */
    @Override
    public void initialise(NeuronState s) {
        Arrays.fill(s.get(V), p.vReset());
        Arrays.fill(s.lastUpdateStep(), -1);
    }

    /** True: the spikes depend on the input and the parameters only. */
    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public boolean closedForm() {
        return p.fireOnce() || p.resetMode() == ResetMode.TO_VALUE;
    }

    /**
     * Clock-driven step of every neuron.
     *
     * @param s       modified: {@code V}, {@code lastSpikeStep}, {@code lastUpdateStep}
     * @param input   synaptic jumps, mV; not modified
     * @param current external current, mV/ms, or null; not modified
     * @param out     modified: neurons that fire are added
     */
    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        final float[] v = s.get(V);
        final int[] lastSpike = s.lastSpikeStep();
        final int[] lastUpdate = s.lastUpdateStep();
        final float[] off = s.thresholdOffset();
        final int ref = boundRef >= 0 ? boundRef : Checks.stepsCeil(p.refractoryMs(), dtMs);
        final boolean once = p.fireOnce();
        final boolean strict = p.comparison() == ThresholdComparison.GREATER;
        final float thr = p.threshold();
        final int n = s.size();
        for (int i = 0; i < n; i++) {
            lastUpdate[i] = t;
            int ls = lastSpike[i];
            if (ls >= 0 && t - ls <= ref) {
                continue;
            }
            float vi = v[i];
            if (current != null) {
                vi += current[i] * dtMs;
            }
            vi += input[i];
            float theta = thr + off[i];
            if ((strict ? vi > theta : vi >= theta) && !(once && ls >= 0)) {
                vi = reset(vi, theta);
                lastSpike[i] = t;
                out.add(i);
            }
            v[i] = vi;
        }
    }

    private float reset(float v, float theta) {
        return p.resetMode().apply(v, theta, p.vReset());
    }

    /**
     * Lazy step of the touched neurons only: identical to {@link #step} with no current.
     *
     * @param s     modified at the touched neurons
     * @param input synaptic jumps, mV; not modified
     * @param out   modified: neurons that fire are added
     */
    @Override
    public void stepTouched(NeuronState s, float[] input, int[] touched, int count, float dtMs, int t,
                            Spikes out) {
        final float[] v = s.get(V);
        final int[] lastSpike = s.lastSpikeStep();
        final int[] lastUpdate = s.lastUpdateStep();
        final float[] off = s.thresholdOffset();
        final int ref = boundRef >= 0 ? boundRef : Checks.stepsCeil(p.refractoryMs(), dtMs);
        final boolean once = p.fireOnce();
        final boolean strict = p.comparison() == ThresholdComparison.GREATER;
        final float thr = p.threshold();
        for (int k = 0; k < count; k++) {
            int i = touched[k];
            lastUpdate[i] = t;
            int ls = lastSpike[i];
            if (ls >= 0 && t - ls <= ref) {
                continue;
            }
            float vi = v[i] + input[i];
            float theta = thr + off[i];
            if ((strict ? vi > theta : vi >= theta) && !(once && ls >= 0)) {
                vi = reset(vi, theta);
                lastSpike[i] = t;
                out.add(i);
            }
            v[i] = vi;
        }
    }

    @Override
    public String toString() {
        return "PerfectIf" + p;
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return NeuronCodecs.PERFECT_IF;
    }
}
