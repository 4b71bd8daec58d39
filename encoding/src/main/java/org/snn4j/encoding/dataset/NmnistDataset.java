package org.snn4j.encoding.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snn4j.Shape;
import org.snn4j.encoding.aer.AerRecording;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.encoding.aer.EventBinning;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.NmnistBin;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.encoding.aer.ReadMode;
import org.snn4j.encoding.aer.ReadOptions;
import org.snn4j.encoding.aer.ReadReport;

/**
 * One split (training or test) of N-MNIST (Orchard, Jayawant, Cohen, Thakor 2015, "Converting static image datasets
 * to spiking neuromorphic datasets using saccades", Front. Neurosci. 9:437, doi:10.3389/fnins.2015.00437): an index
 * of recordings and their digit labels; each recording is read from disk only when asked for, so memory does not
 * grow with the size of the data set.
 *
 * <p><b>Layouts.</b>
 * <ul>
 *   <li>{@link Layout#DISTRIBUTION}, as the full data set is distributed: {@code ROOT/Train/0..9/*.bin} and
 *       {@code ROOT/Test/0..9/*.bin}, the folder name being the label. Samples are ordered by class, then by file
 *       name.</li>
 *   <li>{@link Layout#LABEL_LIST}, as the shipped {@code examples/data/nmnist-small}: a text list of
 *       {@code sample class} lines (whitespace-separated integers; lines starting with {@code #} and blank lines
 *       are skipped; LF or CRLF) and one recording per sample named {@code SAMPLE.bs2} or {@code SAMPLE.bin} in a
 *       folder. Samples keep the list's order.</li>
 * </ul>
 * {@link #load(Path, Split)} recognises either layout in a folder.
 *
 * <p><b>Strict and lenient.</b> In {@link ReadMode#STRICT} (the default) a bad list line, a duplicate sample, a
 * missing class folder, a stray file in a class folder or a missing recording throws a
 * {@link DatasetFormatException} naming the file, the line, the value and what was expected; and each recording is
 * read strictly by {@link NmnistBin}. In {@link ReadMode#LENIENT} those entries are skipped and counted
 * ({@link #skippedEntries()}, {@link #problems()}), and recordings are read leniently (their faults in
 * {@link Sample#report()}).
 *
 * <p><b>Inputs for a trainer.</b> {@link #binned(int, Binning)} turns a recording into binary spikes per time step
 * (reusing {@link EventBinning#binned}): {@link #INPUTS} = 2,312 inputs on the shape {@code 2 x 34 x 34}, input
 * index {@code (p * 34 + y) * 34 + x} with channel {@code p = 0} for OFF and {@code p = 1} for ON events (the
 * polarity bit of the file; {@code x} the column, {@code y} the row, both 0..33), the layout of slayerPytorch's
 * {@code (2, 34, 34, T)} spike tensors flattened. Step {@code k} covers {@code [k * stepUs, (k + 1) * stepUs)}
 * microseconds from the recording's own time origin (0), so the same step always means the same time of the
 * saccades; events after the last step are left out.
 *
 * <p>Immutable after loading; {@link #sample} and {@link #binned} may be called from several threads.
 */
public final class NmnistDataset {
    /** Sensor width and height in pixels. */
    public static final int SENSOR = NmnistBin.NMNIST_SIZE;
    /** The input shape: 2 polarity channels (0 = OFF, 1 = ON) x 34 rows x 34 columns. */
    public static final Shape SHAPE = new Shape(2, SENSOR, SENSOR);
    /** Number of inputs, 2 x 34 x 34 = 2,312. */
    public static final int INPUTS = 2 * SENSOR * SENSOR;
    /** Number of classes (digits 0-9). */
    public static final int CLASSES = 10;

    private static final int MAX_PROBLEMS = 20;

    /** Which split to load. */
    public enum Split {
        /** The training split: folder {@code Train}, label list {@code train*.txt}. */
        TRAIN("Train", "train"),
        /** The test split: folder {@code Test}, label list {@code test*.txt}. */
        TEST("Test", "test");

        private final String folder;
        private final String listPrefix;

        Split(String folder, String listPrefix) {
            this.folder = folder;
            this.listPrefix = listPrefix;
        }

        /** The folder of the full distribution, {@code Train} or {@code Test}. */
        public String folder() {
            return folder;
        }

        /** The start of the label list's file name, {@code train} or {@code test}. */
        public String listPrefix() {
            return listPrefix;
        }
    }

