package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.encoding.FloatImage;

/**
 * MnistDataset and IdxArray past the IDX framing (issue 17, patterns 1 and 3): images that are not square, several
 * samples read back by index, labels at the edges 0, 9 and 10, a zero image width, splits whose image sizes differ,
 * and every check of the public records.
 */
class MnistDatasetChecksTest {

    @TempDir
    Path tmp;

    /** {@code n} images of {@code rows x cols}; pixel k of image i is {@code 7 i + 3 k + 1}. */
    private static byte[] images(int n, int rows, int cols) {
        byte[] payload = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rows * cols; k++) {
                payload[i * rows * cols + k] = (byte) (7 * i + 3 * k + 1);
            }
        }
        return IdxReferenceProperties.file(new int[] {n, rows, cols}, payload);
    }

    private static byte[] labels(int... v) {
        byte[] p = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            p[i] = (byte) v[i];
        }
        return IdxReferenceProperties.file(new int[] {v.length}, p);
    }

    private void write(String name, byte[] b) throws IOException {
        Files.write(tmp.resolve(name), b);
    }

    @Test
    void nonSquareImagesAreReadByIndexWithWidthColsAndHeightRows() throws IOException {
        write(MnistDataset.TRAIN_IMAGES, images(4, 2, 3));
        write(MnistDataset.TRAIN_LABELS + ".gz", IdxReaderTest.gzip(labels(9, 0, 5, 9)));
        write(MnistDataset.TEST_IMAGES + ".gz", IdxReaderTest.gzip(images(2, 2, 3)));
        write(MnistDataset.TEST_LABELS, labels(3, 8));
        MnistDataset d = MnistDataset.load(tmp);
        MnistDataset.Split train = d.train();
        assertThat(train.count()).isEqualTo(4);
        assertThat(train.rows()).isEqualTo(2);
        assertThat(train.cols()).isEqualTo(3);
        for (int i = 0; i < 4; i++) {
            FloatImage im = train.image(i);
            assertThat(im.width()).isEqualTo(3);
            assertThat(im.height()).isEqualTo(2);
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    assertThat(im.get(x, y)).as("image %d (%d, %d)", i, x, y)
                            .isEqualTo((7 * i + 3 * (y * 3 + x) + 1) & 0xFF);
                }
            }
        }
        assertThat(new int[] {train.label(0), train.label(1), train.label(2), train.label(3)})
                .containsExactly(9, 0, 5, 9);
        assertThat(train.classCounts()).containsExactly(1, 0, 0, 0, 0, 1, 0, 0, 0, 2);
        assertThat(d.test().label(1)).isEqualTo(8);
        assertThat(d.test().image(1).data()[5]).isEqualTo(7 + 15 + 1);
        assertThatThrownBy(() -> train.image(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> train.label(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        // the same files through the single-split and single-file entry points
        MnistDataset.Split t = MnistDataset.loadSplit(tmp.resolve(MnistDataset.TEST_IMAGES + ".gz"),
                tmp.resolve(MnistDataset.TEST_LABELS));
        assertThat(t.pixels()).isEqualTo(d.test().pixels());
        assertThat(MnistDataset.readImages(tmp.resolve(MnistDataset.TRAIN_IMAGES)).dims()).containsExactly(4, 2, 3);
        assertThat(MnistDataset.readLabels(tmp.resolve(MnistDataset.TRAIN_LABELS + ".gz")).data())
                .containsExactly(9, 0, 5, 9);
        assertThat(IdxReader.read(new ByteArrayInputStream(images(1, 2, 3)), "s", 3).dims()).containsExactly(1, 2, 3);
    }

    @Test
    void splitsWithDifferentImageSizesAreNamedAtTheTestFile() throws IOException {
        write(MnistDataset.TRAIN_IMAGES, images(2, 2, 3));
        write(MnistDataset.TRAIN_LABELS, labels(1, 2));
        write(MnistDataset.TEST_IMAGES, images(1, 3, 2));
        write(MnistDataset.TEST_LABELS, labels(4));
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> MnistDataset.load(tmp));
        assertThat(e.source()).isEqualTo(MnistDataset.TEST_IMAGES);
        assertThat(e.field()).isEqualTo("dims 1-2");
        assertThat(e.value()).isEqualTo(6);
        assertThat(e.offset()).isEqualTo(8);
        assertThat(e.expected()).isEqualTo("2x3 images, as in the training file (got 3x2)");
        // the same width with another height
        write(MnistDataset.TEST_IMAGES, images(1, 4, 3));
        e = catchThrowableOfType(IdxFormatException.class, () -> MnistDataset.load(tmp));
        assertThat(e.expected()).isEqualTo("2x3 images, as in the training file (got 4x3)");
        // the same height with another width
        write(MnistDataset.TEST_IMAGES, images(1, 2, 4));
        e = catchThrowableOfType(IdxFormatException.class, () -> MnistDataset.load(tmp));
        assertThat(e.expected()).isEqualTo("2x3 images, as in the training file (got 2x4)");
        // and the record itself
        MnistDataset.Split a = new MnistDataset.Split(0, 2, 3, new byte[0], new byte[0]);
        assertThatThrownBy(() -> new MnistDataset(a, new MnistDataset.Split(0, 2, 4, new byte[0], new byte[0])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train images are 2x3 but test images are 2x4");
        assertThatThrownBy(() -> new MnistDataset(a, new MnistDataset.Split(0, 1, 3, new byte[0], new byte[0])))
                .hasMessage("train images are 2x3 but test images are 1x3");
        assertThat(new MnistDataset(a, new MnistDataset.Split(0, 2, 3, new byte[0], new byte[0])).test().cols())
                .isEqualTo(3);
    }

    @Test
    void imageSizesOfZeroAreNamedAtTheirOffset() throws IOException {
        byte[] noCols = IdxReferenceProperties.file(new int[] {3, 2, 0}, new byte[0]);
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class,
                () -> MnistDataset.readImages(noCols, "z"));
        assertThat(e.field()).isEqualTo("dim 2");
        assertThat(e.value()).isZero();
        assertThat(e.offset()).isEqualTo(12);
        assertThat(e.expected()).isEqualTo("an image size >= 1");
        // no images at all is a valid file (count 0, sizes >= 1)
        assertThat(MnistDataset.readImages(IdxReferenceProperties.file(new int[] {0, 5, 4}, new byte[0]), "e").dims())
                .containsExactly(0, 5, 4);
        assertThat(MnistDataset.readImages(IdxReferenceProperties.file(new int[] {1, 1, 1}, new byte[] {9}), "o")
                .data()).containsExactly(9);
    }

    @Test
    void labelsZeroToNineAreReadAndTenIsNamedWithItsIndex() throws IOException {
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(MnistDataset.readLabels(labels(all), "l").data()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int bad : new int[] {10, 128, 255}) {
            IdxFormatException e = catchThrowableOfType(IdxFormatException.class,
                    () -> MnistDataset.readLabels(labels(3, 9, 0, 1, bad, 2), "l"));
            assertThat(e.field()).isEqualTo("label 4");
            assertThat(e.value()).isEqualTo(bad);
            assertThat(e.offset()).isEqualTo(12);
            assertThat(e.expected()).isEqualTo("0..9");
        }
    }

    @Test
    void theSplitRecordChecksEverySize() {
        byte[] px = new byte[12];
        MnistDataset.Split s = new MnistDataset.Split(2, 2, 3, px, new byte[] {9, 0});
        assertThat(s.label(0)).isEqualTo(9);
        assertThatThrownBy(() -> new MnistDataset.Split(-1, 2, 3, px, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1, 2, 3");
        assertThatThrownBy(() -> new MnistDataset.Split(2, 0, 3, px, new byte[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2, 0, 3");
        assertThatThrownBy(() -> new MnistDataset.Split(2, 2, 0, px, new byte[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2, 2, 0");
        assertThatThrownBy(() -> new MnistDataset.Split(2, 2, 3, new byte[11], new byte[2]))
                .hasMessage("pixels.length must be count * rows * cols = 12, got 11");
        assertThatThrownBy(() -> new MnistDataset.Split(2, 2, 3, new byte[13], new byte[2]))
                .hasMessage("pixels.length must be count * rows * cols = 12, got 13");
        assertThatThrownBy(() -> new MnistDataset.Split(2, 2, 3, px, new byte[3]))
                .hasMessage("labels.length must be 2, got 3");
        assertThatThrownBy(() -> new MnistDataset.Split(2, 2, 3, px, new byte[] {1, 10}))
                .hasMessage("labels[1] must be in 0..9, got 10");
        assertThatThrownBy(() -> new MnistDataset.Split(2, 2, 3, px, new byte[] {(byte) 200, 1}))
                .hasMessage("labels[0] must be in 0..9, got 200");
        // 1 x 1 images and a count of 0 are valid
        assertThat(new MnistDataset.Split(1, 1, 1, new byte[1], new byte[1]).count()).isEqualTo(1);
        assertThat(new MnistDataset.Split(0, 1, 1, new byte[0], new byte[0]).classCounts()).containsOnly(0);
    }

    @Test
    void idxArrayChecksItsSizes() {
        assertThat(new IdxArray(new int[] {2, 3}, new byte[6])).hasToString("IdxArray[2, 3]");
        assertThat(new IdxArray(new int[0], new byte[1]).data()).hasSize(1);
        assertThatThrownBy(() -> new IdxArray(new int[] {2, -3}, new byte[6]))
                .hasMessage("dims[1] must be >= 0, got -3");
        assertThatThrownBy(() -> new IdxArray(new int[] {2, 3}, new byte[5]))
                .hasMessage("data.length must be 6 for dims [2, 3], got 5");
        assertThat(new IdxArray(new int[] {4, 0}, new byte[0]).dims()).containsExactly(4, 0);
    }

    @Test
    void missingFilesNameBothCandidatesAndAGzFileWinsOverARawOne() throws IOException {
        write(MnistDataset.TRAIN_IMAGES, images(1, 1, 1));
        write(MnistDataset.TRAIN_IMAGES + ".gz", IdxReaderTest.gzip(images(2, 1, 1)));
        write(MnistDataset.TRAIN_LABELS, labels(1, 2));
        write(MnistDataset.TEST_IMAGES, images(1, 1, 1));
        NoSuchFileException e = catchThrowableOfType(NoSuchFileException.class, () -> MnistDataset.load(tmp));
        assertThat(e.getFile()).isEqualTo(tmp.resolve(MnistDataset.TEST_LABELS + ".gz").toString());
        assertThat(e.getOtherFile()).isEqualTo(tmp.resolve(MnistDataset.TEST_LABELS).toString());
        write(MnistDataset.TEST_LABELS, labels(7));
        assertThat(MnistDataset.load(tmp).train().count()).isEqualTo(2);
        // a folder with the file's name is not the file
        Files.delete(tmp.resolve(MnistDataset.TEST_LABELS));
        Files.createDirectory(tmp.resolve(MnistDataset.TEST_LABELS));
        assertThatThrownBy(() -> MnistDataset.load(tmp)).isInstanceOf(NoSuchFileException.class);
    }
}
