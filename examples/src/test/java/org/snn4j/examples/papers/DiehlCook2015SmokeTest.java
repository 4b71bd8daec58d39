package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Shape;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.layer.DenseLayer;
import org.snn4j.io.ModelFileException;
import org.snn4j.learning.ClassAssignment;
import org.snn4j.learning.LearningCodecs;
import org.snn4j.network.NetworkFile;

class DiehlCook2015SmokeTest {

    @Test
    void quickRunWritesJsonPicturesAndModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("dc.snn");
        DiehlCook2015.Options o = DiehlCook2015.Options.parse("--quick", "--out", dir.resolve("out").toString(),
                "--save", model.toString(), "--threads", "2", "--seed", "7");
        assertThat(o.neurons()).isEqualTo(20);
        assertThat(o.epochs()).isEqualTo(1);
        assertThat(DiehlCook2015.Options.parse("--quick", "--epochs", "2").epochs()).isEqualTo(2);
        assertThat(DiehlCook2015.Options.defaults().epochs()).isEqualTo(8);
        assertThat(o.train()).isEqualTo(300);
        assertThat(o.test()).isEqualTo(100);
        DiehlCook2015.Result r = DiehlCook2015.run(o, null);
        assertThat(r.tested()).isEqualTo(100);
        assertThat(r.accuracy()).isBetween(0.0, 1.0);
        String json = Files.readString(r.json());
        assertThat(json).contains("\"example\": \"DiehlCook2015\"", "\"neurons\": 20", "\"testAccuracy\"",
                "\"confusion\"");
        BufferedImage fields = ImageIO.read(r.fieldsPng().toFile());
        // 20 tiles: 5 columns x 4 rows of 28x28 at scale 2, 3-pixel gaps, plus a title band (font-dependent width)
        assertThat(fields.getWidth()).isBetween(5 * 56 + 6 * 3, 5 * 56 + 6 * 3 + 400);
        assertThat(fields.getHeight()).isBetween(4 * 56 + 5 * 3 + 20, 4 * 56 + 5 * 3 + 40);
        BufferedImage conf = ImageIO.read(r.confusionPng().toFile());
        assertThat(conf.getWidth()).isBetween(10 * 36 + 72, 10 * 36 + 72 + 200);
        assertThat(conf.getHeight()).isBetween(10 * 36 + 72 + 20, 10 * 36 + 72 + 40);
        int total = 0;
        for (int[] row : r.confusion()) {
            for (int c : row) {
                total += c;
            }
        }
        assertThat(total + r.undecided()).isEqualTo(100);
        NetworkFile.Contents m = NetworkFile.readContents(model, LearningCodecs.all());
        assertThat(((DenseLayer) m.network().layer(DiehlCookComposed.LAYER)).weights())
                .isEqualTo(r.network().layer().weights());
        assertThat(m.network().thresholdOffsets(0)).isEqualTo(r.theta());
        assertThat(m.extra(ClassAssignment.class).neuronClass()).isEqualTo(r.assignment());

        // --load: the saved network evaluated without training gives the same prediction for every test digit
        DiehlCook2015.Result loaded = DiehlCook2015.run(DiehlCook2015.Options.parse("--quick", "--out",
                dir.resolve("loaded").toString(), "--load", model.toString(), "--threads", "1", "--seed", "7"), null);
        assertThat(loaded.predictions()).containsExactly(r.predictions());
        assertThat(loaded.correct()).isEqualTo(r.correct());
        assertThat(loaded.assignment()).isEqualTo(r.assignment());
        assertThat(loaded.network().layer().weights()).isEqualTo(r.network().layer().weights());
        assertThat(loaded.theta()).isEqualTo(r.theta());
        assertThat(loaded.trainSeconds()).as("no training").isLessThan(r.trainSeconds());
        assertThat(Files.readString(loaded.json())).contains("\"epochs\": 0", "\"loaded\": \"");
        // a file saved with another time step does not fit: a one-line error naming the file
        assertThatThrownBy(() -> DiehlCook2015.run(DiehlCook2015.Options.parse("--quick", "--out",
                dir.resolve("bad").toString(), "--load", model.toString(), "--dt", "0.25"), null))
                .isInstanceOf(ModelFileException.class).hasMessageContaining(model.toString());
    }

    @Test
    void evaluationDoesNotDependOnTheThreadCount() throws Exception {
        MnistDataset.Split test = MnistDataset.load(org.snn4j.cli.Options.find(DiehlCook2015.Options.defaults().data())).test();
        DiehlCookComposed net = new DiehlCookComposed(DiehlCookParameters.paper(), new Shape(1, 28, 28), 10, 3L);
        // a little training so that the neurons and their thresholds differ
        DiehlCookComposed.Presenter sim = net.newPresenter();
        SplittableRandom r = new SplittableRandom(1);
        for (int d = 0; d < 20; d++) {
            sim.present(test.pixels(), d * 784, true, r);
        }
        float[] theta = sim.theta().clone();
        assertThat(theta).as("trained thresholds").isNotEqualTo(new float[10]);
        int[][] one = DiehlCook2015.evaluate(net, theta, test, 24, 99L, 1,
                new DiehlCook2015.Progress(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), "x", 24));
        int[][] three = DiehlCook2015.evaluate(net, theta, test, 24, 99L, 3,
                new DiehlCook2015.Progress(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), "x", 24));
        assertThat(three).isDeepEqualTo(one);
        long spikes = 0;
        for (int[] c : one) {
            for (int x : c) {
                spikes += x;
            }
        }
        assertThat(spikes).isGreaterThan(0);
    }

    @Test
    void badOptionsNameTheOptionAndTheValue() {
        assertThatThrownBy(() -> DiehlCook2015.Options.parse("--neurons", "x"))
                .hasMessageContaining("invalid value for option '--neurons': expected an integer >= 1, got 'x'");
        assertThatThrownBy(() -> DiehlCook2015.Options.parse("--neurons", "0"))
                .hasMessageContaining("invalid value for option '--neurons': expected an integer >= 1, got '0'");
        assertThatThrownBy(() -> DiehlCook2015.Options.parse("--bogus", "1"))
                .hasMessageContaining("unknown option").hasMessageContaining("'--bogus'");
        assertThatThrownBy(() -> DiehlCook2015.Options.parse("--epochs"))
                .hasMessageContaining("missing required parameter for option '--epochs'");
        assertThatThrownBy(() -> DiehlCook2015.Options.parse("--dt", "-0.5"))
                .hasMessageContaining("expected a number > 0, got '-0.5'");
    }
}
