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
 * Leaky integrate-and-fire neuron with conductance synapses delivered as delta conductances (the excitatory
 * neurons of Diehl &amp; Cook 2015, doi:10.3389/fncom.2015.00099, with their 1 ms / 2 ms conductances
 * integrated into the step of the spike):
 * <pre>  tau dV/dt = (vRest - V) + g_e (eExc - V) + g_i (eInh - V)</pre>
 * Each step {@code t}, for a neuron that is not refractory, in this order:
 * <ol>
 *   <li>leak: {@code V <- vRest + (V - vRest) d}, {@code d = (float) exp(-dt / tau)} (exact for no input);</li>
 *   <li>excitation, if the synaptic input {@code I} (sum of the weights of this step's input spikes) is not 0:
 *       {@code V <- V + excitatoryGain * I * (eExc - V)};</li>
 *   <li>inhibition, if {@code m = }{@link NeuronState#inhibition()}{@code [i]} inhibitory spikes arrived for this
 *       step (the model {@linkplain #acceptsInhibition() accepts inhibition}): {@code V <- eInh + (V - eInh) q_m}, {@code q_m = (float) (1 - inhibitoryJump)^m} (m jumps of one
 *       delta conductance each); the variable is then zeroed;</li>
 *   <li>threshold: a spike if {@code V} exceeds {@code vThreshold + thresholdOffset[i]} (per
 *       {@link ConductanceLifParameters#comparison()}); then {@code V <- vReset}.</li>
 * </ol>
 * After a spike at step {@code ts} the neuron is refractory for steps {@code ts+1 .. ts+ceil(refractoryMs/dt)}:
 * {@code V} is held and the input and inhibitory spikes of those steps are dropped.
 *
 * <p>{@link NeuronState#inhibition()} is written by a competition such as
 * {@link org.snn4j.competition.LateralInhibition} (which stands for a population of inhibitory neurons, one per
 * excitatory neuron, each inhibiting all the others one step later).
 *
 * <p>Clock-driven only ({@link #closedForm()} is false): inhibition arrives through the state, not through the
 * touched input list. Float arithmetic in exactly the order written above. Immutable; thread-safe.
 */
public final class ConductanceLif implements Persistent, NeuronModel {
    /** Membrane potential, mV. */
    public static final StateVar V = new StateVar("v", "mV");

    private static final int POWERS = 256;
    private final ConductanceLifParameters p;
    private final float[] inhPow;
    private final DecayTable.Cache table;
    /** Bound to a step ({@link #bind}): its one-step decay and refractory steps; else NaN and 0. */
    private final float boundDecay;
    private final int boundRef;

    /** A population model with parameters {@code p}. */
    public ConductanceLif(ConductanceLifParameters p) {
        this.p = Objects.requireNonNull(p, "p");
        this.table = new DecayTable.Cache(p.tauMs());
        this.inhPow = new float[POWERS];
        for (int m = 0; m < POWERS; m++) {
            inhPow[m] = (float) Math.pow(1.0 - p.inhibitoryJump(), m);
        }
        this.boundDecay = Float.NaN;
        this.boundRef = 0;
    }

    private ConductanceLif(ConductanceLif unbound, float dtMs) {
        this.p = unbound.p;
        this.table = unbound.table;
        this.inhPow = unbound.inhPow;
        this.boundDecay = new DecayTable(Checks.positive("dtMs", dtMs), p.tauMs()).one();
        this.boundRef = Checks.stepsCeil("refractoryMs", p.refractoryMs(), dtMs);
    }

    /** This model with its one-step decay and refractory step count computed for step {@code dtMs}. */
    @Override
    public NeuronModel bind(float dtMs) {
        return new ConductanceLif(this, dtMs);
    }

    private boolean bound() {
        return boundDecay == boundDecay; // not NaN
    }

    /** The parameters. */
    public ConductanceLifParameters parameters() {
        return p;
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(V);
    }

    /** True: the spikes depend on the input and the parameters only. */
    @Override
    public boolean replayable() {
        return true;
    }

    /** True: each inhibitory spike of {@link NeuronState#inhibition()} is one jump {@code inhibitoryJump}. */
    @Override
    public boolean acceptsInhibition() {
        return true;
    }

    /** Sets {@code V = vRest} (the inhibitory spikes are zero after clearing). */
    @Override
    public void initialise(NeuronState s) {
        Arrays.fill(s.get(V), p.vRest());
    }

    /** {@code (float) (1 - inhibitoryJump)^m}. */
    float inhibition(int m) {
        return m < POWERS ? inhPow[m] : (float) Math.pow(1.0 - p.inhibitoryJump(), m);
    }

    /**
     * One step of every neuron (see the class javadoc).
     *
     * @param s       modified: {@code V}, {@code inhibition}, {@code lastSpikeStep}, {@code lastUpdateStep}
     * @param input   summed weights of this step's input spikes (conductance, relative to the leak); not modified
     * @param current must be null: this model takes no external current
     * @param out     modified: neurons that fire are added
     * @throws IllegalArgumentException if {@code current} is not null
     */
    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        if (current != null) {
            throw new IllegalArgumentException("ConductanceLif takes no external current");
        }
        final float[] v = s.get(V);
        final float[] inh = s.inhibition();
        final int[] lastSpike = s.lastSpikeStep();
        final int[] lastUpdate = s.lastUpdateStep();
        final float[] off = s.thresholdOffset();
        final boolean b = bound();
        final float d = b ? boundDecay : table.forStep(dtMs).one();
        final int ref = b ? boundRef : Checks.stepsCeil(p.refractoryMs(), dtMs);
        final float vRest = p.vRest();
        final float vReset = p.vReset();
        final float thr = p.vThreshold();
        final float eExc = p.eExc();
        final float eInh = p.eInh();
        final float gain = p.excitatoryGain();
        final boolean strict = p.comparison() == ThresholdComparison.GREATER;
        final int n = s.size();
        for (int i = 0; i < n; i++) {
            lastUpdate[i] = t;
            int ls = lastSpike[i];
            if (ls >= 0 && t - ls <= ref) {
                inh[i] = 0f;
                continue;
            }
            float vi = vRest + (v[i] - vRest) * d;
            float in = input[i];
            if (in != 0f) {
                vi += gain * in * (eExc - vi);
            }
            float m = inh[i];
            if (m != 0f) {
                vi = eInh + (vi - eInh) * inhibition((int) m);
                inh[i] = 0f;
            }
            float theta = thr + off[i];
            if (strict ? vi > theta : vi >= theta) {
                vi = vReset;
                lastSpike[i] = t;
                out.add(i);
            }
            v[i] = vi;
        }
    }

    /**
     * The rest in closed form (no input, so the membrane only leaks): a neuron that is free for {@code f} of the
     * rest steps (all of them unless its refractory period reaches into the rest) gets
     * {@code V <- vRest + (V - vRest) (float) d^f} ({@code d^f} computed in double from the float {@code d});
     * pending inhibitory spikes are dropped and spike steps re-based (a refractory period that outlasts the rest
     * is not carried into the next presentation).
     *
     * @param s modified: {@code V}, {@code inhibition}, {@code lastSpikeStep}, {@code lastUpdateStep}
     */
    @Override
    public void rest(NeuronState s, float dtMs, int stepsRun, int restSteps) {
        final float[] v = s.get(V);
        final float[] inh = s.inhibition();
        final int[] lastSpike = s.lastSpikeStep();
        final int[] lastUpdate = s.lastUpdateStep();
        final boolean b = bound();
        final float d = b ? boundDecay : table.forStep(dtMs).one();
        final int ref = b ? boundRef : Checks.stepsCeil(p.refractoryMs(), dtMs);
        final float vRest = p.vRest();
        final int lastStep = stepsRun - 1;
        final int n = s.size();
        for (int i = 0; i < n; i++) {
            int ls = lastSpike[i];
            int refLeft = ls >= 0 ? ls + ref - lastStep : 0;
            int free = refLeft > 0 ? restSteps - refLeft : restSteps;
            if (free > 0) {
                v[i] = vRest + (v[i] - vRest) * (float) Math.pow(d, free);
            }
            inh[i] = 0f;
            lastSpike[i] = -1;
            lastUpdate[i] = 0;
        }
    }

    @Override
    public String toString() {
        return "ConductanceLif" + p;
    }

    /** {@return the codec that saves and restores this component} */
    @Override
    public Codec<?> codec() {
        return NeuronCodecs.CONDUCTANCE_LIF;
    }
}
