package org.snn4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The small value types of the root package with independent known values: a 3 x 4 x 5 shape's index
 * arithmetic at several positions (not only 0), spike lists across add / remove / inhibit / clear cycles,
 * event sources bucketed by hand, and the neuron state's resets.
 */
class CoreTypesTest {

    @Test
    void shapeIndexArithmeticAtSeveralPositions() {
        Shape s = new Shape(3, 4, 5);
        assertThat(s.size()).isEqualTo(60);
        assertThat(s.mapSize()).isEqualTo(20);
        assertThat(s.index(0, 0, 0)).isZero();
        assertThat(s.index(0, 0, 4)).isEqualTo(4);
        assertThat(s.index(0, 1, 0)).isEqualTo(5);
        assertThat(s.index(1, 0, 0)).isEqualTo(20);
        assertThat(s.index(2, 3, 1)).isEqualTo(2 * 20 + 3 * 5 + 1);
        int[][] cases = {{0, 0, 0, 0}, {7, 0, 1, 2}, {19, 0, 3, 4}, {20, 1, 0, 0}, {33, 1, 2, 3}, {56, 2, 3, 1},
            {59, 2, 3, 4}};
        for (int[] c : cases) {
            assertThat(s.channelOf(c[0])).as("channel of %d", c[0]).isEqualTo(c[1]);
            assertThat(s.rowOf(c[0])).as("row of %d", c[0]).isEqualTo(c[2]);
            assertThat(s.colOf(c[0])).as("col of %d", c[0]).isEqualTo(c[3]);
            assertThat(s.index(c[1], c[2], c[3])).isEqualTo(c[0]);
        }
        assertThat(s.toString()).isEqualTo("3x4x5");
        assertThat(Shape.flat(7)).isEqualTo(new Shape(1, 1, 7));
        assertThat(s.codec()).isSameAs(Shape.CODEC);
    }

    @Test
    void shapeRefusesEachBadDimensionByName() {
        assertThatThrownBy(() -> new Shape(0, 1, 1)).hasMessage("channels must be >= 1, got 0");
        assertThatThrownBy(() -> new Shape(1, 0, 1)).hasMessage("height must be >= 1, got 0");
        assertThatThrownBy(() -> new Shape(1, 1, 0)).hasMessage("width must be >= 1, got 0");
        assertThatThrownBy(() -> new Shape(1, 1, -4)).hasMessage("width must be >= 1, got -4");
        assertThatThrownBy(() -> new Shape(2, 65536, 16384))
                .hasMessage("shape 2x65536x16384 has 2147483648 neurons, more than 2147483647");
        assertThat(new Shape(1, 65536, 32767).size()).isEqualTo(65536 * 32767);
        assertThat(new Shape(1, 1, Integer.MAX_VALUE).size()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void spikesKeepInsertionOrderAndTheirFlagsInStep() {
        Spikes s = new Spikes(10);
        assertThat(s.capacity()).isEqualTo(10);
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.add(7)).isTrue();
        assertThat(s.add(2)).isTrue();
        assertThat(s.add(7)).isFalse();
        assertThat(s.add(9)).isTrue();
        assertThat(s.add(4)).isTrue();
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.isEmpty()).isFalse();
        assertThat(s.get(0)).isEqualTo(7);
        assertThat(s.get(3)).isEqualTo(4);
        assertThat(s.contains(9)).isTrue();
        assertThat(s.contains(3)).isFalse();
        assertThat(s.remove(3)).isFalse();
        assertThat(s.remove(2)).isTrue();
        assertThat(java.util.Arrays.copyOf(s.indices(), s.count())).containsExactly(7, 9, 4);
        assertThat(s.fired()[2]).isFalse();
        assertThat(s.toSortedArray()).containsExactly(4, 7, 9);
        assertThat(s.toString()).isEqualTo("Spikes[4, 7, 9]");
        assertThat(s.remove(4)).isTrue(); // the last one
        assertThat(java.util.Arrays.copyOf(s.indices(), s.count())).containsExactly(7, 9);
        s.add(1);
        s.add(5);
        int[] inhibitedUntil = new int[10];
        inhibitedUntil[9] = 4;  // inhibited at step 3
        inhibitedUntil[1] = 3;  // free again at step 3
        inhibitedUntil[5] = 10;
        assertThat(s.removeInhibited(inhibitedUntil, 3)).isEqualTo(2);
        assertThat(java.util.Arrays.copyOf(s.indices(), s.count())).containsExactly(7, 1);
        assertThat(s.contains(9)).isFalse();
        assertThat(s.contains(5)).isFalse();
        assertThat(s.contains(1)).isTrue();
        assertThat(s.add(5)).as("a removed spike can be added again").isTrue();
        s.clear();
        assertThat(s.count()).isZero();
        for (int i = 0; i < 10; i++) {
            assertThat(s.contains(i)).as("flag %d after clear", i).isFalse();
        }
        s.add(3);
        Spikes t = new Spikes(10);
        t.add(8);
        t.add(0);
        s.copyFrom(t);
        assertThat(java.util.Arrays.copyOf(s.indices(), s.count())).containsExactly(8, 0);
        assertThat(s.contains(3)).isFalse();
        assertThatThrownBy(() -> s.copyFrom(new Spikes(9))).hasMessage("capacity must be 10, got 9");
        assertThatThrownBy(() -> new Spikes(-1)).hasMessage("capacity must be >= 0, got -1");
        assertThat(new Spikes(0).toString()).isEqualTo("Spikes[]");
    }

