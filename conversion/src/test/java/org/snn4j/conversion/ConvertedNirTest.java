package org.snn4j.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.EventSource;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.gradient.Samples;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.network.Network;
import org.snn4j.nir.NirExport;
import org.snn4j.nir.NirFile;
import org.snn4j.nir.NirGraph;
import org.snn4j.nir.NirImport;
import org.snn4j.nir.NirNode;
import org.snn4j.nir.NirOptions;
import org.snn4j.nir.NirType;

/**
 * A converted network written to NIR and read back: IF nodes with reset by subtraction in their metadata, the bias
 * in Affine / Conv2d, the read-out as an I integrator; the imported network gives the same spikes at every layer and
 * step and the same read-out.
 */
class ConvertedNirTest {
    @TempDir
    Path dir;

    @Test
    void exportThenImportGivesIdenticalSpikes() throws Exception {
        SpikingNetwork ann = BatchNormFoldTest.withBatchNorm();
        Samples data = AnnToSnnTest.randomImages(ann.inputShape(), 10, 6);
        ConvertedNetwork c = AnnToSnn.convert(ann, data, ConversionOptions.percentile(99, 10));
        Network net = c.network();
        NirOptions o = NirOptions.ofDtMs(1f);
        NirGraph g = NirExport.toGraph(net, o);
        assertThat(g.node("c1").type()).isEqualTo(NirType.CONV2D);
        assertThat(g.node("c1_neurons").type()).isEqualTo(NirType.IF);
        assertThat(g.node("c1_neurons").strings()).containsEntry(NirNode.RESET_METHOD, "subtract");
        assertThat(g.node("p1").type()).as("pooling as a fixed-weight convolution").isEqualTo(NirType.CONV2D);
        assertThat(g.node("d1").type()).as("the folded batch norm gives a bias").isEqualTo(NirType.AFFINE);
        assertThat(g.node("d2_neurons").type()).as("the read-out").isEqualTo(NirType.INTEGRATOR);
        Path f = dir.resolve("converted.nir");
        NirFile.write(g, f);
        Network back = NirImport.toNetwork(NirFile.read(f), o);
        assertThat(back.layerCount()).isEqualTo(net.layerCount());
        PoissonEncoder enc = new PoissonEncoder(500f, 150f, 1f, 1f);
        long spikes = 0;
        for (int i = 0; i < 4; i++) {
            EventSource in = enc.encode(AnnToSnnTest.image(data, ann.inputShape(), i), new java.util.SplittableRandom(i));
            List<List<int[]>> a = EventDrivenConversionTest.run(net, in);
            List<List<int[]>> b = EventDrivenConversionTest.run(back, in);
            assertThat(b).hasSameSizeAs(a);
            for (int l = 0; l < a.size(); l++) {
                for (int t = 0; t < a.get(l).size(); t++) {
                    assertThat(b.get(l).get(t)).as("sample %d layer %d record %d", i, l, t)
                            .containsExactly(a.get(l).get(t));
                    spikes += a.get(l).get(t).length - 1;
                }
            }
        }
        assertThat(spikes).isGreaterThan(500);
    }
}
