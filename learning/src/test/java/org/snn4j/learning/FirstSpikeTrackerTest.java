package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.StepContext;

/** {@link FirstSpikeTracker}: first steps per presentation; a new start forgets exactly what was recorded. */
class FirstSpikeTrackerTest {

    private static LayerState state(int inputs) {
        return new ToyDenseLayer(inputs, 1).newState();
    }

    @Test
    void recordsFirstStepsAndEachStartForgetsThePresentationBefore() {
        LayerState st = state(6);
        FirstSpikeTracker tr = new FirstSpikeTracker();
        StepContext ctx = new StepContext(1f);
        ctx.begin(4, true);
        tr.start(st);
        ctx.setStep(0);
        tr.record(st, Drive.spikes(6, 4, 1), ctx);
        ctx.setStep(2);
        tr.record(st, Drive.spikes(6, 1, 5), ctx); // input 1 again: its first step stays 0
        assertThat(tr.preSteps(st)).containsExactly(-1, 0, -1, -1, 0, 2);
        tr.endSample();
        tr.start(st);
        assertThat(tr.preSteps(st)).containsOnly(-1);
        ctx.setStep(1);
        tr.record(st, Drive.spikes(6, 0, 5), ctx);
        assertThat(tr.preSteps(st)).containsExactly(1, -1, -1, -1, -1, 1);
        // a layer state of another size: the record is reallocated, every entry unset
        LayerState other = state(3);
        tr.start(other);
        assertThat(tr.preSteps(other)).containsExactly(-1, -1, -1);
        tr.start(st);
        assertThat(tr.preSteps(st)).containsOnly(-1);
    }

    @Test
    void everyInputOnceInEveryStepFitsTheRecord() {
        LayerState st = state(5);
        FirstSpikeTracker tr = new FirstSpikeTracker();
        StepContext ctx = new StepContext(1f);
        ctx.begin(3, true);
        for (int p = 0; p < 3; p++) {
            tr.start(st);
            for (int t = 0; t < 3; t++) {
                ctx.setStep(t);
                tr.record(st, Drive.spikes(5, 0, 1, 2, 3, 4), ctx);
            }
            int[] want = new int[5];
            Arrays.fill(want, 0);
            assertThat(tr.preSteps(st)).containsExactly(want);
            tr.endSample();
        }
    }
}
