package com.example.consumer;

import org.snn4j.neuron.NeuronModel;
import org.snn4j.testkit.NeuronModelContract;

/** snn4j's neuron-model contract (from the snn4j-core test-jar) run against the user's model. */
class ExpIfContractTest extends NeuronModelContract {
    @Override
    protected NeuronModel create() {
        return new ExpIf(new ExpIf.Parameters(10f, -70f, -50f, 2f, 0f, -65f));
    }

    @Override
    protected float threshold() {
        return 0f;
    }
}
