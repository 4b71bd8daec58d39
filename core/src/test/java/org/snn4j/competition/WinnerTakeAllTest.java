package org.snn4j.competition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;

/** Winner-take-all on distinct and tied potentials, with spikes listed in any order (not only index order). */
class WinnerTakeAllTest {

    private static LayerState state(int n) {
        Lif lif = new Lif(LifParameters.defaults());
        return new LayerState(Shape.flat(2), new Shape(2, 1, n / 2), new NeuronState(n, lif.stateVariables()));
    }

    @Test
    void highestPotentialWinsEvenWhenItIsNotTheFirstOrLowestSpike() {
        LayerState st = state(6);
        float[] v = st.potentials();
        float[] init = {-50f, -49f, -48f, -47.5f, -52f, -51f};
        System.arraycopy(init, 0, v, 0, 6);
        Spikes fired = new Spikes(6);
        fired.add(1);
        fired.add(3);
        fired.add(2);
        List<Winner> winners = new ArrayList<>();
        StepContext ctx = new StepContext(1f);
        ctx.setStep(4);
        new WinnerTakeAll(-70f, 2).apply(st, fired, ctx, winners);
        assertThat(winners).hasSize(1);
        Winner w = winners.get(0);
        assertThat(w.neuron()).isEqualTo(3);
        assertThat(w.channel()).isEqualTo(1);
        assertThat(w.col()).isEqualTo(0);
        assertThat(w.step()).isEqualTo(4);
        assertThat(w.potential()).isEqualTo(-47.5f);
        assertThat(fired.toSortedArray()).containsExactly(3);
        assertThat(v).containsExactly(-70f, -70f, -70f, -47.5f, -70f, -70f);
        assertThat(st.inhibitedUntil()[3]).isEqualTo(4 + 1 + 2);
        assertThat(st.inhibitedUntil()[1]).isEqualTo(5);
        assertThat(st.inhibitedUntil()[2]).isEqualTo(5);
    }

    @Test
    void aTieGoesToTheLowestIndexWhateverTheSpikeOrder() {
        LayerState st = state(4);
        java.util.Arrays.fill(st.potentials(), -45f);
        Spikes fired = new Spikes(4);
        fired.add(3);
        fired.add(2);
        fired.add(0);
        List<Winner> winners = new ArrayList<>();
        new WinnerTakeAll(0f, 0).apply(st, fired, new StepContext(1f), winners);
        assertThat(winners.get(0).neuron()).isZero();
    }

    /** Against a plain-loop reference: random potentials (many ties), random spike subsets in random order. */
    @Property(tries = 200, seed = "1717")
    void matchesAPlainArgmax(@ForAll long seed, @ForAll @IntRange(min = 2, max = 12) int half) {
        int n = 2 * half;
        SplittableRandom r = new SplittableRandom(seed);
        LayerState st = state(n);
        float[] v = st.potentials();
        for (int i = 0; i < n; i++) {
            v[i] = -55f + r.nextInt(6); // few distinct values: ties are common
        }
        float[] before = v.clone();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int k = 1 + r.nextInt(n);
        Spikes fired = new Spikes(n);
        for (int m = 0; m < k; m++) {
            fired.add(order[m]);
        }
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (fired.contains(i) && (best < 0 || before[i] > before[best])) {
                best = i;
            }
        }
        List<Winner> winners = new ArrayList<>();
        StepContext ctx = new StepContext(1f);
        ctx.setStep(7);
        new WinnerTakeAll(-65f, 3).apply(st, fired, ctx, winners);
        assertThat(winners).hasSize(1);
        assertThat(winners.get(0).neuron()).isEqualTo(best);
        assertThat(fired.toSortedArray()).containsExactly(best);
        for (int i = 0; i < n; i++) {
            assertThat(v[i]).isEqualTo(i == best ? before[i] : -65f);
        }
    }
}
