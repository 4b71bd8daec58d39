package org.snn4j.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatKernels#subFrom} (the convolution's bulk pass subtracts inactive inputs from weight totals with it),
 * by hand and against a plain loop for both implementations at every offset and tail length, and the vector
 * kernels' name. Written after the session 7 whole-core PIT run, where no test reached {@code subFrom}.
 */
class KernelSubtractionTest {
    private final FloatKernels scalar = FloatKernels.scalar();
    private final FloatKernels vector = new VectorKernels();

    @Test
    void subFromHandComputed() {
        float[] dst = {1f, 2f, 3f, 4f, 5f};
        scalar.subFrom(dst, 1, new float[] {10f, 0.5f, 1.25f, 7f}, 1, 3);
        assertThat(dst).containsExactly(1f, 1.5f, 1.75f, -3f, 5f);
        float[] d2 = {1f, 2f, 3f, 4f, 5f};
        vector.subFrom(d2, 1, new float[] {10f, 0.5f, 1.25f, 7f}, 1, 3);
        assertThat(d2).containsExactly(1f, 1.5f, 1.75f, -3f, 5f);
    }

    @Test
    void theVectorKernelsNameTheirWidth() {
        assertThat(vector.name()).matches("vector-(64|128|256|512|1024|2048)");
        assertThat(scalar.name()).doesNotStartWith("vector");
    }

    @Property(tries = 150, seed = "17")
    void subFromMatchesAPlainLoop(@ForAll @IntRange(min = 0, max = 100) int len,
                                  @ForAll @IntRange(min = 0, max = 7) int dstOff,
                                  @ForAll @IntRange(min = 0, max = 7) int srcOff, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] src = random(rng, len + srcOff + 3);
        float[] a = random(rng, len + dstOff + 3);
        float[] plain = a.clone();
        for (int i = 0; i < len; i++) {
            plain[dstOff + i] -= src[srcOff + i];
        }
        float[] b = a.clone();
        scalar.subFrom(a, dstOff, src, srcOff, len);
        vector.subFrom(b, dstOff, src, srcOff, len);
        assertThat(a).isEqualTo(plain);
        assertThat(b).isEqualTo(plain);
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 4 - 2);
        }
        return a;
    }
}
