package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Shape;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
// tag::imports-pictures[]
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.snn4j.EventSource;
import org.snn4j.monitor.SpikeRaster;
import org.snn4j.plot.ColorMap;
import org.snn4j.plot.Normalisation;
import org.snn4j.plot.Png;
import org.snn4j.plot.WeightGrid;
// end::imports-pictures[]

/** The snippets of docs/pictures.md. */
class PicturesGuideTest {

    @Test
    void rasterAndWeights(@TempDir Path out) throws IOException {
        Shape in = new Shape(1, 8, 8);
        DenseLayer layer = DenseLayer.builder("out", in, 16)
                .weights(WeightInit.uniform(0f, 10f, 3)).neurons(new Lif(LifParameters.defaults())).build();
        Network net = Network.builder(in, 1f).add(layer).build();
        Simulation sim = net.newSimulation(1);
        int[] steps = new int[640];
        int[] idx = new int[640];
        for (int k = 0; k < 640; k++) {
            steps[k] = k / 8;
            idx[k] = (k * 7) % 64;
        }
        // tag::pictures[]
        SpikeRaster raster = sim.recordSpikes("out");                   // record while simulating
        sim.present(EventSource.of(100, 64, steps, idx));
        BufferedImage spikes = org.snn4j.plot.SpikeRaster.of(raster.steps(), raster.neurons(), raster.count(),
                100, 16, 600, 200);                                     // 100 steps x 16 neurons, 600x200 px
        BufferedImage fields = WeightGrid.dense(layer.weights(), in, 16, Normalisation.PER_TILE, ColorMap.GRAY,
                8, 0);                                                  // one 8x8 tile per output neuron
        Path rasterPng = Png.write(spikes, out.resolve("raster.png"));
        Path fieldsPng = Png.write(fields, out.resolve("fields.png"));
        // end::pictures[]
        assertThat(raster.count()).isPositive();
        BufferedImage back = ImageIO.read(rasterPng.toFile());
        assertThat(back.getWidth()).isEqualTo(600);
        assertThat(back.getHeight()).isEqualTo(200);
        BufferedImage f = ImageIO.read(fieldsPng.toFile());
        int first = f.getRGB(0, 0);
        boolean varies = false;
        for (int y = 0; y < f.getHeight() && !varies; y++) {
            for (int x = 0; x < f.getWidth(); x++) {
                if (f.getRGB(x, y) != first) {
                    varies = true;
                    break;
                }
            }
        }
        assertThat(varies).as("weight picture is not blank").isTrue();
    }
}
