package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.SparseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;

/**
 * The read/write split of the weights: {@code weightsView()} reads without changing {@code weightVersion()} and
 * cannot write; {@code weights()} is the write access. A conv layer's edits are covered by
 * {@code EngineFastPathsTest}; a dense layer's here (its output is cached while its weights are unchanged).
 */
class WeightViewsTest {

    @Test
    void viewsReadTheLiveWeightsWithoutCountingAsAChangeAndRefuseWrites() {
        Conv2dLayer c = Conv2dLayer.builder("c", new Shape(1, 4, 4), 2, 2, 2).weights(WeightInit.uniform(0f, 1f, 1))
                .neurons(PerfectIf.latencyCoded(1f)).build();
        DenseLayer d = DenseLayer.builder("d", Shape.flat(3), 2).weights(WeightInit.uniform(0f, 1f, 2))
                .recurrent(WeightInit.constant(0.5f)).neurons(PerfectIf.latencyCoded(1f)).build();
        SparseLayer s = SparseLayer.random("s", Shape.flat(5), Shape.flat(4), 0.5, 1f,
                new Lif(LifParameters.defaults()), new SplittableRandom(3));
        long cv = c.weightVersion();
        assertThat(c.weightsView().get(c.weightIndex(1, 0, 1, 0))).isEqualTo(c.weight(1, 0, 1, 0));
        assertThat(d.weightsView().get(5)).isEqualTo(d.weightsCopy()[5]);
        assertThat(d.recurrentWeightsView().get(1)).isEqualTo(0.5f);
        assertThat(s.weightsView().remaining()).isEqualTo(s.synapseCount());
        assertThat(c.weightVersion()).isEqualTo(cv);
        long dv = d.weightVersion();
        assertThat(dv).as("a dense layer tells when its weights change").isNotNegative();
        assertThat(s.weightVersion()).as("fixed weights, no current").isZero();
        assertThatThrownBy(() -> c.weightsView().put(0, 1f)).isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> d.weightsView().put(0, 1f)).isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> s.weightsView().put(0, 1f)).isInstanceOf(ReadOnlyBufferException.class);
        // a view sees later writes (no copy)
        c.setWeight(1, 0, 1, 0, 7f);
        assertThat(c.weightsView().get(c.weightIndex(1, 0, 1, 0))).isEqualTo(7f);
        assertThat(c.weightVersion()).isNotEqualTo(cv);
        assertThat(d.weightVersion()).isEqualTo(dv);
        d.weights()[5] = 9f;
        assertThat(d.weightsView().get(5)).isEqualTo(9f);
        assertThat(d.weightVersion()).as("weights() hands out the live array: a change").isNotEqualTo(dv);
        long dv2 = d.weightVersion();
        d.recurrentWeights()[1] = 0.25f;
        assertThat(d.weightVersion()).as("recurrentWeights() too").isNotEqualTo(dv2);
        long dv3 = d.weightVersion();
        d.weightsChanged();
        assertThat(d.weightVersion()).isNotEqualTo(dv3);
    }

    private static Network network() {
        DenseLayer d1 = DenseLayer.builder("d1", Shape.flat(20), 12).weights(WeightInit.uniform(0f, 0.6f, 4))
                .neurons(PerfectIf.latencyCoded(1f)).build();
        DenseLayer d2 = DenseLayer.builder("d2", Shape.flat(12), 4).weights(WeightInit.uniform(0f, 1f, 5))
                .neurons(PerfectIf.latencyCoded(1.5f)).build();
        return Network.builder(Shape.flat(20), 1f).add(d1).add(d2).compete("d2", new KWinnersTakeAll(1, 0)).build();
    }

    /**
     * A frozen dense layer is served from the output cache while its weights are unchanged, and every edit (through
     * the live array, the EJML view, a kept array, the recurrent weights, a learning update) shows in the next
     * result: the same winners and spikes as a simulation without the engine's fast paths.
     */
    @Test
    void editsOfADenseLayerShowInTheNextResult() {
        SplittableRandom r = new SplittableRandom(9);
        EventSource[] src = new EventSource[6];
        for (int k = 0; k < src.length; k++) {
            int[] steps = new int[20];
            int[] idx = new int[20];
            int n = 0;
            for (int i = 0; i < 20; i++) {
                if (r.nextDouble() < 0.6) {
                    steps[n] = r.nextInt(8);
                    idx[n++] = i;
                }
            }
            int[] order = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted((a, b) -> Integer.compare(steps[a], steps[b])).mapToInt(Integer::intValue).toArray();
            int[] s2 = new int[n];
            int[] i2 = new int[n];
            for (int q = 0; q < n; q++) {
                s2[q] = steps[order[q]];
                i2[q] = idx[order[q]];
            }
            src[k] = EventSource.of(8, 20, s2, i2);
        }
        List<Consumer<DenseLayer>> edits = List.of(
                l -> l.weights()[3] = 0f,
                l -> l.weightMatrix().set(2, 1, 1.2f),
                l -> {
                    float[] live = l.weights(); // kept and written later
                    java.util.Arrays.fill(live, 0.2f);
                },
                l -> l.updateReceptiveField(2, null, (w, pre, post) -> pre % 2 == 0 ? 0f : 1f));
        Presentation infer = Presentation.inference();
        for (int k = 0; k < edits.size(); k++) {
            Network net = network();
            Simulation sim = net.newSimulation(1);
            for (EventSource s : src) {
                sim.present(s, infer);
            }
            for (EventSource s : src) {
                sim.present(s, infer);
            }
            assertThat(sim.frozenOutputCacheCounts()).as("edit %d: the second pass replays d1", k)
                    .containsExactly((long) src.length, (long) src.length);
            edits.get(k).accept((DenseLayer) net.layer("d1"));
            Network fresh = network();
            edits.get(k).accept((DenseLayer) fresh.layer("d1"));
            Simulation ref = fresh.newSimulation(1).fastPaths(false);
            for (EventSource s : src) {
                PresentationResult a = sim.present(s, infer);
                PresentationResult b = ref.present(s, infer);
                assertThat(a.winners(1)).as("edit %d", k).isEqualTo(b.winners(1));
                assertThat(a.outputSpikes()).as("edit %d", k).containsExactly(b.outputSpikes());
            }
        }
    }
}
