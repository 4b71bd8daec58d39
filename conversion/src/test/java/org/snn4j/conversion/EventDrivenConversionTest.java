package org.snn4j.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Spikes;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Conv2d;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.monitor.Monitor;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;

/**
 * The converted network's event-driven neurons against the same network stepped at every step: identical spikes,
 * in the same order, at every layer and step, and identical read-outs, with spike and analog input; with biases
 * large enough that neurons fire on their bias alone.
 */
class EventDrivenConversionTest {

    /** Every spike of one layer in emission order, with its step. */
    static final class Order implements Monitor {
        final List<int[]> spikes = new ArrayList<>();

        @Override
        public void onStep(Layer layer, LayerState state, Spikes out, StepContext ctx) {
            int[] s = Arrays.copyOf(out.indices(), out.count() + 1);
            s[out.count()] = -1 - ctx.step();
            spikes.add(s);
        }
    }

    private static SpikingNetwork withStrongBiases(SpikingNetwork ann) {
        for (org.snn4j.gradient.Layer l : ann.layers()) {
            float[] b = l instanceof Conv2d ? ((Conv2d) l).bias() : l instanceof Dense ? ((Dense) l).bias() : null;
            if (b != null) {
                for (int i = 0; i < b.length; i++) {
                    b[i] = i % 3 == 0 ? 0.6f : i % 3 == 1 ? -0.3f : 0.05f;
                }
            }
        }
        return ann;
    }

    private static List<List<int[]>> run(ConvertedNetwork c, EventSource input) {
        return run(c.network(), input);
    }

    /** Every layer's spikes in emission order (step-marked), then a hash of the read-out's final potentials. */
    static List<List<int[]>> run(Network net, EventSource input) {
        Simulation sim = net.newSimulation(3);
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < net.layerCount(); i++) {
            orders.add(sim.attach(net.layer(i).name(), new Order()));
        }
        sim.present(input);
        List<List<int[]>> out = new ArrayList<>();
        for (Order o : orders) {
            out.add(o.spikes);
        }
        float[] readout = sim.state(net.layerCount() - 1).potentials().clone();
        out.add(List.of(new int[] {Arrays.hashCode(readout)}));
        return out;
    }

    @Test
    void spikeInputGivesTheClockDrivenSpikesAtEveryLayer() {
        for (SpikingNetwork ann : new SpikingNetwork[] {withStrongBiases(AnnToSnnTest.mlp()),
                withStrongBiases(AnnToSnnTest.cnn())}) {
            Samples data = AnnToSnnTest.randomImages(ann.inputShape(), 10, 4);
            ConvertedNetwork event = AnnToSnn.convert(ann, data, ConversionOptions.percentile(99, 10));
            ConvertedNetwork clock = event.withEventDriven(false);
            assertThat(event.eventDriven()).isTrue();
            assertThat(clock.eventDriven()).isFalse();
            PoissonEncoder enc = new PoissonEncoder(500f, 200f, 1f, 1f);
            long spikes = 0;
            for (int i = 0; i < 5; i++) {
                EventSource in = enc.encode(AnnToSnnTest.image(data, ann.inputShape(), i),
                        new java.util.SplittableRandom(i));
                List<List<int[]>> a = run(event, in);
                List<List<int[]>> b = run(clock, in);
                assertThat(a).hasSameSizeAs(b);
                for (int l = 0; l < a.size(); l++) {
                    assertThat(a.get(l)).hasSameSizeAs(b.get(l));
                    for (int t = 0; t < a.get(l).size(); t++) {
                        assertThat(a.get(l).get(t)).as("sample %d layer %d record %d", i, l, t)
                                .containsExactly(b.get(l).get(t));
                        spikes += a.get(l).get(t).length - 1;
                    }
                }
            }
            assertThat(spikes).isGreaterThan(1000);
        }
    }

    @Test
    void analogInputGivesTheClockDrivenReadOut() {
        SpikingNetwork ann = withStrongBiases(AnnToSnnTest.cnn());
        Samples data = AnnToSnnTest.randomImages(ann.inputShape(), 10, 5);
        ConvertedNetwork event = AnnToSnn.convert(ann, data, ConversionOptions.max(10));
        SnnClassifier a = event.classifier(InputCoding.ANALOG, 150, 1);
        SnnClassifier b = event.withEventDriven(false).classifier(InputCoding.ANALOG, 150, 1);
        for (int i = 0; i < 10; i++) {
            float[] img = AnnToSnnTest.image(data, ann.inputShape(), i);
            assertThat(a.classify(img, new int[] {10, 150})).containsExactly(b.classify(img, new int[] {10, 150}));
            for (int t = 0; t < 150; t += 7) {
                assertThat(a.readout(t)).as("image %d step %d", i, t).containsExactly(b.readout(t));
            }
        }
        assertThat(a.spikes()).isEqualTo(b.spikes()).isGreaterThan(1000);
        assertThat(a.synapticEvents()).isEqualTo(b.synapticEvents());
    }
}
