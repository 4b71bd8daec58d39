package org.snn4j.encoding.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelTest {

    @Test
    void dogGoldenValues() {
        // numpy reference (src/test/python/mozafari_reference.py, dog()): float64, cast to float32
        Kernel k = Kernel.dog(3, 3 / 9.0, 6 / 9.0);
        float corner = -0.09411182999610901f;
        float edge = -0.155888170003891f;
        assertThat(k.weights()).containsExactly(new float[] {corner, edge, corner, edge, 1f, edge, corner, edge, corner},
                within(1e-7f));
        Kernel on = Kernel.dog(7, 1, 2);
        assertThat(on.weight(0, 0)).isCloseTo(-0.061740853f, within(1e-7f));
        assertThat(on.weight(3, 0)).isCloseTo(-0.12168945f, within(1e-7f));
        Kernel off = Kernel.dog(7, 2, 1);
        assertThat(off.weight(3, 3)).isCloseTo(-7.898036f, within(1e-5f));
        assertThat(off.weight(3, 0)).isCloseTo(0.9611077f, within(1e-7f));
    }

    @Test
    void everyBankKernelHasMeanZeroMaxOneAndIsSymmetric() {
        for (List<Kernel> bank : List.of(DogBanks.mozafari(), DogBanks.kheradpisheh())) {
            for (Kernel k : bank) {
                checkMeanZeroMaxOne(k);
                checkSymmetric(k);
            }
        }
        // ON kernels have the maximum at the centre, OFF kernels a negative centre
        List<Kernel> m = DogBanks.mozafari();
        for (int i = 0; i < 6; i++) {
            Kernel k = m.get(i);
            int c = k.size() / 2;
            if (i % 2 == 0) {
                assertThat(k.weight(c, c)).isEqualTo(1f);
            } else {
                assertThat(k.weight(c, c)).isNegative();
            }
        }
        assertThat(m.stream().map(Kernel::size)).containsExactly(3, 3, 7, 7, 13, 13);
    }

    @Test
    void mexicanHatPair() {
        Kernel[] pair = Kernel.mexicanHatPair();
        Kernel on = pair[0];
        Kernel off = pair[1];
        assertThat(on.size()).isEqualTo(5);
        checkMeanZeroMaxOne(on);
        checkSymmetric(on);
        assertThat(on.weight(2, 2)).isEqualTo(1f);
        assertThat(on.weight(0, 0)).isNegative();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(off.weight(i, j)).isEqualTo(-on.weight(i, j));
            }
        }
    }

    @Test
    void gaborOrientations() {
        Kernel[] g = Kernel.gaborBank(7, 0, 45, 90, 135);
        for (Kernel k : g) {
            float sum = 0;
            float maxAbs = 0;
            for (float w : k.weights()) {
                sum += w;
                maxAbs = Math.max(maxAbs, Math.abs(w));
            }
            assertThat(sum).isCloseTo(0f, within(1e-5f));
            assertThat(maxAbs).isEqualTo(1f);
            // even Gabor: point symmetric
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 7; j++) {
                    assertThat(k.weight(i, j)).isCloseTo(k.weight(6 - i, 6 - j), within(1e-6f));
                }
            }
        }
        // 0 and 90 degrees are transposes of each other
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                assertThat(g[0].weight(i, j)).isCloseTo(g[2].weight(j, i), within(1e-6f));
            }
        }
        // theta = 0: the carrier varies along x (columns), constant-phase stripes are vertical:
        // the centre column is the crest
        assertThat(g[0].weight(3, 3)).isGreaterThan(g[0].weight(3, 1));
        assertThat(g[0].weight(2, 3)).isGreaterThan(g[0].weight(2, 1));
    }

    @Test
    void badParametersAreRejected() {
        assertThatThrownBy(() -> Kernel.dog(4, 1, 2)).hasMessage("size must be odd and >= 1, got 4");
        assertThatThrownBy(() -> Kernel.dog(5, -2, 2)).hasMessage("sigma1 must be > 0 and finite, got -2.0");
        assertThatThrownBy(() -> Kernel.dog(5, 2, 2)).hasMessage("sigma1 and sigma2 must differ, both are 2.0");
        assertThatThrownBy(() -> Kernel.of(3, new float[8])).hasMessage("weights.length must be size * size = 9, got 8");
        assertThatThrownBy(() -> Kernel.of(1, new float[] {Float.NaN})).hasMessage("weights[0] must be finite, got NaN");
        assertThatThrownBy(() -> Kernel.gabor(5, 0, 1, 0, 1, 0)).hasMessage("lambda must be > 0 and finite, got 0.0");
    }

    static void checkMeanZeroMaxOne(Kernel k) {
        double sum = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (float w : k.weights()) {
            sum += w;
            max = Math.max(max, w);
        }
        assertThat(sum / (k.size() * k.size())).as("%s mean", k).isCloseTo(0.0, within(1e-6));
        assertThat(max).as("%s max", k).isEqualTo(1f);
    }

    static void checkSymmetric(Kernel k) {
        int n = k.size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(k.weight(i, j)).isEqualTo(k.weight(j, i));
                assertThat(k.weight(i, j)).isEqualTo(k.weight(n - 1 - i, j));
                assertThat(k.weight(i, j)).isEqualTo(k.weight(i, n - 1 - j));
            }
        }
    }
}
