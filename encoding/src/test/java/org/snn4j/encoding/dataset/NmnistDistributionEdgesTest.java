package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.NmnistBin;
import org.snn4j.encoding.aer.ReadOptions;
import org.snn4j.encoding.dataset.NmnistDataset.Binning;
import org.snn4j.encoding.dataset.NmnistDataset.Layout;
import org.snn4j.encoding.dataset.NmnistDataset.Sample;
import org.snn4j.encoding.dataset.NmnistDataset.Split;

/**
 * NmnistDataset's full-distribution layout and records past the first check (issue 17, pattern 3): names sorted
 * whatever order the folder lists them in, hidden files, a folder named like a recording, several faults in one
 * lenient load with their exact messages, the test split, and the checks of {@code Sample} and {@code Binning}.
 */
class NmnistDistributionEdgesTest {

    @TempDir
    Path tmp;

    private static byte[] recording(int n) {
        Events.Builder b = Events.builder(34, 34);
        for (int i = 0; i < n; i++) {
            b.add(7L * i, i, 33 - i, true);
        }
        return NmnistBin.toBytes(b.build());
    }

    /** {@code ROOT/split/0..9} with files named {@code names} in class {@code c} holding {@code c + 1} events. */
    private Path root(String split, String... names) throws IOException {
        Path root = tmp.resolve("N");
        for (int c = 0; c < 10; c++) {
            Path d = Files.createDirectories(root.resolve(split).resolve(Integer.toString(c)));
            for (String n : names) {
                Files.write(d.resolve(n), recording(c + 1));
            }
        }
        return root;
    }

    @Test
    void filesAreSortedByNameWithinEachClass() throws IOException {
        String[] names = {"b.bin", "10.bin", "a.bin", "9.bin", "1.bin", "Z.bin", "05.bin"};
        Path root = root("Test", names);
        NmnistDataset d = NmnistDataset.load(root, Split.TEST);
        assertThat(d.layout()).isEqualTo(Layout.DISTRIBUTION);
        assertThat(d.source()).isEqualTo(root.resolve("Test"));
        assertThat(d.size()).isEqualTo(70);
        String[] sorted = {"05.bin", "1.bin", "10.bin", "9.bin", "Z.bin", "a.bin", "b.bin"};
        for (int c = 0; c < 10; c++) {
            for (int k = 0; k < 7; k++) {
                int i = 7 * c + k;
                assertThat(d.label(i)).isEqualTo(c);
                assertThat(d.file(i)).isEqualTo(root.resolve("Test").resolve(Integer.toString(c)).resolve(sorted[k]));
            }
        }
        // several samples, out of order: each is its own class's recording
        for (int i : new int[] {69, 0, 35, 34, 69}) {
            Sample s = d.sample(i);
            assertThat(s.label()).isEqualTo(i / 7);
            assertThat(s.events().size()).isEqualTo(i / 7 + 1);
            assertThat(d.binned(i, new Binning(7, 100)).spikeCount()).isEqualTo(i / 7 + 1);
        }
        assertThat(d).hasToString("NmnistDataset[DISTRIBUTION " + root.resolve("Test") + ", 70 samples]");
        // the training split is not there
        assertThatThrownBy(() -> NmnistDataset.distribution(root, Split.TRAIN, ReadOptions.strict()))
                .hasMessageContaining("no N-MNIST Train folder");
    }

