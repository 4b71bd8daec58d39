package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.NmnistBin;
import org.snn4j.encoding.aer.ReadOptions;
import org.snn4j.encoding.dataset.NmnistDataset.Split;

/**
 * NmnistDataset's label lists at the edges of each rule (issue 17, patterns 1 and 3): the first and last digit class
 * and the first one past it, sample numbers of 10 digits on both sides of 2^31 - 1, characters next to '0' and '9',
 * leading zeros that repeat a sample, values abbreviated at exactly 40 characters, the cap of 20 kept problems,
 * {@code .bs2} chosen over {@code .bin}, and where the recordings are looked for.
 */
class NmnistLabelListEdgesTest {

    @TempDir
    Path tmp;

    private static byte[] recording(int n) {
        Events.Builder b = Events.builder(34, 34);
        for (int i = 0; i < n; i++) {
            b.add(100L * i, (3 * i) % 34, (5 * i) % 34, i % 3 == 0);
        }
        return NmnistBin.toBytes(b.build());
    }

    /** A folder with the list {@code name} and recordings {@code files/SAMPLE.bs2} of {@code SAMPLE % 5 + 1} events. */
    private Path folder(String name, String list, long... samples) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d" + System.nanoTime()));
        Path files = Files.createDirectories(dir.resolve("files"));
        for (long s : samples) {
            Files.write(files.resolve(s + ".bs2"), recording((int) (s % 5) + 1));
        }
        Files.writeString(dir.resolve(name), list, StandardCharsets.UTF_8);
        return dir;
    }

    private DatasetFormatException strictError(String list, long... samples) throws IOException {
        Path dir = folder("train.txt", list, samples);
        return org.junit.jupiter.api.Assertions.assertThrows(DatasetFormatException.class,
                () -> NmnistDataset.load(dir, Split.TRAIN));
    }

    @Test
    void classesZeroAndNineAreDigitsAndTenIsNot() throws IOException {
        NmnistDataset d = NmnistDataset.load(folder("train.txt", "0 9\n1 0\n 2\t 9 \n", 0, 1, 2), Split.TRAIN);
        assertThat(d.size()).isEqualTo(3);
        assertThat(new int[] {d.label(0), d.label(1), d.label(2)}).containsExactly(9, 0, 9);
        assertThat(d.classCounts()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 2);
        DatasetFormatException e = strictError("0 10\n", 0);
        assertThat(e).hasMessage("train.txt line 1: class: got '10', expected a digit class 0..9");
        assertThat(e.expected()).isEqualTo("a digit class 0..9");
        // ':' and '/' are the characters next to '9' and '0'
        assertThat(strictError("0 :\n", 0).value()).isEqualTo(":");
        assertThat(strictError("0 /\n", 0).value()).isEqualTo("/");
        // as digits, ':' would be 10 and "1:" 20: the recordings 10.bs2 and 20.bs2 exist, the samples are still refused
        DatasetFormatException colon = strictError("1: 1\n", 10, 20);
        assertThat(colon.field()).isEqualTo("sample");
        assertThat(colon.expected()).isEqualTo("a sample number >= 0");
        assertThat(strictError(": 1\n", 10, 20).expected()).isEqualTo("a sample number >= 0");
        assertThat(strictError("0/1 1\n", 0).expected()).isEqualTo("a sample number >= 0");
        assertThat(strictError("1 1\n0 x\n", 0, 1).line()).isEqualTo(2);
    }

    @Test
    void sampleNumbersUpTo2To31Minus1AreAcceptedAndTheirValueIsParsedDigitByDigit() throws IOException {
        long big = Integer.MAX_VALUE;
        NmnistDataset d = NmnistDataset.load(folder("train.txt", big + " 4\n0 1\n1234567 2\n", big, 0, 1234567),
                Split.TRAIN);
        assertThat(d.file(0).getFileName()).hasToString("2147483647.bs2");
        assertThat(d.file(2).getFileName()).hasToString("1234567.bs2");
        assertThat(d.sample(0).events().size()).isEqualTo((int) (big % 5) + 1);
        DatasetFormatException e = strictError("2147483648 4\n", 0);
        assertThat(e.field()).isEqualTo("sample");
        assertThat(e.value()).isEqualTo("2147483648");
        assertThat(e.expected()).isEqualTo("a sample number >= 0");
        // 11 digits are refused before parsing (a number that would not fit in a long is never built)
        assertThat(strictError("00000000001 4\n", 1).value()).isEqualTo("00000000001");
        // leading zeros name the same sample: listed twice
        e = strictError("7 1\n0000000007 2\n", 7);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.value()).isEqualTo("0000000007");
        assertThat(e.expected()).isEqualTo("each sample listed once (already on line 1)");
        NmnistDataset z = NmnistDataset.load(folder("train.txt", "0000000007 2\n", 7), Split.TRAIN);
        assertThat(z.file(0).getFileName()).hasToString("7.bs2");
    }

    @Test
    void longValuesAreCutAtFortyCharacters() throws IOException {
        String forty = "1 2 " + "3".repeat(36);
        assertThat(forty).hasSize(40);
        assertThat(strictError(forty + "\n", 1).value()).isEqualTo(forty);
        String fortyOne = forty + "4";
        assertThat(strictError(fortyOne + "\n", 1).value()).isEqualTo(forty + "...");
        String sample = "x".repeat(41);
        // the sample is too long (over 10 characters) and abbreviated the same way
        assertThat(strictError(sample + " 1\n", 1).value()).isEqualTo("x".repeat(40) + "...");
        assertThat(strictError("x".repeat(10) + " 1\n", 1).value()).isEqualTo("x".repeat(10));
    }

    @Test
    void lenientModeCountsEverySkippedLineButKeepsTwentyMessages() throws IOException {
        StringBuilder list = new StringBuilder("# header\n");
        for (int k = 0; k < 25; k++) {
            list.append("5 ").append(10 + k).append('\n'); // 25 bad classes on lines 2..26
        }
        list.append("5 5\n");
        NmnistDataset d = NmnistDataset.load(folder("train.txt", list.toString(), 5), Split.TRAIN,
                ReadOptions.lenient());
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.label(0)).isEqualTo(5);
        assertThat(d.skippedEntries()).isEqualTo(25);
        assertThat(d.problems()).hasSize(20);
        assertThat(d.problems().get(0)).isEqualTo("train.txt line 2: class: got '10', expected a digit class 0..9");
        assertThat(d.problems().get(19)).isEqualTo("train.txt line 21: class: got '29', expected a digit class 0..9");
        assertThat(d).hasToString("NmnistDataset[LABEL_LIST " + d.source() + ", 1 samples, 25 skipped]");
        assertThat(d.options().mode()).isEqualTo(ReadOptions.lenient().mode());
        assertThat(d.source().getFileName()).hasToString("train.txt");
        NmnistDataset strict = NmnistDataset.load(folder("train.txt", "5 5\n", 5), Split.TRAIN);
        assertThat(strict).hasToString("NmnistDataset[LABEL_LIST " + strict.source() + ", 1 samples]");
        assertThat(strict.skippedEntries()).isZero();
        assertThat(strict.problems()).isEmpty();
    }

    @Test
    void bs2IsChosenOverBinAndRecordingsMayLieBesideTheList() throws IOException {
        Path dir = folder("test_100.txt", "3 3\n4 4\n", 3);
        Files.write(dir.resolve("files/3.bin"), recording(9));
        Files.write(dir.resolve("files/4.bin"), recording(2));
        NmnistDataset d = NmnistDataset.load(dir, Split.TEST);
        assertThat(d.file(0).getFileName()).hasToString("3.bs2");
        assertThat(d.file(1).getFileName()).hasToString("4.bin");
        assertThat(d.sample(1).events().size()).isEqualTo(2);
        // no files/ folder: the recordings are next to the list
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        Files.writeString(flat.resolve("train_x.txt"), "8 1\n");
        Files.write(flat.resolve("8.bin"), recording(4));
        // a folder whose name matches the list pattern is not a list
        Files.createDirectories(flat.resolve("train_folder.txt"));
        NmnistDataset f = NmnistDataset.load(flat, Split.TRAIN);
        assertThat(f.file(0)).isEqualTo(flat.resolve("8.bin"));
        assertThat(f.sample(0).events().size()).isEqualTo(4);
        // a folder named like a recording is not a recording
        Files.createDirectories(flat.resolve("9.bs2"));
        Files.writeString(flat.resolve("train_x.txt"), "9 1\n");
        DatasetFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetFormatException.class,
                () -> NmnistDataset.load(flat, Split.TRAIN));
        assertThat(e.expected()).isEqualTo("a recording " + flat.resolve("9.bs2") + " or " + flat.resolve("9.bin"));
    }

    @Test
    void labelListChecksItsArguments() throws IOException {
        Path dir = folder("train.txt", "1 1\n", 1);
        assertThatThrownBy(() -> NmnistDataset.labelList(dir.resolve("none.txt"), dir, ReadOptions.strict()))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("no such label list");
        assertThatThrownBy(() -> NmnistDataset.labelList(dir.resolve("train.txt"), dir.resolve("none"),
                ReadOptions.strict())).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no such folder of recordings");
        assertThatThrownBy(() -> NmnistDataset.labelList(dir, dir, ReadOptions.strict()))
                .isInstanceOf(NoSuchFileException.class);
        // a plain file is not a data set folder
        assertThatThrownBy(() -> NmnistDataset.load(dir.resolve("train.txt"), Split.TRAIN))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("no such N-MNIST folder");
        NmnistDataset d = NmnistDataset.labelList(dir.resolve("train.txt"), dir.resolve("files"), ReadOptions.strict());
        assertThat(d.layout()).isEqualTo(NmnistDataset.Layout.LABEL_LIST);
        assertThat(d.file(0)).isEqualTo(dir.resolve("files/1.bs2"));
        assertThatThrownBy(() -> d.file(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> d.label(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> d.sample(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