    @Test
    void stateVarsPrintTheirUnit() {
        assertThat(new StateVar("v", "mV").toString()).isEqualTo("v [mV]");
        assertThat(new StateVar("x", "").toString()).isEqualTo("x");
        assertThatThrownBy(() -> new StateVar(" ", "mV")).hasMessage("name must not be blank");
        assertThatThrownBy(() -> new StateVar(null, "mV")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StateVar("v", null)).isInstanceOf(NullPointerException.class);
    }

    private static List<int[]> emitted(SpikeSource src) {
        List<int[]> out = new java.util.ArrayList<>();
        Spikes s = new Spikes(src.size());
        for (int t = 0; t < src.steps(); t++) {
            s.clear();
            src.emit(t, s);
            out.add(java.util.Arrays.copyOf(s.indices(), s.count()));
        }
        return out;
    }

    @Test
    void eventSourcesBucketByStepInInputOrder() {
        EventSource e = EventSource.of(4, 6, new int[] {2, 0, 2, 3, 0, 2}, new int[] {5, 1, 0, 4, 3, 2});
        assertThat(e.steps()).isEqualTo(4);
        assertThat(e.size()).isEqualTo(6);
        assertThat(e.eventCount()).isEqualTo(6);
        assertThat(e.count(0)).isEqualTo(2);
        assertThat(e.count(1)).isZero();
        assertThat(e.count(2)).isEqualTo(3);
        assertThat(e.count(3)).isEqualTo(1);
        assertThat(emitted(e)).containsExactly(new int[] {1, 3}, new int[0], new int[] {5, 0, 2}, new int[] {4});
        assertThat(e.replayable()).isTrue();
        assertThat(e.dtMs()).isNaN();
        assertThat(e.withDtMs(0.25f).dtMs()).isEqualTo(0.25f);
        assertThat(emitted(e.withDtMs(0.25f))).containsExactly(new int[] {1, 3}, new int[0], new int[] {5, 0, 2},
                new int[] {4});
        EventSource b = EventSource.ofBuckets(6, new int[] {0, 2, 2, 5, 6}, new int[] {1, 3, 5, 0, 2, 4});
        assertThat(emitted(b)).containsExactly(new int[] {1, 3}, new int[0], new int[] {5, 0, 2}, new int[] {4});
        assertThat(b.steps()).isEqualTo(4);
        assertThat(EventSource.of(0, 0, new int[0], new int[0]).steps()).isZero();
    }

