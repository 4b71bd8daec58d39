package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.encoding.aer.AerFormatException;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.NmnistBin;
import org.snn4j.encoding.aer.ReadOptions;
import org.snn4j.encoding.dataset.NmnistDataset.Binning;
import org.snn4j.encoding.dataset.NmnistDataset.Layout;
import org.snn4j.encoding.dataset.NmnistDataset.Split;

/** NmnistDataset on crafted folders: both layouts, strict and lenient faults, binning conventions. */
class NmnistDatasetTest {

    @TempDir
    Path tmp;

    /** A recording of {@code n} events at (x, y) = (i % 34, 3), 1 ms apart, alternating polarity. */
    private static byte[] recording(int n) {
        Events.Builder b = Events.builder(34, 34);
        for (int i = 0; i < n; i++) {
            b.add(1000L * i, i % 34, 3, i % 2 == 0);
        }
        return NmnistBin.toBytes(b.build());
    }

    private Path distribution(int perClass) throws IOException {
        Path root = tmp.resolve("NMNIST");
        for (String split : new String[] {"Train", "Test"}) {
            for (int c = 0; c < 10; c++) {
                Path d = Files.createDirectories(root.resolve(split).resolve(Integer.toString(c)));
                for (int k = 0; k < perClass; k++) {
                    Files.write(d.resolve(String.format("%05d.bin", 10 * k + c)), recording(c + 1));
                }
            }
        }
        return root;
    }

