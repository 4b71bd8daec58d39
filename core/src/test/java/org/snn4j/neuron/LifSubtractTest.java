package org.snn4j.neuron;

import org.snn4j.testkit.NeuronModelContract;

/** The contract for LIF with reset by subtraction (clock-driven only; may end a step above threshold). */
class LifSubtractTest extends NeuronModelContract {
    @Override
    protected NeuronModel create() {
        return new Lif(LifParameters.defaults().withVThreshold(5f).withResetMode(ResetMode.SUBTRACT));
    }

    @Override
    protected float threshold() {
        return 5f;
    }

    @Override
    protected boolean staysAtOrBelowThreshold() {
        return false;
    }
}
