package org.snn4j.neuron;

import org.snn4j.testkit.NeuronModelContract;

/** The contract for the fire-once, no-reset, strict-threshold configuration used by latency-coded nets. */
class PerfectIfLatencyCodedTest extends NeuronModelContract {
    @Override
    protected NeuronModel create() {
        return new PerfectIf(PerfectIfParameters.latencyCoded(15f));
    }

    @Override
    protected float threshold() {
        return 15f;
    }

    @Override
    protected boolean staysAtOrBelowThreshold() {
        return false;
    }
}