    /** How the recordings and labels are laid out on disk (see the class comment). */
    public enum Layout {
        /** {@code Train/0..9/*.bin}, {@code Test/0..9/*.bin}. */
        DISTRIBUTION,
        /** A {@code sample class} list and {@code SAMPLE.bs2} / {@code SAMPLE.bin} files. */
        LABEL_LIST
    }

    /**
     * One recording with its label.
     *
     * @param label  the digit, 0..9
     * @param events the events, on a 34 x 34 sensor, timestamps in microseconds from the recording's start
     * @param report what the reader saw (faults are counted only in lenient mode)
     * @param file   the recording's file
     */
    public record Sample(int label, Events events, ReadReport report, Path file) {
        /** Checks the fields. */
        public Sample {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(file, "file");
            if (label < 0 || label >= CLASSES) {
                throw new IllegalArgumentException("label must be in 0..9, got " + label);
            }
        }
    }

    /**
     * How a recording becomes time steps: {@code steps} steps of {@code stepUs} microseconds from time 0.
     *
     * @param stepUs step length in microseconds, &gt;= 1
     * @param steps  number of steps, &gt;= 1
     */
    public record Binning(long stepUs, int steps) {
        /** Checks both fields. */
        public Binning {
            if (stepUs < 1) {
                throw new IllegalArgumentException("stepUs must be >= 1, got " + stepUs);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
        }

        /** slayerPytorch's N-MNIST set-up: 1 ms steps over 300 ms. */
        public static Binning slayer() {
            return new Binning(1000, 300);
        }

        /** {@code steps} equal steps over the first {@code durationMs} milliseconds. */
        public static Binning over(int durationMs, int steps) {
            if (durationMs < 1) {
                throw new IllegalArgumentException("durationMs must be >= 1, got " + durationMs);
            }
            if (steps < 1 || (durationMs * 1000L) % steps != 0) {
                throw new IllegalArgumentException("steps must be >= 1 and divide " + durationMs
                        + " ms into whole microseconds, got " + steps);
            }
            return new Binning(durationMs * 1000L / steps, steps);
        }
    }

    private final Layout layout;
    private final Path source;
    private final ReadOptions options;
    private final Path[] files;
    private final byte[] labels;
    private final int skipped;
    private final List<String> problems;

    private NmnistDataset(Layout layout, Path source, ReadOptions options, List<Path> files, List<Integer> labels,
            int skipped, List<String> problems) {
        this.layout = layout;
        this.source = source;
        this.options = options;
        this.files = files.toArray(new Path[0]);
        this.labels = new byte[this.files.length];
        for (int i = 0; i < this.labels.length; i++) {
            this.labels[i] = (byte) (int) labels.get(i);
        }
        this.skipped = skipped;
        this.problems = List.copyOf(problems);
    }

    /** {@link #load(Path, Split, ReadOptions)} in strict mode. */
    public static NmnistDataset load(Path dir, Split split) throws IOException {
        return load(dir, split, ReadOptions.strict());
    }

