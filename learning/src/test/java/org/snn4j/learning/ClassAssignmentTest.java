package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link ClassAssignment}: its checks, copies, read-out and value semantics. */
class ClassAssignmentTest {
    @Test
    void checksTheClassesAndEveryNeuronsClass() {
        assertThatThrownBy(() -> new ClassAssignment(0, new int[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classes must be >= 1, got 0");
        assertThatThrownBy(() -> new ClassAssignment(3, new int[] {0, 3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("neuronClass[1] must be in [-1, 3), got 3");
        assertThatThrownBy(() -> new ClassAssignment(3, new int[] {-2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("neuronClass[0] must be in [-1, 3), got -2");
        // the extremes -1 (never assigned) and classes - 1 are accepted; one class is enough
        assertThat(new ClassAssignment(3, new int[] {-1, 2, 0}).neuronClass()).containsExactly(-1, 2, 0);
        assertThat(new ClassAssignment(1, new int[] {0}).classes()).isEqualTo(1);
    }

    @Test
    void copiesTheArrayInAndOut() {
        int[] a = {1, 0, 1};
        ClassAssignment c = new ClassAssignment(2, a);
        a[0] = 0;
        c.neuronClass()[1] = 1;
        assertThat(c.neuronClass()).containsExactly(1, 0, 1);
    }

    @Test
    void classifiesByTheHighestMeanCountOfAClassesNeurons() {
        // class 0: neurons 0 and 2 (mean (4 + 0) / 2 = 2); class 1: neuron 1 (3); class 2: neuron 3 (2.5)
        ClassAssignment c = new ClassAssignment(3, new int[] {0, 1, 0, 2, -1});
        assertThat(c.classify(new int[] {4, 3, 0, 2, 9})).isEqualTo(1);
        assertThat(c.classify(new int[] {4, 1, 4, 2, 0})).isEqualTo(0);
        assertThat(c.classify(new int[] {4, 1, 0, 5, 0})).isEqualTo(2);
        assertThat(c.classify(new int[] {4, 1, 0, 5, 0}))
                .isEqualTo(SpikeCountReadout.classify(new int[] {4, 1, 0, 5, 0}, c.neuronClass(), 3));
    }

    @Test
    void isAValueSavedByItsCodec() {
        ClassAssignment a = new ClassAssignment(3, new int[] {0, 2, -1});
        ClassAssignment same = new ClassAssignment(3, new int[] {0, 2, -1});
        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(a).isNotEqualTo(new ClassAssignment(4, new int[] {0, 2, -1}));
        assertThat(a).isNotEqualTo(new ClassAssignment(3, new int[] {0, 1, -1}));
        assertThat(a).isNotEqualTo("ClassAssignment[3 classes, 3 neurons]");
        assertThat(a.toString()).isEqualTo("ClassAssignment[3 classes, 3 neurons]");
        assertThat(a.codec()).isSameAs(LearningCodecs.CLASS_ASSIGNMENT);
    }
}
