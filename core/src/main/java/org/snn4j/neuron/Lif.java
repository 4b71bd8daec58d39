package org.snn4j.neuron;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.internal.Checks;
import org.snn4j.internal.DecayTable;
import org.snn4j.io.Codec;
import org.snn4j.io.Persistent;

/**
 * Leaky integrate-and-fire neuron (Lapicque; Gerstner et al., <i>Neuronal Dynamics</i>, ch. 1):
 * <pre>  tau dV/dt = -(V - vRest) + R I(t),  V += w on each input spike,  V &gt;= theta  =&gt;  spike, reset</pre>
 * integrated exactly for a current held constant over a step:
 * <pre>  V &lt;- Vinf + (V - Vinf) e^{-dt/tau},  Vinf = vRest + R I;  then V += input;  then the threshold test</pre>
 * with {@code theta = vThreshold + thresholdOffset[i]}. After a spike at step {@code ts} the potential is
 * reset (see {@link ResetMode}) and held for the refractory steps {@code ts+1 .. ts+ceil(refractoryMs/dt)},
 * during which input is ignored.
 *
 * <h2>Lazy (closed-form) path</h2>
 * With no external current the potential relaxes to {@code vRest}, so a neuron that receives no input needs
 * no work: {@link #stepTouched} advances a touched neuron over all the steps since it was last updated in
 * one update {@code V <- vRest + (V - vRest) e^{-n dt/tau}}, where {@code n} counts the steps since
 * {@link NeuronState#lastUpdateStep()} (or since the end of the refractory period). The factor
 * {@code e^{-n dt/tau}} is rounded to float once (a table for n &lt; 1024, {@code Math.exp} beyond), whereas the
 * clock path multiplies by the rounded one-step factor n times, so the two paths agree to within a few
 * float ulps per step (tested to a relative 1e-4), not bit for bit. The lazy path is exact only when a
 * neuron cannot fire without input, so {@link #closedForm()} is true only for {@link ResetMode#TO_VALUE}
 * with {@code vRest < vThreshold} (otherwise the engine uses the clock path). Layers with delta synapses and
 * weights {@code >= 0} hand the arrivals over one at a time instead ({@link #arrive}, {@link ArrivalDriven}):
 * the same update per arrival, the weights added to the potential one by one.
 *
 * <p>State: {@link #V} (mV). {@code lastUpdateStep[i]} is the step whose end the state describes; it is
 * {@code -1} after {@link #initialise} (the state before step 0).
 *
 * <p>Immutable parameters; thread-safe (a decay table is cached per step length, safely published).
 */
public final class Lif implements Persistent, ArrivalDriven {
    /** Membrane potential, mV. */
    public static final StateVar V = new StateVar("v", "mV");

    private final LifParameters p;
    private final DecayTable.Cache table;
    /** Bound to a step ({@link #bind}): its decay table and refractory steps; else null and 0. */
    private final DecayTable bound;
    private final int boundRef;

    /** A LIF population model with parameters {@code p}. */
    public Lif(LifParameters p) {
        this.p = Objects.requireNonNull(p, "p");
        this.table = new DecayTable.Cache(p.tauMs());
        this.bound = null;
        this.boundRef = 0;
    }

    private Lif(LifParameters p, float dtMs) {
        this.p = p;
        this.table = null;
        this.bound = new DecayTable(Checks.positive("dtMs", dtMs), p.tauMs());
        this.boundRef = Checks.stepsCeil("refractoryMs", p.refractoryMs(), dtMs);
    }

    /** This model with its decay table and refractory step count computed for step {@code dtMs}. */
    @Override
    public NeuronModel bind(float dtMs) {
        return new Lif(p, dtMs);
    }

    private DecayTable table(float dtMs) {
        return bound != null ? bound : table.forStep(dtMs);
    }

    private int refSteps(float dtMs) {
        return bound != null ? boundRef : Checks.stepsCeil(p.refractoryMs(), dtMs);
    }

    /** The parameters. */
    public LifParameters parameters() {
        return p;
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(V);
    }

    /** Sets {@code V = vRest} and {@code lastUpdateStep = -1}. */
    @Override
    public void initialise(NeuronState s) {
        Arrays.fill(s.get(V), p.vRest());
        Arrays.fill(s.lastUpdateStep(), -1);
    }

    /** True: the spikes depend on the input and the parameters only. */
    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public boolean closedForm() {
        return p.resetMode() == ResetMode.TO_VALUE && p.vRest() < p.vThreshold();
    }