    @Test
    void eventSourcesRefuseBadEventsByName() {
        assertThatThrownBy(() -> EventSource.of(-1, 2, new int[0], new int[0])).hasMessage("steps must be >= 0, got -1");
        assertThatThrownBy(() -> EventSource.of(2, -1, new int[0], new int[0])).hasMessage("size must be >= 0, got -1");
        assertThatThrownBy(() -> EventSource.of(2, 2, new int[1], new int[2]))
                .hasMessage("eventSteps and eventIndex must have the same length, got 1 and 2");
        assertThatThrownBy(() -> EventSource.of(3, 2, new int[] {0, 3}, new int[] {0, 0}))
                .hasMessage("event 1: step must be in [0, 3), got 3");
        assertThatThrownBy(() -> EventSource.of(3, 2, new int[] {-1}, new int[] {0}))
                .hasMessage("event 0: step must be in [0, 3), got -1");
        assertThatThrownBy(() -> EventSource.of(3, 2, new int[] {0, 1}, new int[] {1, 2}))
                .hasMessage("event 1: neuron must be in [0, 2), got 2");
        assertThatThrownBy(() -> EventSource.of(3, 2, new int[] {0}, new int[] {-1}))
                .hasMessage("event 0: neuron must be in [0, 2), got -1");
        assertThatThrownBy(() -> EventSource.ofBuckets(2, new int[0], new int[0]))
                .hasMessage("offsets must start at 0 and end at neurons.length = 0, got []");
        assertThatThrownBy(() -> EventSource.ofBuckets(2, new int[] {1, 1}, new int[1]))
                .hasMessageStartingWith("offsets must start at 0");
        assertThatThrownBy(() -> EventSource.ofBuckets(2, new int[] {0, 2}, new int[1]))
                .hasMessage("offsets must start at 0 and end at neurons.length = 1, got [0, 2]");
        assertThatThrownBy(() -> EventSource.ofBuckets(2, new int[] {0, 2, 1, 2}, new int[2]))
                .hasMessage("offsets must be non-decreasing, offsets[2] = 1 < 2");
        assertThatThrownBy(() -> EventSource.ofBuckets(2, new int[] {0, 2}, new int[] {0, 2}))
                .hasMessage("neurons[1] must be in [0, 2), got 2");
        assertThatThrownBy(() -> EventSource.ofBuckets(2, new int[] {0, 1}, new int[] {-1}))
                .hasMessage("neurons[0] must be in [0, 2), got -1");
        EventSource ok = EventSource.of(1, 1, new int[0], new int[0]);
        assertThatThrownBy(() -> ok.withDtMs(0f)).hasMessage("dtMs must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> ok.withDtMs(Float.POSITIVE_INFINITY)).hasMessageStartingWith("dtMs must be finite");
        assertThatThrownBy(() -> ok.withDtMs(Float.NaN)).hasMessageStartingWith("dtMs must be finite");
    }

    @Test
    void neuronStateClearResetsEveryArrayAndOffsetsOnlyWhenHandedOut() {
        StateVar a = new StateVar("a", "");
        StateVar b = new StateVar("b", "mV");
        NeuronState s = new NeuronState(3, List.of(a, b));
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.has(b)).isTrue();
        assertThat(s.has(new StateVar("c", ""))).isFalse();
        assertThat(s.get(new StateVar("b", "mV"))).as("found by equality too").isSameAs(s.get(b));
        assertThatThrownBy(() -> s.get(new StateVar("c", ""))).hasMessage("no state variable c; this state has [a, b [mV]]");
        assertThat(s.lastSpikeStep()).containsExactly(-1, -1, -1);
        s.get(a)[1] = 4f;
        s.get(b)[2] = -3f;
        s.lastSpikeStep()[0] = 7;
        s.lastUpdateStep()[2] = 9;
        s.thresholdOffset()[1] = 0.5f;
        s.inhibition()[0] = 2f;
        s.calendar();
        s.clear();
        assertThat(s.get(a)).containsExactly(0f, 0f, 0f);
        assertThat(s.get(b)).containsExactly(0f, 0f, 0f);
        assertThat(s.lastSpikeStep()).containsExactly(-1, -1, -1);
        assertThat(s.lastUpdateStep()).containsExactly(0, 0, 0);
        assertThat(s.inhibition()).containsExactly(0f, 0f, 0f);
        assertThat(s.thresholdOffset()).containsExactly(0f, 0f, 0f);
        // offsets handed out again, then zeroed
        s.thresholdOffset()[2] = 1.5f;
        s.zeroThresholdOffsets();
        assertThat(s.thresholdOffset()).containsExactly(0f, 0f, 0f);
        // a write-back runs once, before the next read
        int[] runs = new int[1];
        s.writeBackBeforeNextRead(() -> {
            runs[0]++;
            s.get(a)[0] = 6f;
        });
        assertThat(s.get(a)[0]).isEqualTo(6f);
        s.get(a);
        assertThat(runs[0]).isEqualTo(1);
        s.writeBackBeforeNextRead(() -> runs[0]++);
        s.clear();
        s.get(a);
        assertThat(runs[0]).as("clear drops a pending write-back").isEqualTo(1);
        assertThatThrownBy(() -> new NeuronState(-1, List.of())).hasMessage("size must be >= 0, got -1");
        assertThatThrownBy(() -> new NeuronState(2, List.of(a, b, a))).hasMessage("state variable a is listed twice");
    }
}