    private Path labelList(String list, int... samples) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("small"));
        Path files = Files.createDirectories(dir.resolve("files"));
        for (int s : samples) {
            Files.write(files.resolve(s + ".bs2"), recording(s % 7 + 1));
        }
        Files.writeString(dir.resolve("train_list.txt"), list, StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void readsTheDistributionLayoutInClassThenNameOrder() throws IOException {
        Path root = distribution(2);
        Files.writeString(root.resolve("Train/4/.DS_Store"), "ignored");
        NmnistDataset d = NmnistDataset.load(root, Split.TRAIN);
        assertThat(d.layout()).isEqualTo(Layout.DISTRIBUTION);
        assertThat(d.size()).isEqualTo(20);
        assertThat(d.classCounts()).containsOnly(2);
        assertThat(d.label(0)).isZero();
        assertThat(d.file(0).getFileName()).hasToString("00000.bin");
        assertThat(d.file(1).getFileName()).hasToString("00010.bin");
        assertThat(d.label(19)).isEqualTo(9);
        assertThat(d.sample(7).events().size()).isEqualTo(4); // class 3: 4 events
        assertThat(NmnistDataset.load(root, Split.TEST).size()).isEqualTo(20);
    }

    @Test
    void distributionFaultsAreNamedOrCountedWhenLenient() throws IOException {
        Path root = distribution(1);
        Files.writeString(root.resolve("Train/2/notes.txt"), "x");
        assertThatThrownBy(() -> NmnistDataset.load(root, Split.TRAIN))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("*.bin");
        Files.delete(root.resolve("Train/2/notes.txt"));
        Files.delete(root.resolve("Train/6/00006.bin"));
        Files.delete(root.resolve("Train/6"));
        DatasetFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetFormatException.class,
                () -> NmnistDataset.load(root, Split.TRAIN));
        assertThat(e.field()).isEqualTo("folder");
        assertThat(e.value()).isEqualTo("no folder 6");
        NmnistDataset lenient = NmnistDataset.load(root, Split.TRAIN, ReadOptions.lenient());
        assertThat(lenient.size()).isEqualTo(9);
        assertThat(lenient.skippedEntries()).isEqualTo(1);
        assertThat(lenient.problems()).singleElement().asString().contains("no folder 6");
        assertThat(lenient.classCounts()[6]).isZero();
    }

    @Test
    void readsALabelListWithHeaderCrlfAndBlankLines() throws IOException {
        Path dir = labelList("#sample #class\r\n12\t3\r\n\r\n5  7\r\n40\t0\r\n", 12, 5, 40);
        NmnistDataset d = NmnistDataset.load(dir, Split.TRAIN);
        assertThat(d.layout()).isEqualTo(Layout.LABEL_LIST);
        assertThat(d.size()).isEqualTo(3);
        assertThat(new int[] {d.label(0), d.label(1), d.label(2)}).containsExactly(3, 7, 0);
        assertThat(d.file(1).getFileName()).hasToString("5.bs2");
        assertThat(d.sample(0).events().size()).isEqualTo(12 % 7 + 1);
    }

    @Test
    void labelListFilesMayUseTheBinExtension() throws IOException {
        Path dir = labelList("9 1\n", 1);
        Files.write(dir.resolve("files/9.bin"), recording(3));
        NmnistDataset d = NmnistDataset.load(dir, Split.TRAIN);
        assertThat(d.file(0).getFileName()).hasToString("9.bin");
    }

    private DatasetFormatException badList(String list, int... samples) throws IOException {
        Path dir = labelList(list, samples);
        return org.junit.jupiter.api.Assertions.assertThrows(DatasetFormatException.class,
                () -> NmnistDataset.load(dir, Split.TRAIN));
    }

    @Test
    void badLabelListLinesNameFileLineAndValue() throws IOException {
        DatasetFormatException e = badList("#h\n1 2\n2 12\n", 1, 2);
        assertThat(e.file()).isEqualTo("train_list.txt");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).isEqualTo("class");
        assertThat(e.value()).isEqualTo("12");
        assertThat(e).hasMessage("train_list.txt line 3: class: got '12', expected a digit class 0..9");
        deleteSmall();

        e = badList("x1 2\n", 1);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.field()).isEqualTo("sample");
        assertThat(e.value()).isEqualTo("x1");
        deleteSmall();

        e = badList("1 2 3\n", 1);
        assertThat(e.field()).isEqualTo("line");
        assertThat(e.value()).isEqualTo("1 2 3");
        deleteSmall();

        e = badList("1 -2\n", 1);
        assertThat(e.field()).isEqualTo("class");
        assertThat(e.value()).isEqualTo("-2");
        deleteSmall();

        e = badList("1 2\n1 3\n", 1);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.expected()).contains("already on line 1");
        deleteSmall();

        e = badList("1 2\n77 3\n", 1);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.value()).isEqualTo("77");
        assertThat(e.getMessage()).contains("77.bs2").contains("77.bin");
        deleteSmall();

        e = badList("99999999999 3\n", 1);
        assertThat(e.field()).isEqualTo("sample");
    }

    private void deleteSmall() throws IOException {
        Path dir = tmp.resolve("small");
        try (var s = Files.walk(dir)) {
            Path[] all = s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toArray(Path[]::new);
            for (int i = 0; i < all.length; i++) {
                Files.delete(all[i]);
            }
        }
    }

    @Test
    void lenientLabelListSkipsAndCountsBadLines() throws IOException {
        Path dir = labelList("#h\n1 2\n2 12\nfoo\n3 4\n3 5\n8 1\n", 1, 3);
        NmnistDataset d = NmnistDataset.load(dir, Split.TRAIN, ReadOptions.lenient());
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.skippedEntries()).isEqualTo(4);
        assertThat(d.problems()).hasSize(4);
        assertThat(d.problems().get(0)).startsWith("train_list.txt line 3: class");
        assertThat(d.problems().get(3)).startsWith("train_list.txt line 7: sample: got '8'");
    }

    @Test
    void missingFoldersAndAmbiguousListsAreClearErrors() throws IOException {
        assertThatThrownBy(() -> NmnistDataset.load(tmp.resolve("nope"), Split.TRAIN))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> NmnistDataset.load(empty, Split.TEST))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("Test/0..9/*.bin").hasMessageContaining("test*.txt").hasMessageContaining("neither");
        Path dir = labelList("1 1\n", 1);
        Files.writeString(dir.resolve("train_other.txt"), "1 1\n");
        assertThatThrownBy(() -> NmnistDataset.load(dir, Split.TRAIN))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("[train_list.txt, train_other.txt]");
        assertThatThrownBy(() -> NmnistDataset.distribution(tmp, Split.TRAIN, ReadOptions.strict()))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("Train");
    }

    @Test
    void aDamagedRecordingFailsStrictAndIsReportedLenient() throws IOException {
        Path dir = labelList("1 1\n", 1);
        byte[] good = recording(3);
        Files.write(dir.resolve("files/1.bs2"), Arrays.copyOf(good, good.length + 2));
        assertThatThrownBy(() -> NmnistDataset.load(dir, Split.TRAIN).sample(0))
                .isInstanceOf(AerFormatException.class).hasMessageContaining("byte offset 15");
        NmnistDataset.Sample s = NmnistDataset.load(dir, Split.TRAIN, ReadOptions.lenient()).sample(0);
        assertThat(s.events().size()).isEqualTo(3);
        assertThat(s.report().droppedBytes()).isEqualTo(2);
    }

    @Test
    void binningUsesTheDocumentedIndexAndWindow() {
        Events e = Events.of(34, 34,
                new long[] {0, 400, 999, 1000, 5000, 299_999, 300_000},
                new int[] {1, 1, 2, 33, 0, 5, 6},
                new int[] {0, 0, 0, 33, 1, 2, 3},
                new boolean[] {true, true, false, false, true, false, true});
        BinnedEvents b = NmnistDataset.bin(e, Binning.slayer());
        assertThat(b.steps()).isEqualTo(300);
        assertThat(b.shape()).isEqualTo(NmnistDataset.SHAPE);
        // step 0: ON (1,0) twice -> once at 1156 + 1; OFF (2,0) at 2
        assertThat(b.inputs(0)).containsExactly(2, 1156 + 1);
        assertThat(b.inputs(1)).containsExactly(33 * 34 + 33);
        assertThat(b.inputs(5)).containsExactly(1156 + 34);
        assertThat(b.inputs(299)).containsExactly(2 * 34 + 5);
        assertThat(b.spikeCount()).isEqualTo(5); // the event at 300 ms is after the window
        float[] dense = b.toDense();
        assertThat(dense).hasSize(300 * 2312);
        double sum = 0;
        for (int i = 0; i < dense.length; i++) {
            sum += dense[i];
        }
        assertThat(sum).isEqualTo(5.0);
        assertThat(dense[1156 + 1]).isEqualTo(1f);
        assertThat(dense[299 * 2312 + 2 * 34 + 5]).isEqualTo(1f);
        assertThat(b.countsPerInput()[1157]).isEqualTo(1);
        int[] offsets = b.offsets();
        int[] inputs = b.inputs();
        assertThat(offsets).hasSize(301).startsWith(0, 2, 3, 3, 3, 3, 4);
        assertThat(offsets[300]).isEqualTo(5);
        assertThat(inputs).containsExactly(2, 1156 + 1, 33 * 34 + 33, 1156 + 34, 2 * 34 + 5);
        inputs[0] = 99; // a copy
        assertThat(b.input(0)).isEqualTo(2);
        assertThat(BinnedEvents.of(b.shape(), offsets, b.inputs()).toDense()).isEqualTo(dense);
        assertThatThrownBy(() -> BinnedEvents.of(b.shape(), new int[] {0, 2}, new int[] {5, 5}))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> BinnedEvents.of(b.shape(), new int[] {0, 1}, new int[] {2312}))
                .hasMessageContaining("inputs[0] must be in [0, 2312), got 2312");

        BinnedEvents coarse = NmnistDataset.bin(e, Binning.over(300, 3));
        assertThat(coarse.inputs(0)).containsExactly(2, 33 * 34 + 33, 1156 + 1, 1156 + 34);
        assertThatThrownBy(() -> Binning.over(300, 7)).hasMessageContaining("divide 300 ms");
        assertThatThrownBy(() -> NmnistDataset.bin(Events.empty(28, 28), Binning.slayer()))
                .hasMessageContaining("34x34");
    }
}
