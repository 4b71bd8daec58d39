package org.snn4j.competition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.network.Network;
import org.snn4j.neuron.ConductanceLif;
import org.snn4j.neuron.ConductanceLifParameters;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;

class LateralInhibitionTest {

    static LayerState state(int n, NeuronState ns) {
        return new LayerState(Shape.flat(3), Shape.flat(n), ns);
    }

    @Test
    void everySpikeInhibitsEveryOtherNeuronOnce() {
        ConductanceLif m = new ConductanceLif(ConductanceLifParameters.diehlCook2015());
        LayerState st = state(5, new NeuronState(5, m.stateVariables()));
        Spikes fired = new Spikes(5);
        fired.add(1);
        fired.add(3);
        List<Winner> winners = new ArrayList<>();
        StepContext ctx = new StepContext(0.5f);
        new LateralInhibition().apply(st, fired, ctx, winners);
        assertThat(st.neurons().inhibition()).containsExactly(2f, 1f, 2f, 1f, 2f);
        assertThat(fired.count()).as("no spike removed").isEqualTo(2);
        assertThat(winners).isEmpty();
        new LateralInhibition().apply(st, new Spikes(5), ctx, winners);
        assertThat(st.neurons().inhibition()).containsExactly(2f, 1f, 2f, 1f, 2f);
    }

    @Test
    void theNetworkRefusesAModelThatDoesNotAcceptInhibition() {
        Lif lif = new Lif(LifParameters.defaults());
        assertThat(lif.acceptsInhibition()).isFalse();
        assertThatThrownBy(() -> Network.builder(Shape.flat(3), 1f)
                .add(DenseLayer.builder("exc", Shape.flat(3), 2).neurons(lif).build())
                .compete("exc", new WinnerTakeAll(0f, 1).andThen(Competition.whileLearning(new LateralInhibition())))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer exc").hasMessageContaining("sends inhibitory input")
                .hasMessageContaining("Lif does not accept it");
        ConductanceLif cond = new ConductanceLif(ConductanceLifParameters.diehlCook2015());
        assertThat(Network.builder(Shape.flat(3), 1f)
                .add(DenseLayer.builder("exc", Shape.flat(3), 2).neurons(cond).build())
                .compete("exc", new LateralInhibition()).build().layerCount()).isOne();
    }

    @Test
    void aLayerWithoutNeuronsIsATypedError() {
        LayerState st = new LayerState(Shape.flat(3), Shape.flat(2), null);
        Spikes fired = new Spikes(2);
        fired.add(0);
        assertThatThrownBy(() -> new LateralInhibition().apply(st, fired, new StepContext(1f), new ArrayList<>()))
                .hasMessageContaining("needs a layer with neurons");
    }
}
