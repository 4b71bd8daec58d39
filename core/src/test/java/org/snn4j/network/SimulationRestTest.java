package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.ConductanceLif;
import org.snn4j.neuron.ConductanceLifParameters;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.NeuronModel;

/** {@link Simulation#rest}: the next presentation starts from the rested state instead of the initial one. */
class SimulationRestTest {
    static final ConductanceLifParameters P = ConductanceLifParameters.diehlCook2015();

    static Simulation sim(NeuronModel model, float w) {
        Network net = Network.builder(Shape.flat(1), 0.5f)
                .add(DenseLayer.builder("out", Shape.flat(1), 2).weights(WeightInit.constant(w)).neurons(model)
                        .build())
                .build();
        return net.newSimulation(1);
    }

    /** 4 input spikes at steps 0..3 of a 10-step presentation: raises V without a spike. */
    static EventSource drive() {
        return EventSource.of(10, 1, new int[] {0, 1, 2, 3}, new int[] {0, 0, 0, 0});
    }

    static EventSource silent(int steps) {
        return EventSource.of(steps, 1, new int[0], new int[0]);
    }

    @Test
    void conductanceLifRelaxesOverTheRestInClosedForm() {
        Simulation s = sim(new ConductanceLif(P), 1f);
        s.present(drive());
        assertThat(s.spikeCount(0)).isZero();
        float vEnd = s.state("out").neurons().get(ConductanceLif.V)[0];
        assertThat(vEnd).isGreaterThan(-65f);
        s.rest(150f); // 300 steps
        s.present(silent(1));
        float d = (float) Math.exp(-0.5 / 100);
        float rested = -65f + (vEnd - -65f) * (float) Math.pow(d, 300);
        float expected = -65f + (rested - -65f) * d; // then one step of leak
        assertThat(s.state("out").neurons().get(ConductanceLif.V)[0]).isEqualTo(expected);
        // only once: the presentation after next starts from rest again
        s.present(silent(1));
        assertThat(s.state("out").neurons().get(ConductanceLif.V)[0]).isEqualTo(-65f);
    }

    @Test
    void withoutRestOrWithAModelWithoutClosedFormRestThePresentationStartsFromTheInitialState() {
        Simulation s = sim(new ConductanceLif(P), 1f);
        s.present(drive());
        s.present(silent(1));
        assertThat(s.state("out").neurons().get(ConductanceLif.V)[0]).isEqualTo(-65f);
        Simulation lif = sim(new Lif(LifParameters.defaults()), 5f);
        lif.present(drive());
        assertThat(lif.state("out").neurons().get(Lif.V)[0]).isPositive();
        lif.rest(10f);
        lif.present(silent(1));
        assertThat(lif.state("out").neurons().get(Lif.V)[0]).as("default rest: initial state").isZero();
        assertThatThrownBy(() -> lif.rest(-1f)).hasMessage("ms must be finite and >= 0, got -1.0");
    }
}