    /**
     * Clock-driven step of every neuron (see the class javadoc for the update).
     *
     * @param s       modified: {@code V}, {@code lastSpikeStep}, {@code lastUpdateStep}
     * @param input   synaptic jumps, mV; not modified
     * @param current external current (times {@code resistance} gives mV), or null; not modified
     * @param out     modified: neurons that fire are added
     */
    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        final float[] v = s.get(V);
        final int[] lastSpike = s.lastSpikeStep();
        final int[] lastUpdate = s.lastUpdateStep();
        final float[] off = s.thresholdOffset();
        final float d = table(dtMs).one();
        final int ref = refSteps(dtMs);
        final float vRest = p.vRest();
        final float r = p.resistance();
        final float thr = p.vThreshold();
        final int n = s.size();
        for (int i = 0; i < n; i++) {
            lastUpdate[i] = t;
            int ls = lastSpike[i];
            if (ls >= 0 && t - ls <= ref) {
                continue;
            }
            float vinf = current == null ? vRest : vRest + r * current[i];
            float vi = vinf + (v[i] - vinf) * d + input[i];
            float theta = thr + off[i];
            if (vi >= theta) {
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
     * Lazy step of the touched neurons only (see the class javadoc).
     *
     * @param s     modified at the touched neurons: {@code V}, {@code lastSpikeStep}, {@code lastUpdateStep}
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
        final DecayTable tab = table(dtMs);
        final int ref = refSteps(dtMs);
        final float vRest = p.vRest();
        final float thr = p.vThreshold();
        final float vReset = p.vReset();
        for (int k = 0; k < count; k++) {
            int i = touched[k];
            int ls = lastSpike[i];
            int from = lastUpdate[i];
            lastUpdate[i] = t;
            if (ls >= 0) {
                if (t - ls <= ref) {
                    continue;
                }
                if (ls + ref > from) {
                    from = ls + ref;
                }
            }
            float vi = vRest + (v[i] - vRest) * tab.pow(t - from) + input[i];
            if (vi >= thr + off[i]) {
                vi = vReset;
                lastSpike[i] = t;
                out.add(i);
            }
            v[i] = vi;
        }
    }

    /**
     * Arrivals one at a time (see {@link ArrivalDriven}): for each arrival at a neuron that is not refractory,
     * {@code V <- vRest + (V - vRest) e^{-n dt/tau} + w} with {@code n} the steps since its last update or the end
     * of its refractory period ({@code n = 0}, a factor of 1, for a further arrival in the same step), then the
     * threshold test. Exact for {@link #closedForm()} parameters only (the layers call it only then).
     *
     * @param s   modified at the targets: {@code V}, {@code lastSpikeStep}, {@code lastUpdateStep}
     * @param out modified: neurons that fire are added
     */
    @Override
    public void arrive(NeuronState s, int[] targets, float[] w, int from, int to, float dtMs, int t, Spikes out) {
        final float[] v = s.get(V);
        final int[] lastSpike = s.lastSpikeStep();
        final int[] lastUpdate = s.lastUpdateStep();
        final float[] off = s.thresholdOffset();
        final DecayTable tab = table(dtMs);
        final int ref = refSteps(dtMs);
        final float vRest = p.vRest();
        final float thr = p.vThreshold();
        final float vReset = p.vReset();
        // refractory: ls >= 0 and t - ls <= ref, one comparison as ls <= t
        final int refractoryFrom = Math.max(0, t - ref);
        for (int k = from; k < to; k++) {
            int i = targets[k];
            int ls = lastSpike[i];
            if (ls >= refractoryFrom) {
                continue;
            }
            // from the later of the last update and the end of the refractory period (ls + ref < t: no overflow);
            // (ls + ref) | (ls >> 31) is -1 for a neuron that never fired (ls < 0)
            int f = Math.max(lastUpdate[i], (ls + ref) | (ls >> 31));
            lastUpdate[i] = t;
            float vi = vRest + (v[i] - vRest) * tab.pow(t - f) + w[k];
            if (vi >= thr + off[i]) {
                vi = vReset;
                lastSpike[i] = t;
                out.add(i);
            }
            v[i] = vi;
        }
    }

    /** Decays every neuron to step {@code t} with no input (for monitors and read-outs). */
    @Override
    public void advanceTo(NeuronState s, float dtMs, int t) {
        if (!closedForm()) {
            return;
        }
        final float[] v = s.get(V);
        final int[] lastSpike = s.lastSpikeStep();
        final int[] lastUpdate = s.lastUpdateStep();
        final DecayTable tab = table(dtMs);
        final int ref = refSteps(dtMs);
        final float vRest = p.vRest();
        final int n = s.size();
        for (int i = 0; i < n; i++) {
            int from = lastUpdate[i];
            if (from >= t) {
                continue;
            }
            int ls = lastSpike[i];
            if (ls >= 0 && ls + ref > from) {
                from = Math.min(ls + ref, t);
            }
            v[i] = vRest + (v[i] - vRest) * tab.pow(t - from);
            lastUpdate[i] = t;
        }
    }

    @Override
    public String toString() {
        return "Lif" + p;
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return NeuronCodecs.LIF;
    }
}
