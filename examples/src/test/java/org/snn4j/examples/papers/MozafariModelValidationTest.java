package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.io.ModelData;
import org.snn4j.io.ModelFile;
import org.snn4j.io.ModelFileException;

/**
 * Issue 13, item 4: a Mozafari2019 model is validated field by field when loaded (ints that do not fit, NaN or
 * infinite reals and weights, wrong shapes), and {@link MozafariNetwork#read(Path)} reports a bad model as a
 * {@link ModelFileException} naming the field.
 */
class MozafariModelValidationTest {
    private static ModelData good;

    @BeforeAll
    static void model() {
        good = new MozafariNetwork(1L).toModelData();
    }

    /** A copy of the good model with one parameter or array replaced. */
    private static ModelData with(String key, Object value) {
        ModelData m = new ModelData();
        good.parameters().forEach((k, v) -> {
            Object x = k.equals(key) ? value : v;
            if (x instanceof ModelData.Text t) {
                m.putText(k, t.value());
            } else if (x instanceof ModelData.Int i) {
                m.putInt(k, i.value());
            } else if (x instanceof ModelData.Real r) {
                m.putReal(k, r.value());
            } else if (x instanceof Long l) {
                m.putInt(k, l);
            } else {
                m.putReal(k, (Double) x);
            }
        });
        good.arrays().forEach((k, t) -> m.putArray(k, t.shape(), k.equals(key) ? (float[]) value : t.data()));
        return m;
    }

    @Test
    void theSavedModelLoads() {
        assertThat(MozafariNetwork.fromModelData(good).toModelData().arrays().get("conv2.weights").data())
                .isEqualTo(good.arrays().get("conv2.weights").data());
    }

    @Test
    void integersThatDoNotFitAnIntAreNotTruncated() {
        // 2^32 + 5 used to become 5 through the (int) cast
        assertThatThrownBy(() -> MozafariNetwork.fromModelData(with("conv1.kwta", (1L << 32) + 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'conv1.kwta' must fit a 32-bit int, got 4294967301");
    }

    @Test
    void nonFiniteRealsAndWeightsAreRejectedByName() {
        assertThatThrownBy(() -> MozafariNetwork.fromModelData(with("conv1.threshold", Double.POSITIVE_INFINITY)))
                .hasMessageContaining("'conv1.threshold' must be a finite float");
        assertThatThrownBy(() -> MozafariNetwork.fromModelData(with("init.weightStd", 1e300)))
                .hasMessageContaining("'init.weightStd' must be a finite float");
        assertThatThrownBy(() -> MozafariNetwork.fromModelData(with("conv1.radius", -1L)))
                .hasMessageContaining("radius1");
        float[] w = good.arrays().get("conv2.weights").data().clone();
        w[1234] = Float.NaN;
        assertThatThrownBy(() -> MozafariNetwork.fromModelData(with("conv2.weights", w)))
                .hasMessageContaining("array 'conv2.weights' value 1234 must be finite, got NaN");
    }

    @Test
    void readingABadModelFileIsAModelFileException(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.snn");
        ModelFile.write(f, with("classes", 0L));
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> MozafariNetwork.read(f));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MALFORMED);
        assertThat(e.getMessage()).contains("bad.snn").contains("classes");
        Path ok = dir.resolve("ok.snn");
        ModelFile.write(ok, good);
        assertThat(MozafariNetwork.read(ok).toModelData().parameters()).isEqualTo(good.parameters());
    }
}
