package org.snn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link ModelData}'s name checks and typed getters, {@link Codec#version()}, the magic-number test at exactly
 * the magic's length, and the exception message at byte offset 0. Written after the session 7 whole-core PIT run.
 */
class ModelDataChecksTest {
    @Test
    void emptyNamesAreRefusedForEveryKind() {
        ModelData m = new ModelData();
        assertThatThrownBy(() -> m.putText("", "x")).hasMessage("key must not be empty");
        assertThatThrownBy(() -> m.putInt("", 1)).hasMessage("key must not be empty");
        assertThatThrownBy(() -> m.putReal("", 1)).hasMessage("key must not be empty");
        assertThatThrownBy(() -> m.putArray("", new int[] {1}, new float[1])).hasMessage("name must not be empty");
        assertThat(m.parameterNames()).isEmpty();
        assertThat(m.arrayNames()).isEmpty();
    }

    @Test
    void gettersReturnWhatWasPutAndNameWhatIsMissing() {
        ModelData m = new ModelData().putText("t", "x").putInt("i", 7).putReal("r", 2.5)
                .putArray("a", new int[] {2, 3}, new float[6]);
        assertThat(m.parameterNames()).containsExactly("t", "i", "r");
        assertThat(m.arrayNames()).containsExactly("a");
        assertThat(m.real("r")).isEqualTo(2.5);
        assertThat(m.real("i")).isEqualTo(7.0);
        assertThatThrownBy(() -> m.real("t")).hasMessageStartingWith("parameter 't' must be a number, got ");
        assertThat(m.shape("a")).containsExactly(2, 3);
        assertThatThrownBy(() -> m.shape("b")).hasMessage("model has no array 'b'; it has [a]");
        assertThatThrownBy(() -> m.array("b", 2, 3)).hasMessage("model has no array 'b'; it has [a]");
        assertThatThrownBy(() -> m.array("a", 3, 2)).hasMessage("array 'a' must have shape [3, 2], got [2, 3]");
        assertThat(m.array("a", 2, 3)).hasSize(6);
    }

    @Test
    void codecVersionsMagicAtItsLengthAndOffsetZero() {
        assertThat(Codec.of("t.X", 3, Object.class, (c, out) -> { }, in -> null).version()).isEqualTo(3);
        assertThat(Codec.of("t.X", Object.class, (c, out) -> { }, in -> null).version()).isEqualTo(1);
        byte[] f = SectionFile.toBytes(new SectionFileTest.Leaf(1), "root");
        assertThat(SectionFile.hasMagic(java.util.Arrays.copyOf(f, 8))).isTrue();
        assertThat(SectionFile.hasMagic(java.util.Arrays.copyOf(f, 7))).isFalse();
        assertThat(new ModelFileException(ModelFileException.Kind.MALFORMED, 0, "f", "m").getMessage())
                .isEqualTo("MALFORMED model file at byte offset 0 (field f): m");
        assertThat(new ModelFileException(ModelFileException.Kind.MISMATCH, -1, "f", "m").getMessage())
                .isEqualTo("MISMATCH model content (field f): m");
        ModelFileException e = SectionFileTest.reject(java.util.Arrays.copyOf(f, 5));
        assertThat(e.detail()).isEqualTo("file has only 5 bytes, a section file starts with an 8-byte magic number");
    }
}
