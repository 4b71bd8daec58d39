package org.snn4j.layer;

import java.util.List;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.neuron.NeuronModel;

/**
 * Test-only perfect integrate-and-fire: {@code v += input}; fires when {@code v > threshold + offset},
 * then {@code v = reset}. Closed-form (no leak), so both engine paths apply; {@code clockDriven} forces
 * the clock-driven path.
 */
public final class TestPerfectIf implements NeuronModel {
    public static final StateVar V = new StateVar("v", "mV");
    private final float threshold;
    private final float reset;
    private final boolean closedForm;

    public TestPerfectIf(float threshold, float reset, boolean closedForm) {
        this.threshold = threshold;
        this.reset = reset;
        this.closedForm = closedForm;
    }

    public TestPerfectIf(float threshold) {
        this(threshold, 0f, true);
    }

    @Override
    public List<StateVar> stateVariables() {
        return List.of(V);
    }

    @Override
    public void initialise(NeuronState s) {
    }

    @Override
    public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
        float[] v = s.get(V);
        float[] off = s.thresholdOffset();
        int[] last = s.lastSpikeStep();
        for (int i = 0; i < v.length; i++) {
            v[i] += input[i] + (current == null ? 0f : current[i]);
            if (v[i] > threshold + off[i]) {
                v[i] = reset;
                last[i] = t;
                out.add(i);
            }
        }
    }

    @Override
    public boolean closedForm() {
        return closedForm;
    }

    @Override
    public void stepTouched(NeuronState s, float[] input, int[] touched, int count, float dtMs, int t, Spikes out) {
        float[] v = s.get(V);
        float[] off = s.thresholdOffset();
        int[] last = s.lastSpikeStep();
        int[] upd = s.lastUpdateStep();
        for (int k = 0; k < count; k++) {
            int i = touched[k];
            v[i] += input[i];
            upd[i] = t;
            if (v[i] > threshold + off[i]) {
                v[i] = reset;
                last[i] = t;
                out.add(i);
            }
        }
    }
}