    /**
     * Loads one split from {@code dir}, recognising the layout: {@code dir/Train} or {@code dir/Test} a folder means
     * {@link Layout#DISTRIBUTION}; otherwise exactly one label list {@code dir/train*.txt} (or {@code test*.txt})
     * with the recordings in {@code dir/files/} (or in {@code dir} itself) means {@link Layout#LABEL_LIST}.
     *
     * @param dir   the data set's folder
     * @param split training or test split
     * @param opts  strict or lenient (see the class comment); the sensor size is always 34 x 34
     * @throws NoSuchFileException     if {@code dir} holds neither layout (the message says what was looked for)
     * @throws DatasetFormatException if the layout or a label list is faulty (strict mode)
     */
    public static NmnistDataset load(Path dir, Split split, ReadOptions opts) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(opts, "opts");
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such N-MNIST folder");
        }
        if (Files.isDirectory(dir.resolve(split.folder()))) {
            return distribution(dir, split, opts);
        }
        List<Path> lists = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, split.listPrefix() + "*.txt")) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    lists.add(p);
                }
            }
        }
        if (lists.size() != 1) {
            throw new NoSuchFileException(dir.toString(), null, "expected the full distribution (" + split.folder()
                    + "/0..9/*.bin) or exactly one label list " + split.listPrefix() + "*.txt, found "
                    + (lists.isEmpty() ? "neither" : lists.size() + " lists " + sortedNames(lists)));
        }
        Path filesDir = Files.isDirectory(dir.resolve("files")) ? dir.resolve("files") : dir;
        return labelList(lists.get(0), filesDir, opts);
    }

    private static List<String> sortedNames(List<Path> ps) {
        String[] n = new String[ps.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = String.valueOf(ps.get(i).getFileName());
        }
        Arrays.sort(n);
        return List.of(n);
    }

    /**
     * Loads one split of the full distribution: {@code root/Train/0..9/*.bin} or {@code root/Test/0..9/*.bin}.
     * Hidden files (names starting with {@code .}) are ignored; any other file that is not a {@code .bin}, or a
     * missing class folder, is a fault (strict: thrown; lenient: skipped and counted).
     *
     * @throws NoSuchFileException     if the split's folder does not exist
     * @throws DatasetFormatException if a class folder is missing or holds another file (strict mode)
     */
    public static NmnistDataset distribution(Path root, Split split, ReadOptions opts) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(opts, "opts");
        Path top = root.resolve(split.folder());
        if (!Files.isDirectory(top)) {
            throw new NoSuchFileException(top.toString(), null, "no N-MNIST " + split.folder() + " folder");
        }
        boolean strict = opts.mode() == ReadMode.STRICT;
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int skipped = 0;
        for (int c = 0; c < CLASSES; c++) {
            Path dir = top.resolve(Integer.toString(c));
            if (!Files.isDirectory(dir)) {
                DatasetFormatException ex = new DatasetFormatException(top.toString(), 0, "folder",
                        "no folder " + c, "one folder per digit 0..9");
                if (strict) {
                    throw ex;
                }
                skipped++;
                note(problems, ex);
                continue;
            }
            List<Path> inClass = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = String.valueOf(p.getFileName());
                    if (name.startsWith(".")) {
                        continue;
                    }
                    if (name.endsWith(".bin") && Files.isRegularFile(p)) {
                        inClass.add(p);
                        continue;
                    }
                    DatasetFormatException ex = new DatasetFormatException(dir.toString(), 0, "file", name,
                            "only N-MNIST recordings named *.bin");
                    if (strict) {
                        throw ex;
                    }
                    skipped++;
                    note(problems, ex);
                }
            }
            inClass.sort((a, b) -> String.valueOf(a.getFileName()).compareTo(String.valueOf(b.getFileName())));
            for (int i = 0; i < inClass.size(); i++) {
                files.add(inClass.get(i));
                labels.add(c);
            }
        }
        return new NmnistDataset(Layout.DISTRIBUTION, top, opts, files, labels, skipped, problems);
    }

    /**
     * Loads a label list and locates its recordings {@code filesDir/SAMPLE.bs2} (or {@code .bin}).
     *
     * @param listFile lines {@code sample class}: a non-negative integer and a digit 0..9 separated by whitespace;
     *                 {@code #} lines and blank lines are skipped
     * @param filesDir the folder of the recordings
     * @param opts     strict or lenient
     * @throws NoSuchFileException     if {@code listFile} or {@code filesDir} does not exist
     * @throws DatasetFormatException naming the file, the line and the value: a line that is not two integers, a
     *                                class outside 0..9, a sample listed twice, a recording that does not exist
     *                                (strict mode; lenient skips and counts those lines)
     */
    public static NmnistDataset labelList(Path listFile, Path filesDir, ReadOptions opts) throws IOException {
        Objects.requireNonNull(listFile, "listFile");
        Objects.requireNonNull(filesDir, "filesDir");
        Objects.requireNonNull(opts, "opts");
        if (!Files.isRegularFile(listFile)) {
            throw new NoSuchFileException(listFile.toString(), null, "no such label list");
        }
        if (!Files.isDirectory(filesDir)) {
            throw new NoSuchFileException(filesDir.toString(), null, "no such folder of recordings");
        }
        boolean strict = opts.mode() == ReadMode.STRICT;
        String name = String.valueOf(listFile.getFileName());
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<Long, Long> seen = new HashMap<>();
        int skipped = 0;
        // malformed UTF-8 becomes U+FFFD (InputStreamReader's default), so a damaged byte is reported by the
        // line parser below as a DatasetFormatException naming the line, not as a MalformedInputException
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(listFile),
                StandardCharsets.UTF_8))) {
            long lineNo = 0;
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                try {
                    String[] f = s.split("\\s+");
                    if (f.length != 2) {
                        throw new DatasetFormatException(name, lineNo, "line", abbreviate(s),
                                "two whitespace-separated fields: sample class");
                    }
                    long sample = parse(f[0], name, lineNo, "sample", Integer.MAX_VALUE, "a sample number >= 0");
                    int label = (int) parse(f[1], name, lineNo, "class", CLASSES - 1, "a digit class 0..9");
                    Long first = seen.putIfAbsent(sample, lineNo);
                    if (first != null) {
                        throw new DatasetFormatException(name, lineNo, "sample", f[0],
                                "each sample listed once (already on line " + first + ")");
                    }
                    Path file = recording(filesDir, sample);
                    if (file == null) {
                        throw new DatasetFormatException(name, lineNo, "sample", f[0], "a recording "
                                + filesDir.resolve(sample + ".bs2") + " or " + filesDir.resolve(sample + ".bin"));
                    }
                    files.add(file);
                    labels.add(label);
                } catch (DatasetFormatException ex) {
                    if (strict) {
                        throw ex;
                    }
                    skipped++;
                    note(problems, ex);
                }
            }
        }
        return new NmnistDataset(Layout.LABEL_LIST, listFile, opts, files, labels, skipped, problems);
    }

    private static long parse(String v, String file, long line, String field, long max, String expected)
            throws DatasetFormatException {
        if (v.isEmpty() || v.length() > 10) {
            throw new DatasetFormatException(file, line, field, abbreviate(v), expected);
        }
        long x = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new DatasetFormatException(file, line, field, abbreviate(v), expected);
            }
            x = x * 10 + (ch - '0');
        }
        if (x > max) {
            throw new DatasetFormatException(file, line, field, v, expected);
        }
        return x;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static Path recording(Path dir, long sample) {
        Path bs2 = dir.resolve(sample + ".bs2");
        if (Files.isRegularFile(bs2)) {
            return bs2;
        }
        Path bin = dir.resolve(sample + ".bin");
        return Files.isRegularFile(bin) ? bin : null;
    }

    private static void note(List<String> problems, DatasetFormatException ex) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(ex.getMessage());
        }
    }

    /** The layout this split was read from. */
    public Layout layout() {
        return layout;
    }

    /** The split's folder ({@link Layout#DISTRIBUTION}) or label list ({@link Layout#LABEL_LIST}). */
    public Path source() {
        return source;
    }

    /** The read options (strict or lenient) used for the index and for every recording. */
    public ReadOptions options() {
        return options;
    }

    /** Number of samples. */
    public int size() {
        return files.length;
    }

    /** The label (digit 0..9) of sample {@code i}. */
    public int label(int i) {
        Objects.checkIndex(i, files.length);
        return labels[i];
    }

    /** The recording file of sample {@code i}. */
    public Path file(int i) {
        Objects.checkIndex(i, files.length);
        return files[i];
    }

    /** How many samples of each digit, index = digit. */
    public int[] classCounts() {
        int[] c = new int[CLASSES];
        for (int i = 0; i < labels.length; i++) {
            c[labels[i]]++;
        }
        return c;
    }

    /** Index entries skipped in lenient mode (always 0 in strict mode). */
    public int skippedEntries() {
        return skipped;
    }

    /** The messages of the first (up to 20) skipped entries, in order. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Reads sample {@code i} from disk (nothing is cached).
     *
     * @throws org.snn4j.encoding.aer.AerFormatException in strict mode if the recording is malformed (byte offset)
     */
    public Sample sample(int i) throws IOException {
        Objects.checkIndex(i, files.length);
        AerRecording rec = NmnistBin.read(files[i], options.withSensor(SENSOR, SENSOR));
        return new Sample(labels[i], rec.events(), rec.report(), files[i]);
    }

    /** Reads sample {@code i} and bins it (see {@link #bin(Events, Binning)}). */
    public BinnedEvents binned(int i, Binning binning) throws IOException {
        Objects.requireNonNull(binning, "binning");
        return bin(sample(i).events(), binning);
    }

    /**
     * Binary spikes per step on the 2,312 inputs (index convention in the class comment; step {@code k} covers
     * {@code [k * stepUs, (k + 1) * stepUs)}); works for emulated recordings too.
     *
     * @param events events of a 34 x 34 sensor; not modified
     * @throws IllegalArgumentException if the events are not from a 34 x 34 sensor
     */
    public static BinnedEvents bin(Events events, Binning binning) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(binning, "binning");
        if (events.width() != SENSOR || events.height() != SENSOR) {
            throw new IllegalArgumentException("events must be from a 34x34 sensor, got " + events.width() + "x"
                    + events.height());
        }
        return EventBinning.binned(events, 0, binning.stepUs(), binning.steps(), PolarityMode.SPLIT);
    }

    /** A one-line summary. */
    @Override
    public String toString() {
        return "NmnistDataset[" + layout + " " + source + ", " + files.length + " samples"
                + (skipped > 0 ? ", " + skipped + " skipped" : "") + "]";
    }
}
