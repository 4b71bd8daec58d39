package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.io.ModelData;
import org.snn4j.io.ModelFile;
import org.snn4j.io.ModelFileException;

/** The composed flagship's initial weights and model files are those of the earlier network-specific version. */
class Mozafari2019ComposedModelTest {
    @TempDir
    Path tmp;

    @Test
    void initialWeightsEqualTheReferenceNetworksForTheSameSeed() {
        MozafariNetwork ref = new MozafariNetwork(42);
        Mozafari2019Composed c = new Mozafari2019Composed(42);
        assertThat(c.weightsOIHW("conv1")).containsExactly(ref.conv1.weightsOIHW());
        assertThat(c.weightsOIHW("conv2")).containsExactly(ref.conv2.weightsOIHW());
        assertThat(c.weightsOIHW("conv3")).containsExactly(ref.conv3.weightsOIHW());
    }

    @Test
    void aModelSavedByTheEarlierVersionLoadsWithTheSameWeights() throws Exception {
        MozafariNetwork ref = new MozafariNetwork(7);
        Path f = tmp.resolve("old.snn4j");
        ModelFile.write(f, ref.toModelData());
        Mozafari2019Composed c = Mozafari2019Composed.read(f);
        assertThat(c.weightsOIHW("conv2")).containsExactly(ref.conv2.weightsOIHW());
        assertThat(ModelFile.toBytes(c.toModelData())).isEqualTo(ModelFile.toBytes(ref.toModelData()));
    }

    @Test
    void roundTrip() {
        Mozafari2019Composed c = new Mozafari2019Composed(3);
        Mozafari2019Composed d = Mozafari2019Composed.fromModelData(c.toModelData());
        assertThat(d.weightsOIHW("conv3")).containsExactly(c.weightsOIHW("conv3"));
    }

    @Test
    void unsupportedParametersAndBadWeightsAreClearErrors() throws Exception {
        ModelData m = new Mozafari2019Composed(1).toModelData().putReal("conv1.threshold", 12.0);
        assertThatThrownBy(() -> Mozafari2019Composed.fromModelData(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv1.threshold").hasMessageContaining("15");
        Mozafari2019Composed c = new Mozafari2019Composed(1);
        float[] w = c.weightsOIHW("conv2");
        w[5] = Float.NaN;
        ModelData bad = c.toModelData();
        bad.putArray("conv2.weights", new int[] {250, 30, 3, 3}, w);
        Path f = tmp.resolve("bad.snn4j");
        ModelFile.write(f, bad);
        assertThatThrownBy(() -> Mozafari2019Composed.read(f)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("conv2.weights").hasMessageContaining("value 5");
        ModelData other = new Mozafari2019Composed(1).toModelData().putText("network", "DiehlCook2015");
        assertThatThrownBy(() -> Mozafari2019Composed.fromModelData(other))
                .hasMessageContaining("network").hasMessageContaining("DiehlCook2015");
    }
}
