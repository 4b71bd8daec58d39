package org.snn4j.examples.gradient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.gradient.BatchNorm;
import org.snn4j.gradient.Conv2d;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Dropout;
import org.snn4j.gradient.Layer;
import org.snn4j.gradient.Pool2d;
import org.snn4j.gradient.SpikingLayer;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Srm;

/** The example's networks have the paper's layers. */
class SadovskyNmnistTest {

    @Test
    void mlpHasThePapersSizes() {
        SpikingNetwork net = SadovskyNmnist.mlp(15, 20f, 1);
        List<Integer> sizes = net.layers().stream().filter(l -> l instanceof Dense)
                .map(l -> l.outputShape().size()).toList();
        assertThat(net.inputShape().size()).isEqualTo(2312);
        assertThat(sizes).containsExactly(2000, 1500, 1000, 500, 100, 10);
        assertThat(net.layers().stream().filter(l -> l instanceof SpikingLayer).count()).isEqualTo(6);
    }

    @Test
    void cnnIsTableOne() {
        SpikingNetwork net = SadovskyNmnist.cnn(30, 10f, 1);
        List<Layer> ls = net.layers();
        List<Conv2d> convs = ls.stream().filter(l -> l instanceof Conv2d).map(l -> (Conv2d) l).toList();
        assertThat(convs).extracting(Conv2d::kernelSize).containsExactly(5, 3);
        assertThat(convs).extracting(c -> c.outputShape().channels()).containsExactly(32, 16);
        assertThat(ls.stream().filter(l -> l instanceof Pool2d).map(Layer::outputShape).toList())
                .containsExactly(new Shape(32, 15, 15), new Shape(16, 6, 6));
        assertThat(ls.stream().filter(l -> l instanceof BatchNorm).map(l -> ((BatchNorm) l).axis()).toList())
                .containsExactly(BatchNorm.Axis.CHANNEL, BatchNorm.Axis.CHANNEL);
        assertThat(ls.stream().filter(l -> l instanceof Dense).map(l -> l.outputShape().size()).toList())
                .containsExactly(250, 100, 10);
        assertThat(ls.stream().filter(l -> l instanceof Dropout).count()).isEqualTo(2);
        assertThat(ls.stream().filter(l -> l instanceof SpikingLayer)
                .allMatch(l -> ((SpikingLayer) l).neuron() instanceof Srm)).isTrue();
        // each batch norm sits right before a spiking layer (it normalises the synaptic current)
        for (int i = 0; i < ls.size(); i++) {
            if (ls.get(i) instanceof BatchNorm) {
                assertThat(ls.get(i + 1)).isInstanceOf(SpikingLayer.class);
            }
        }
    }
}
