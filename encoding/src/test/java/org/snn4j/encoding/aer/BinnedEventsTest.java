package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;

/**
 * BinnedEvents made by hand (issue 17, pattern 3): every check of {@link BinnedEvents#of} at both sides of its
 * bound, the dense copies with known positions, and the bounds of {@link BinnedEvents#writeDense}.
 */
class BinnedEventsTest {
    private static final Shape SHAPE = new Shape(2, 3, 4); // 24 inputs

    /** Step 0: inputs 1, 7, 23; step 1: none; step 2: 0 and 5 (lower than step 0's last: allowed). */
    private static BinnedEvents sample() {
        return BinnedEvents.of(SHAPE, new int[] {0, 3, 3, 5}, new int[] {1, 7, 23, 0, 5});
    }

    @Test
    void theListsAreReadBackStepByStep() {
        BinnedEvents b = sample();
        assertThat(b.steps()).isEqualTo(3);
        assertThat(b.size()).isEqualTo(24);
        assertThat(b.shape()).isEqualTo(SHAPE);
        assertThat(b.spikeCount()).isEqualTo(5);
        assertThat(b.count(0)).isEqualTo(3);
        assertThat(b.count(1)).isZero();
        assertThat(b.start(2)).isEqualTo(3);
        assertThat(b.end(2)).isEqualTo(5);
        assertThat(b.input(4)).isEqualTo(5);
        assertThat(b.inputs(0)).containsExactly(1, 7, 23);
        assertThat(b.inputs(1)).isEmpty();
        assertThat(b.offsets()).containsExactly(0, 3, 3, 5);
        assertThat(b.stepMs()).isNaN();
        int[] counts = b.countsPerInput();
        assertThat(counts).hasSize(24);
        int[] want = new int[24];
        want[0] = want[1] = want[5] = want[7] = want[23] = 1;
        assertThat(counts).containsExactly(want);
        assertThat(b).hasToString("BinnedEvents[3 steps x 24 inputs, 5 spikes]");
        assertThatThrownBy(() -> b.count(3)).isInstanceOf(IndexOutOfBoundsException.class);
        // a copy: changing the caller's arrays afterwards changes nothing
        int[] offsets = {0, 1};
        int[] inputs = {4};
        BinnedEvents c = BinnedEvents.of(SHAPE, offsets, inputs);
        inputs[0] = 9;
        offsets[1] = 0;
        assertThat(c.inputs()).containsExactly(4);
        assertThat(c.count(0)).isEqualTo(1);
    }

    @Test
    void denseCopiesHaveAOneAtEachSpikeAndNothingElse() {
        BinnedEvents b = sample();
        float[] d = b.toDense();
        assertThat(d).hasSize(3 * 24);
        float[] want = new float[3 * 24];
        for (int i : new int[] {1, 7, 23, 2 * 24, 2 * 24 + 5}) {
            want[i] = 1f;
        }
        assertThat(d).containsExactly(want);
        // into a larger buffer at an offset; entries outside the spikes are left as they were
        float[] out = new float[3 + 3 * 24 + 2];
        Arrays.fill(out, 0.5f);
        b.writeDense(out, 3);
        for (int i = 0; i < out.length; i++) {
            int k = i - 3;
            float w = k >= 0 && k < want.length && want[k] == 1f ? 1f : 0.5f;
            assertThat(out[i]).as("index %d", i).isEqualTo(w);
        }
        b.writeDense(new float[3 * 24], 0);               // exactly the size
        b.writeDense(new float[3 * 24 + 1], 1);
        assertThatThrownBy(() -> b.writeDense(new float[3 * 24], 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("out must hold 72 values from offset 1, its length is 72");
        assertThatThrownBy(() -> b.writeDense(new float[100], -1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("out must hold 72 values from offset -1, its length is 100");
        BinnedEvents none = BinnedEvents.of(SHAPE, new int[] {0}, new int[0]);
        assertThat(none.steps()).isZero();
        assertThat(none.toDense()).isEmpty();
        none.writeDense(new float[0], 0);
    }

    @Test
    void aDenseCopyOverTwoBillionValuesIsRefused() {
        int steps = 1_000_000; // x 2,312 inputs
        BinnedEvents b = BinnedEvents.of(new Shape(2, 34, 34), new int[steps + 1], new int[0]);
        assertThatThrownBy(b::toDense).isInstanceOf(IllegalStateException.class)
                .hasMessage("1000000 steps x 2312 inputs is too large for one array");
    }

    @Test
    void theEventSourceEmitsEachStepsInputs() {
        EventSource s = sample().toEventSource();
        assertThat(s.size()).isEqualTo(24);
        assertThat(s.steps()).isEqualTo(3);
        assertThat(s.dtMs()).isNaN();
        Spikes out = new Spikes(24);
        s.emit(2, out);
        assertThat(out.count()).isEqualTo(2);
        assertThat(out.fired()[0]).isTrue();
        assertThat(out.fired()[5]).isTrue();
    }

    @Test
    void ofNamesTheFirstBadEntry() {
        Object[][] bad = {
            {new int[0], new int[0], "offsets must have steps + 1 >= 1 entries from 0 to inputs.length = 0, got 0 entries"},
            {new int[] {1, 1}, new int[] {3}, "offsets must have steps + 1 >= 1 entries from 0 to inputs.length = 1, got 2 entries"},
            {new int[] {0, 1}, new int[] {3, 4}, "offsets must have steps + 1 >= 1 entries from 0 to inputs.length = 2, got 2 entries"},
            {new int[] {0, 2, 1, 2}, new int[] {3, 4}, "offsets must be non-decreasing, offsets[2] = 1 < 2"},
            {new int[] {0, 2}, new int[] {3, 24}, "inputs[1] must be in [0, 24), got 24"},
            {new int[] {0, 1, 2}, new int[] {3, -1}, "inputs[1] must be in [0, 24), got -1"},
            {new int[] {0, 3}, new int[] {3, 4, 4}, "inputs of step 0 must be strictly increasing, got 4 then 4"},
            {new int[] {0, 1, 3}, new int[] {3, 9, 8}, "inputs of step 1 must be strictly increasing, got 9 then 8"},
        };
        for (Object[] c : bad) {
            assertThatThrownBy(() -> BinnedEvents.of(SHAPE, (int[]) c[0], (int[]) c[1])).as((String) c[2])
                    .isInstanceOf(IllegalArgumentException.class).hasMessage((String) c[2]);
        }
        // the bounds themselves: input 0 and 23, equal offsets, one step, a lower input in the next step
        BinnedEvents ok = BinnedEvents.of(SHAPE, new int[] {0, 2, 2, 3}, new int[] {0, 23, 22});
        assertThat(ok.inputs()).containsExactly(0, 23, 22);
        assertThat(BinnedEvents.of(SHAPE, new int[] {0, 1}, new int[] {23}).steps()).isEqualTo(1);
    }
}
