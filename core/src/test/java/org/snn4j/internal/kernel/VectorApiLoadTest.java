package org.snn4j.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link VectorApi#load}, the one place where core's float kernels and encoding's N-MNIST group loop load their
 * Vector API implementation: the loader's result when it works, the fallback (with a warning) when the class is
 * missing, cannot be linked (the incubator module unreadable) or cannot be created.
 */
class VectorApiLoadTest {
    @Test
    void returnsWhatTheLoaderCreates() {
        assertThat(VectorApi.load("a test implementation", () -> "vector", "scalar")).isEqualTo("vector");
    }

    @Test
    void fallsBackWhenTheClassIsMissing() {
        assertThat(VectorApi.<FloatKernels>load("a missing class", () -> (FloatKernels) Class.forName(
                "org.snn4j.internal.kernel.NoSuchKernels").getDeclaredConstructor().newInstance(),
                ScalarKernels.INSTANCE)).isSameAs(ScalarKernels.INSTANCE);
    }

    @Test
    void fallsBackWhenTheClassCannotBeLinkedOrCreated() {
        assertThat(VectorApi.load("an unlinkable class", () -> {
            throw new NoClassDefFoundError("jdk/incubator/vector/FloatVector");
        }, "scalar")).isEqualTo("scalar");
        assertThat(VectorApi.load("a class without a public constructor", () -> {
            throw new InstantiationException("abstract");
        }, (String) null)).isNull();
    }
}
