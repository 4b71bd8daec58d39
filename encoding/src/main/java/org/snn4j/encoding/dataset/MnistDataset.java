package org.snn4j.encoding.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * MNIST (or any dataset in its IDX layout, e.g. the shipped {@code examples/data/mnist10k}): a training and
 * a test split.
 *
 * @param train the training split ({@code train-*} files)
 * @param test  the test split ({@code t10k-*} files)
 */
public record MnistDataset(Split train, Split test) {

    /** The standard file names, without the optional {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** Training labels. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** Test images. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** Test labels. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Checks both splits are present and have the same image size. */
    public MnistDataset {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IllegalArgumentException("train images are " + train.rows() + "x" + train.cols()
                    + " but test images are " + test.rows() + "x" + test.cols());
        }
    }

    /**
     * One split: {@code count} images of {@code rows x cols} unsigned bytes, back to back, and their labels.
     * The arrays are held without copying; treat them as read-only. Thread-safe for reading.
     *
     * @param count  number of samples
     * @param rows   image height
     * @param cols   image width
     * @param pixels {@code count * rows * cols} bytes, unsigned, row-major per image
     * @param labels {@code count} labels in 0..9
     */
    public record Split(int count, int rows, int cols, byte[] pixels, byte[] labels) {

        /** Checks the sizes and the labels. */
        public Split {
            Objects.requireNonNull(pixels, "pixels");
            Objects.requireNonNull(labels, "labels");
            if (count < 0 || rows < 1 || cols < 1) {
                throw new IllegalArgumentException("count must be >= 0 and rows, cols >= 1, got " + count + ", "
                        + rows + ", " + cols);
            }
            if ((long) count * rows * cols != pixels.length) {
                throw new IllegalArgumentException("pixels.length must be count * rows * cols = "
                        + ((long) count * rows * cols) + ", got " + pixels.length);
            }
            if (labels.length != count) {
                throw new IllegalArgumentException("labels.length must be " + count + ", got " + labels.length);
            }
            for (int i = 0; i < count; i++) {
                if ((labels[i] & 0xFF) > 9) {
                    throw new IllegalArgumentException("labels[" + i + "] must be in 0..9, got " + (labels[i] & 0xFF));
                }
            }
        }

        /** The label of sample {@code i}. */
        public int label(int i) {
            Objects.checkIndex(i, count);
            return labels[i];
        }

        /** Sample {@code i} as a {@code cols x rows} image with pixels 0..255. */
        public org.snn4j.encoding.FloatImage image(int i) {
            Objects.checkIndex(i, count);
            return org.snn4j.encoding.FloatImage.fromUnsignedBytes(cols, rows, pixels, i * rows * cols);
        }

        /** How many samples of each digit, index = digit. */
        public int[] classCounts() {
            int[] c = new int[10];
            for (int i = 0; i < count; i++) {
                c[labels[i]]++;
            }
            return c;
        }
    }

    /**
     * Loads the four standard files from {@code dir}; each may be named with or without {@code .gz}
     * (compression is detected from the content).
     *
     * @throws NoSuchFileException if a file is missing (names both candidates)
     * @throws IdxFormatException  if a file is malformed or image and label counts differ
     */
    public static MnistDataset load(Path dir) throws IOException {
        return load(dir, IdxReader.DEFAULT_MAX_DECOMPRESSED);
    }

    /**
     * As {@link #load(Path)} with another limit on the decompressed size of each gzip'd file (default
     * {@link IdxReader#DEFAULT_MAX_DECOMPRESSED}, 256 MiB).
     *
     * @param maxDecompressedBytes the largest decompressed size accepted per file, in bytes, {@code >= 1}
     */
    public static MnistDataset load(Path dir, long maxDecompressedBytes) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Split train = loadSplit(find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS), maxDecompressedBytes);
        Path testImages = find(dir, TEST_IMAGES);
        Split test = loadSplit(testImages, find(dir, TEST_LABELS), maxDecompressedBytes);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IdxFormatException(String.valueOf(testImages.getFileName()), "dims 1-2",
                    (long) test.rows() * test.cols(), train.rows() + "x" + train.cols()
                    + " images, as in the training file (got " + test.rows() + "x" + test.cols() + ")", 8);
        }
        return new MnistDataset(train, test);
    }

    /** Loads one split from an image file and a label file (raw or gzip). */
    public static Split loadSplit(Path imagesFile, Path labelsFile) throws IOException {
        return loadSplit(imagesFile, labelsFile, IdxReader.DEFAULT_MAX_DECOMPRESSED);
    }

    /**
     * Loads one split from an image file and a label file (raw or gzip), each decompressing to at most
     * {@code maxDecompressedBytes}.
     */
    public static Split loadSplit(Path imagesFile, Path labelsFile, long maxDecompressedBytes) throws IOException {
        Objects.requireNonNull(imagesFile, "imagesFile");
        Objects.requireNonNull(labelsFile, "labelsFile");
        IdxArray images = checkImages(IdxReader.read(imagesFile, 3, maxDecompressedBytes),
                String.valueOf(imagesFile.getFileName()));
        IdxArray labels = checkLabels(IdxReader.read(labelsFile, 1, maxDecompressedBytes),
                String.valueOf(labelsFile.getFileName()));
        if (images.dims()[0] != labels.dims()[0]) {
            throw new IdxFormatException(String.valueOf(labelsFile.getFileName()), "dim 0", labels.dims()[0],
                    images.dims()[0] + " labels, the image count of " + imagesFile.getFileName(), 4);
        }
        return new Split(images.dims()[0], images.dims()[1], images.dims()[2], images.data(), labels.data());
    }

    /** Reads an image file: type 0x08, 3 dims {@code N, rows, cols} with rows, cols &gt;= 1. */
    public static IdxArray readImages(Path file) throws IOException {
        return checkImages(IdxReader.read(file, 3), String.valueOf(file.getFileName()));
    }

    /** Parses image-file bytes; see {@link #readImages(Path)}. */
    public static IdxArray readImages(byte[] bytes, String source) throws IdxFormatException {
        return checkImages(IdxReader.read(bytes, source, 3), source);
    }

    /** Reads a label file: type 0x08, 1 dim, every label in 0..9. */
    public static IdxArray readLabels(Path file) throws IOException {
        return checkLabels(IdxReader.read(file, 1), String.valueOf(file.getFileName()));
    }

    /** Parses label-file bytes; see {@link #readLabels(Path)}. */
    public static IdxArray readLabels(byte[] bytes, String source) throws IdxFormatException {
        return checkLabels(IdxReader.read(bytes, source, 1), source);
    }

    private static IdxArray checkImages(IdxArray a, String source) throws IdxFormatException {
        for (int i = 1; i < 3; i++) {
            if (a.dims()[i] < 1) {
                throw new IdxFormatException(source, "dim " + i, a.dims()[i], "an image size >= 1", 4 + 4 * i);
            }
        }
        return a;
    }

    private static IdxArray checkLabels(IdxArray a, String source) throws IdxFormatException {
        byte[] d = a.data();
        for (int i = 0; i < d.length; i++) {
            int v = d[i] & 0xFF;
            if (v > 9) {
                throw new IdxFormatException(source, "label " + i, v, "0..9", 8 + i);
            }
        }
        return a;
    }

    private static Path find(Path dir, String base) throws NoSuchFileException {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(base);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new NoSuchFileException(gz.toString(), raw.toString(), "neither MNIST file exists");
    }
}
