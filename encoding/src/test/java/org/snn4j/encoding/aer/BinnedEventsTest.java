package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;

/** {@link BinnedEvents}: its checks, known dense copies and counts, and its event source. */
class BinnedEventsTest {
    /** 2 x 3 x 4 = 24 inputs; three steps: {5, 23}, {}, {0, 7, 8}. */
    private static final Shape SHAPE = new Shape(2, 3, 4);
    private static final int[] OFFSETS = {0, 2, 2, 5};
    private static final int[] INPUTS = {5, 23, 0, 7, 8};

    @Test
    void storesTheStepListsAndAnswersPerStep() {
        BinnedEvents b = BinnedEvents.of(SHAPE, OFFSETS, INPUTS);
        assertThat(b.shape()).isEqualTo(SHAPE);
        assertThat(b.size()).isEqualTo(24);
        assertThat(b.steps()).isEqualTo(3);
        assertThat(b.spikeCount()).isEqualTo(5);
        assertThat(b.stepMs()).isNaN();
        assertThat(new int[] {b.count(0), b.count(1), b.count(2)}).containsExactly(2, 0, 3);
        assertThat(new int[] {b.start(2), b.end(2)}).containsExactly(2, 5);
        assertThat(b.inputs(0)).containsExactly(5, 23);
        assertThat(b.inputs(1)).isEmpty();
        assertThat(b.inputs(2)).containsExactly(0, 7, 8);
        assertThat(b.input(4)).isEqualTo(8);
        assertThat(b.toString()).isEqualTo("BinnedEvents[3 steps x 24 inputs, 5 spikes]");
        assertThatThrownBy(() -> b.count(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copiesInAndOut() {
        int[] offsets = OFFSETS.clone();
        int[] inputs = INPUTS.clone();
        BinnedEvents b = BinnedEvents.of(SHAPE, offsets, inputs);
        inputs[0] = 6;
        offsets[1] = 1;
        b.inputs()[1] = 0;
        b.offsets()[2] = 0;
        assertThat(b.inputs()).containsExactly(INPUTS);
        assertThat(b.offsets()).containsExactly(OFFSETS);
    }

    @Test
    void countsPerInputAndDenseCopiesHaveKnownValues() {
        BinnedEvents b = BinnedEvents.of(SHAPE, new int[] {0, 2, 3, 5}, new int[] {1, 23, 1, 0, 1});
        int[] counts = new int[24];
        counts[0] = 1;
        counts[1] = 3;
        counts[23] = 1;
        assertThat(b.countsPerInput()).containsExactly(counts);
        float[] dense = b.toDense();
        float[] want = new float[3 * 24];
        for (int i : new int[] {1, 23, 24 + 1, 48 + 0, 48 + 1}) {
            want[i] = 1f;
        }
        assertThat(dense).containsExactly(want);
    }

    @Test
    void writeDenseWritesOnlyOnesAtTheOffsetAndChecksTheRoom() {
        BinnedEvents b = BinnedEvents.of(SHAPE, OFFSETS, INPUTS);
        float[] out = new float[3 + 72];
        Arrays.fill(out, 0.5f);
        b.writeDense(out, 3); // fills out exactly to its end
        for (int i = 0; i < out.length; i++) {
            int rel = i - 3;
            boolean one = rel == 5 || rel == 23 || rel == 48 || rel == 48 + 7 || rel == 48 + 8;
            assertThat(out[i]).as("out[%d]", i).isEqualTo(one ? 1f : 0.5f);
        }
        assertThatThrownBy(() -> b.writeDense(new float[72], 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("72 values from offset 1").hasMessageContaining("length is 72");
        assertThatThrownBy(() -> b.writeDense(new float[80], -1)).isInstanceOf(IndexOutOfBoundsException.class);
        b.writeDense(new float[72], 0);
    }

    @Test
    void refusesADenseCopyLargerThanOneArray() {
        // 32,769 steps x 65,536 inputs = 2^31 + 65,536 values: cheap to describe, impossible to copy
        BinnedEvents huge = BinnedEvents.of(new Shape(1, 1, 65_536), new int[32_770], new int[0]);
        assertThatThrownBy(huge::toDense).isInstanceOf(IllegalStateException.class)
                .hasMessage("32769 steps x 65536 inputs is too large for one array");
    }

    @Test
    void rejectsOffsetsThatDoNotFrameTheInputs() {
        assertThatThrownBy(() -> BinnedEvents.of(SHAPE, new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0 entries");
        assertThatThrownBy(() -> BinnedEvents.of(SHAPE, new int[] {1, 2}, new int[] {3, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 0 to inputs.length = 2");
        assertThatThrownBy(() -> BinnedEvents.of(SHAPE, new int[] {0, 1}, new int[] {3, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2 entries");
        assertThatThrownBy(() -> BinnedEvents.of(SHAPE, new int[] {0, 2, 1, 3}, new int[] {3, 4, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offsets must be non-decreasing, offsets[2] = 1 < 2");
        assertThat(BinnedEvents.of(SHAPE, new int[] {0}, new int[0]).steps()).isZero();
    }

    @Test
    void rejectsInputsOutOfRangeOrNotIncreasingWithinAStep() {
        assertThatThrownBy(() -> BinnedEvents.of(SHAPE, new int[] {0, 2}, new int[] {3, 24}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("inputs[1] must be in [0, 24), got 24");
        assertThatThrownBy(() -> BinnedEvents.of(SHAPE, new int[] {0, 1, 2}, new int[] {3, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("inputs[1] must be in [0, 24), got -1");
        assertThatThrownBy(() -> BinnedEvents.of(SHAPE, new int[] {0, 1, 3}, new int[] {3, 7, 7}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputs of step 1 must be strictly increasing, got 7 then 7");
        assertThatThrownBy(() -> BinnedEvents.of(SHAPE, new int[] {0, 3}, new int[] {3, 9, 8}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputs of step 0 must be strictly increasing, got 9 then 8");
        // a step may start below where the previous one ended; the extreme inputs 0 and 23 are in range
        BinnedEvents b = BinnedEvents.of(SHAPE, new int[] {0, 2, 4}, new int[] {20, 23, 0, 5});
        assertThat(b.inputs(1)).containsExactly(0, 5);
    }

    @Test
    void theEventSourceDeliversTheSameSpikesAndCarriesTheStepWhenKnown() {
        BinnedEvents b = BinnedEvents.of(SHAPE, OFFSETS, INPUTS);
        EventSource s = b.toEventSource();
        assertThat(s.size()).isEqualTo(24);
        assertThat(s.dtMs()).isNaN();
        BinnedEvents withStep = new BinnedEvents(SHAPE, OFFSETS.clone(), INPUTS.clone(), 2.5f);
        assertThat(withStep.stepMs()).isEqualTo(2.5f);
        assertThat(withStep.toEventSource().dtMs()).isEqualTo(2.5f);
    }

    /** Dense copies agree with a plain loop over the step lists, for random lists. */
    @Property(tries = 60)
    void denseCopyAgreesWithAPlainLoop(@ForAll @IntRange(min = 0, max = 6) int steps,
            @ForAll @IntRange(min = 1, max = 30) int inputs, @ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        int[] offsets = new int[steps + 1];
        int[] list = new int[steps * inputs];
        int n = 0;
        for (int k = 0; k < steps; k++) {
            for (int i = 0; i < inputs; i++) {
                if (r.nextInt(3) == 0) {
                    list[n++] = i;
                }
            }
            offsets[k + 1] = n;
        }
        BinnedEvents b = BinnedEvents.of(new Shape(1, 1, inputs), offsets, Arrays.copyOf(list, n));
        float[] want = new float[steps * inputs];
        int[] counts = new int[inputs];
        for (int k = 0; k < steps; k++) {
            for (int j = offsets[k]; j < offsets[k + 1]; j++) {
                want[k * inputs + list[j]] = 1f;
                counts[list[j]]++;
            }
        }
        assertThat(b.toDense()).containsExactly(want);
        assertThat(b.countsPerInput()).containsExactly(counts);
    }
}
