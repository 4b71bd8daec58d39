package org.snn4j.competition;

import org.snn4j.Winner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.LayerHarness;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.RandomCase;
import org.snn4j.layer.Reference;
import org.snn4j.layer.StepContext;
import org.snn4j.neuron.PerfectIf;

class ConvCompetitionTest {

    @Property(tries = 150, seed = "31")
    void pointwiseInhibitionMatchesSpykeTorch(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, true);
        Conv2dLayer l = c.builder().neurons(PerfectIf.latencyCoded(c.threshold)).build();
        c.load(l);
        LayerHarness.Result r = LayerHarness.run(List.of(l), c.inputStep, c.steps, new PointwiseInhibition(), 0);
        float[][] pot = c.referencePotentials();
        int[] expected = Reference.pointwise(Reference.fireOnce(pot, c.threshold), pot, c.out);
        assertThat(r.firstSpike(c.out.size())).as(c.toString()).containsExactly(expected);
        // property: at most one feature per position ever fires
        int map = c.out.mapSize();
        int[] perPosition = new int[map];
        for (int[] s : r.spikesPerStep()) {
            for (int i : s) {
                perPosition[i % map]++;
            }
        }
        assertThat(Arrays.stream(perPosition).max().orElse(0)).isLessThanOrEqualTo(1);
    }

    @Property(tries = 150, seed = "34")
    void fusedPointwiseEqualsTheCompetition(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, (seed & 1) == 0);
        Conv2dLayer fused = c.builder().neurons(PerfectIf.latencyCoded(c.threshold)).build();
        Conv2dLayer plain = c.builder().neurons(PerfectIf.latencyCoded(c.threshold)).build();
        c.load(fused);
        c.load(plain);
        Competition kwta = new KWinnersTakeAll(4, 1);
        Conv2dLayer.State fusedState = fused.newState();
        fusedState.reset();
        assertThat(fusedState.fusePointwiseInhibition(true)).isTrue(); // what the engine does for this chain
        LayerHarness.Result a = LayerHarness.run(List.of(fused), List.of(fusedState), c.inputStep, c.steps, kwta, 0);
        LayerHarness.Result b = LayerHarness.run(List.of(plain), c.inputStep, c.steps,
                new PointwiseInhibition().andThen(kwta), 0);
        for (int t = 0; t < c.steps; t++) {
            assertThat(a.spikesPerStep().get(t)).as(c + " step " + t).containsExactly(b.spikesPerStep().get(t));
        }
        assertThat(a.winners()).isEqualTo(b.winners());
    }

    @Property(tries = 150, seed = "32")
    void kWinnersMatchesSpykeTorchGreedy(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, true);
        int k = 1 + (int) Math.floorMod(seed, 5L);
        int radius = (int) Math.floorMod(seed >> 8, 3L);
        Conv2dLayer l = c.builder().neurons(PerfectIf.latencyCoded(c.threshold)).build();
        c.load(l);
        KWinnersTakeAll kwta = new KWinnersTakeAll(k, radius);
        LayerHarness.Result r = LayerHarness.run(List.of(l), c.inputStep, c.steps, kwta, 0);
        float[][] pot = c.referencePotentials();
        int[] first = Reference.fireOnce(pot, c.threshold);
        int[] expected = Reference.kWinners(first, pot, c.out, k, radius);
        List<Winner> winners = r.winners();
        assertThat(winners.stream().mapToInt(Winner::neuron).toArray()).as(c.toString()).containsExactly(expected);
        checkWinnerProperties(winners, k, radius, c.out, first, pot);
        // winners do not remove spikes by default
        assertThat(r.firstSpike(c.out.size())).containsExactly(first);
    }

    @Property(tries = 100, seed = "33")
    void pointwiseThenKWinnersAsInMozafariTraining(@ForAll long seed) {
        RandomCase c = new RandomCase(seed, true, true);
        Conv2dLayer l = c.builder().neurons(PerfectIf.latencyCoded(c.threshold)).build();
        c.load(l);
        Competition comp = new PointwiseInhibition().andThen(new KWinnersTakeAll(3, 1));
        LayerHarness.Result r = LayerHarness.run(List.of(l), c.inputStep, c.steps, comp, 0);
        float[][] pot = c.referencePotentials();
        int[] first = Reference.pointwise(Reference.fireOnce(pot, c.threshold), pot, c.out);
        int[] expected = Reference.kWinners(first, pot, c.out, 3, 1);
        assertThat(r.winners().stream().mapToInt(Winner::neuron).toArray()).containsExactly(expected);
        checkWinnerProperties(r.winners(), 3, 1, c.out, first, pot);
    }

    private static void checkWinnerProperties(List<Winner> winners, int k, int radius, Shape shape, int[] first,
                                              float[][] pot) {
        assertThat(winners.size()).isLessThanOrEqualTo(k);
        for (int a = 0; a < winners.size(); a++) {
            Winner wa = winners.get(a);
            assertThat(wa.step()).isEqualTo(first[wa.neuron()]);
            assertThat(wa.potential()).isEqualTo(pot[wa.step()][wa.neuron()]);
            assertThat(wa.channel()).isEqualTo(shape.channelOf(wa.neuron()));
            assertThat(wa.row()).isEqualTo(shape.rowOf(wa.neuron()));
            assertThat(wa.col()).isEqualTo(shape.colOf(wa.neuron()));
            for (int b = a + 1; b < winners.size(); b++) {
                Winner wb = winners.get(b);
                assertThat(wb.channel()).isNotEqualTo(wa.channel());
                if (radius > 0) {
                    assertThat(Math.abs(wa.row() - wb.row()) > radius || Math.abs(wa.col() - wb.col()) > radius).isTrue();
                }
                // earliest then strongest
                assertThat(wb.step() > wa.step() || wb.step() == wa.step() && wb.potential() <= wa.potential()).isTrue();
            }
        }
    }

    /** A state with given potentials in a 3-map, 1x5 layer, driven directly (no layer). */
    private static LayerState stateWith(float... v) {
        Shape shape = new Shape(3, 1, 5);
        // a model layer: its neuron state's potential is the one the layer and the competitions read
        Conv2dLayer l = Conv2dLayer.builder("c", new Shape(1, 1, 5), 3, 1, 1)
                .neurons(new org.snn4j.neuron.PerfectIf(org.snn4j.neuron.PerfectIfParameters.latencyCoded(0f)
                        .withFireOnce(false))).build();
        LayerState s = l.newState();
        System.arraycopy(v, 0, s.neurons().get(PerfectIf.V), 0, v.length);
        assertThat(s.outputShape()).isEqualTo(shape);
        return s;
    }

    @Test
    void kWinnersHandCase() {
        // maps 0,1,2 of width 5: neuron index = c*5 + x
        float[] v = new float[15];
        v[2] = 5f;   // (0, x2)
        v[7] = 9f;   // (1, x2): strongest
        v[11] = 7f;  // (2, x1): within radius 1 of x2
        v[14] = 6f;  // (2, x4)
        v[4] = 8f;   // (0, x4)
        LayerState s = stateWith(v);
        Spikes fired = new Spikes(15);
        for (int i : new int[] {2, 7, 11, 14, 4}) {
            fired.add(i);
        }
        StepContext ctx = new StepContext(1f);
        ctx.begin(5, true);
        ctx.setStep(3);
        List<Winner> winners = new ArrayList<>();
        new KWinnersTakeAll(5, 1).apply(s, fired, ctx, winners);
        // 7 (map 1, x2) wins; 4 (map 0, x4, 8 mV) next; then map 2: 11 is at x1 (within 1 of x2), 14 at x4
        // (within 1 of x4) -> no third winner
        assertThat(winners).containsExactly(new Winner(7, 1, 0, 2, 3, 9f), new Winner(4, 0, 0, 4, 3, 8f));
        assertThat(fired.count()).isEqualTo(5);
        List<Winner> w2 = new ArrayList<>();
        s = stateWith(v);
        new KWinnersTakeAll(5, 0).apply(s, fired, ctx, w2);
        assertThat(w2.stream().mapToInt(Winner::neuron).toArray()).containsExactly(7, 4, 11);
        List<Winner> w3 = new ArrayList<>();
        s = stateWith(v);
        new KWinnersTakeAll(1, 0, true).apply(s, fired, ctx, w3);
        assertThat(fired.toSortedArray()).containsExactly(7);
    }

    @Test
    void pointwiseHandCase() {
        float[] v = new float[15];
        v[1] = 3f;  // map 0, x1
        v[6] = 4f;  // map 1, x1: wins x1
        v[11] = 4f; // map 2, x1: tie with map 1 -> lowest channel (map 1) wins
        v[3] = 2f;  // map 0, x3 alone
        LayerState s = stateWith(v);
        Spikes fired = new Spikes(15);
        for (int i : new int[] {11, 1, 6, 3}) {
            fired.add(i);
        }
        StepContext ctx = new StepContext(1f);
        ctx.begin(5, true);
        ctx.setStep(0);
        new PointwiseInhibition().apply(s, fired, ctx, new ArrayList<>());
        assertThat(fired.toSortedArray()).containsExactly(3, 6);
        // later, map 2 at x3 fires: inhibited for the rest of the presentation
        ctx.setStep(1);
        fired.clear();
        fired.add(13);
        fired.add(6); // the winner of x1 may fire again
        new PointwiseInhibition().apply(s, fired, ctx, new ArrayList<>());
        assertThat(fired.toSortedArray()).containsExactly(6);
        assertThat(s.inhibitedUntil()[13]).isEqualTo(Integer.MAX_VALUE);
        s.reset();
        assertThat(s.inhibitedUntil()).containsOnly(0);
    }

    @Test
    void badParameters() {
        assertThatThrownBy(() -> new KWinnersTakeAll(0, 1)).hasMessage("k must be >= 1, got 0");
        assertThatThrownBy(() -> new KWinnersTakeAll(1, -1)).hasMessage("radius must be >= 0, got -1");
        LayerState noNeurons = new LayerState(new Shape(1, 2, 2), new Shape(1, 2, 2), null);
        Spikes s = new Spikes(4);
        s.add(1);
        assertThatThrownBy(() -> new KWinnersTakeAll(1, 1).apply(noNeurons, s, new StepContext(1f), new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KWinnersTakeAll needs a layer with neurons");
        assertThat(Arrays.asList(1)).hasSize(1);
    }
}
