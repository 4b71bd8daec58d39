package com.example.consumer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.neuron.NeuronModel;

/**
 * A user's own neuron model, written outside snn4j: the exponential integrate-and-fire neuron (Fourcaud-Trocme
 * et al. 2003, DOI 10.1523/JNEUROSCI.23-37-11628.2003),
 * {@code tau dv/dt = -(v - vRest) + deltaT exp((v - vT) / deltaT) + RI}, spike at {@code vPeak}, reset to
 * {@code vReset}; a threshold offset raises {@code vT} and {@code vPeak}. Clock-driven (Euler). Immutable;
 * thread-safe.
 */
public final class ExpIf implements NeuronModel {
    /** Membrane potential, mV. */
    public static final StateVar V = new StateVar("v", "mV");

    /**
     * @param tauMs   membrane time constant, ms, > 0
     * @param vRest   rest, mV
     * @param vT      soft threshold, mV, > vRest
     * @param deltaT  slope factor, mV, > 0
     * @param vPeak   spike cut-off, mV, > vT
     * @param vReset  reset, mV, < vT
     */
    public record Parameters(float tauMs, float vRest, float vT, float deltaT, float vPeak, float vReset) {
        /** Checks every field. */
        public Parameters {
            if (!(tauMs > 0f)) {
                throw new IllegalArgumentException("tauMs must be > 0, got " + tauMs);
            }
            if (!(vT > vRest)) {
                throw new IllegalArgumentException("vT must be > vRest (" + vRest + "), got " + vT);
            }
            if (!(deltaT > 0f)) {
                throw new IllegalArgumentException("deltaT must be > 0, got " + deltaT);
            }
            if (!(vPeak > vT)) {
                throw new IllegalArgumentException("vPeak must be > vT (" + vT + "), got " + vPeak);
            }
            if (!(vReset < vT)) {
                throw new IllegalArgumentException("vReset must be < vT (" + vT + "), got " + vReset);
            }
        }
    }

    private final Parameters p;

    /** A model with parameters {@code p}. */
    public ExpIf(Parameters p) {
        this.p = Objects.requireNonNull(p, "p");
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(V);
    }

    @Override
    public void initialise(NeuronState s) {
        Arrays.fill(s.get(V), p.vRest());
    }

    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        final float[] v = s.get(V);
        final float[] off = s.thresholdOffset();
        final int[] last = s.lastSpikeStep();
        final int[] upd = s.lastUpdateStep();
        final float k = dtMs / p.tauMs();
        for (int i = 0; i < s.size(); i++) {
            float vi = v[i];
            float ri = current == null ? 0f : current[i];
            // a threshold offset (homeostasis) raises the soft threshold and the cut-off alike
            float ex = p.deltaT() * (float) Math.exp(Math.min(20f, (vi - p.vT() - off[i]) / p.deltaT()));
            vi += k * (-(vi - p.vRest()) + ex + ri) + input[i];
            if (vi >= p.vPeak() + off[i]) {
                vi = p.vReset();
                last[i] = t;
                out.add(i);
            }
            v[i] = vi;
            upd[i] = t;
        }
    }
}