    @Test
    void strayEntriesAreNamedStrictAndCountedLenient() throws IOException {
        Path root = root("Train", "1.bin", "2.bin");
        Path three = root.resolve("Train/3");
        Files.writeString(three.resolve(".hidden.txt"), "ignored");
        Files.write(three.resolve(".0.bin"), recording(1));
        Files.createDirectories(three.resolve("x.bin"));
        DatasetFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetFormatException.class,
                () -> NmnistDataset.load(root, Split.TRAIN));
        assertThat(e).hasMessage(three + ": file: got 'x.bin', expected only N-MNIST recordings named *.bin");
        assertThat(e.file()).isEqualTo(three.toString());
        assertThat(e.line()).isZero();
        assertThat(e.field()).isEqualTo("file");
        // three faults in one lenient load: the folder named x.bin, a README, and a missing class 8
        Files.writeString(root.resolve("Train/5/README"), "r");
        Path eight = root.resolve("Train/8");
        Files.delete(eight.resolve("1.bin"));
        Files.delete(eight.resolve("2.bin"));
        Files.delete(eight);
        NmnistDataset d = NmnistDataset.distribution(root, Split.TRAIN, ReadOptions.lenient());
        assertThat(d.size()).isEqualTo(18);
        assertThat(d.skippedEntries()).isEqualTo(3);
        assertThat(d.problems()).containsExactly(
                three + ": file: got 'x.bin', expected only N-MNIST recordings named *.bin",
                root.resolve("Train/5") + ": file: got 'README', expected only N-MNIST recordings named *.bin",
                root.resolve("Train") + ": folder: got 'no folder 8', expected one folder per digit 0..9");
        assertThat(d.classCounts()).containsExactly(2, 2, 2, 2, 2, 2, 2, 2, 0, 2);
        assertThat(d.label(16)).isEqualTo(9);
        assertThat(d).hasToString("NmnistDataset[DISTRIBUTION " + root.resolve("Train") + ", 18 samples, 3 skipped]");
        assertThat(d.sample(17).events().size()).isEqualTo(10);
    }

    @Test
    void sampleAndBinningCheckTheirFields() throws IOException {
        Events e = Events.empty(34, 34);
        Path f = Path.of("x.bin");
        org.snn4j.encoding.aer.ReadReport clean = NmnistBin.read(new byte[0], ReadOptions.strict()).report();
        assertThat(new Sample(0, e, clean, f).label()).isZero();
        assertThat(new Sample(9, e, clean, f).label()).isEqualTo(9);
        assertThatThrownBy(() -> new Sample(10, e, clean, f)).hasMessage("label must be in 0..9, got 10");
        assertThatThrownBy(() -> new Sample(-1, e, clean, f)).hasMessage("label must be in 0..9, got -1");
        assertThat(new Binning(1, 1).stepUs()).isEqualTo(1);
        assertThatThrownBy(() -> new Binning(0, 5)).hasMessage("stepUs must be >= 1, got 0");
        assertThatThrownBy(() -> new Binning(5, 0)).hasMessage("steps must be >= 1, got 0");
        assertThat(Binning.slayer()).isEqualTo(new Binning(1000, 300));
        assertThat(Binning.over(1, 1000)).isEqualTo(new Binning(1, 1000));
        assertThat(Binning.over(7, 8)).isEqualTo(new Binning(875, 8));
        assertThat(Binning.over(1, 1)).isEqualTo(new Binning(1000, 1));
        assertThatThrownBy(() -> Binning.over(0, 1)).hasMessage("durationMs must be >= 1, got 0");
        assertThatThrownBy(() -> Binning.over(1, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Binning.over(1, 3)).hasMessage("steps must be >= 1 and divide 1 ms into whole"
                + " microseconds, got 3");
        assertThatThrownBy(() -> Binning.over(1, 2000)).hasMessageContaining("got 2000");
        assertThatThrownBy(() -> NmnistDataset.bin(Events.empty(34, 35), Binning.slayer()))
                .hasMessage("events must be from a 34x34 sensor, got 34x35");
        assertThatThrownBy(() -> NmnistDataset.bin(Events.empty(35, 34), Binning.slayer()))
                .hasMessage("events must be from a 34x34 sensor, got 35x34");
        assertThat(NmnistDataset.INPUTS).isEqualTo(2312);
        assertThat(NmnistDataset.SHAPE.size()).isEqualTo(2312);
    }
}
