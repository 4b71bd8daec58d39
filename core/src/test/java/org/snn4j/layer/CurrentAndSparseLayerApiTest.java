package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.CurrentSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;

/**
 * {@link CurrentLayer} calls its model's last-step firing at the last step only; {@link SparseLayer#hasCurrent()}.
 * Written after the 3453ed9 whole-core PIT run (issue 17).
 */
class CurrentAndSparseLayerApiTest {

    @Test
    void currentLayerFiresALastStepModelAtTheLastStepOnly() {
        // currents 0.5, 1.5, 2.5 per step over 4 steps (dt 1): totals 2, 6, 10 against a threshold of 5
        CurrentLayer l = new CurrentLayer("c", Shape.flat(3), new LastStepIf(5f),
                CurrentSource.constant(new float[] {0.5f, 1.5f, 2.5f}));
        LayerState st = l.newState();
        st.reset();
        st.neurons().clear();
        l.neuronModel().initialise(st.neurons());
        StepContext ctx = new StepContext(1f);
        ctx.begin(4, false);
        for (int t = 0; t < 4; t++) {
            ctx.setStep(t);
            Spikes out = new Spikes(3);
            l.step(new Spikes(3), st, ctx, out);
            assertThat(out.toSortedArray()).as("step %d", t).containsExactly(t == 3 ? new int[] {1, 2} : new int[0]);
        }
        assertThat(st.spikeCount()).isEqualTo(2);
        assertThat(st.neurons().lastSpikeStep()).containsExactly(-1, 3, 3);
    }

    @Test
    void sparseLayerTellsWhetherACurrentDrivesIt() {
        SparseLayer s = SparseLayer.random("s", Shape.flat(4), Shape.flat(3), 0.5, 1f, new Lif(LifParameters.defaults()),
                new SplittableRandom(1));
        assertThat(s.hasCurrent()).isFalse();
        assertThat(s.withCurrent(CurrentSource.constant(3, 1f)).hasCurrent()).isTrue();
    }
}
