package org.snn4j.docs;

import org.snn4j.examples.Ex09_CustomNeuron.QuadraticIf;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.testkit.NeuronModelContract;

// tag::contract[]
/** Every check of the core test-jar's NeuronModelContract, run against the QIF model of Ex09. */
class QuadraticIfContractTest extends NeuronModelContract {
    @Override
    protected NeuronModel create() {
        return new QuadraticIf(QuadraticIf.Parameters.defaults());
    }

    @Override
    protected float threshold() {
        return QuadraticIf.Parameters.defaults().vPeakMv();   // the membrane never stays above the peak
    }
}
// end::contract[]
