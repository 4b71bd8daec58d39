package org.snn4j.spark.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snn4j.cli.Options;
import org.snn4j.cli.Ranges;
import org.snn4j.encoding.aer.AerFormat;
import org.snn4j.encoding.aer.ReadMode;
import org.snn4j.spark.EventReadOptions;
import org.snn4j.spark.EventTransform;
import org.snn4j.spark.Labels;
import picocli.CommandLine.Option;

/**
 * The options of the commands that read event files ({@code convert}, {@code evaluate --network}): format, file-name
 * filter, labels, strict or lenient reading, down-sampling. Without an input path the commands read the shipped
 * N-MNIST subset ({@code examples/data/nmnist-small/files}: {@code .bs2} files in N-MNIST's format, labels from its
 * two lists).
 */
public final class EventInput {
    /** The repository folder of the shipped N-MNIST subset. */
    static final Path SHIPPED = Path.of("examples/data/nmnist-small");

    @Option(names = "--format", paramLabel = "F",
            description = "format of every file: ${COMPLETION-CANDIDATES} (default: detected per file; "
                    + "NMNIST_BIN for the shipped subset's .bs2 files)")
    AerFormat format;

    @Option(names = "--glob", paramLabel = "GLOB", description = "file-name filter, such as *.bin (default: all)")
    String glob;

    @Option(names = "--label-list", paramLabel = "FILE", converter = Options.InputFile.class,
            description = "a 'SAMPLE CLASS' list (repeatable); default for the shipped subset: its two lists")
    List<Path> labelLists = new ArrayList<>();

    @Option(names = "--labels-from-folder", description = "the label is the file's folder name (N-MNIST layout)")
    boolean fromFolder;

    @Option(names = "--strict", description = "fail the job at the first damaged file (default: lenient, reported)")
    boolean strict;

    @Option(names = "--downsample", paramLabel = "F", converter = Ranges.AtLeastOne.class,
            description = "divide x and y by F (default ${DEFAULT-VALUE})")
    int downsample = 1;

    /** Creates the mixin (picocli fills it). */
    public EventInput() {
    }

    /** The shipped subset's files folder (found under the working directory or above). */
    static String shippedFiles() {
        return Options.find(SHIPPED).resolve("files").toString();
    }

    /**
     * The read options these options give, without binning, keeping the events.
     *
     * @param shipped whether the input is the shipped subset (its format, file filter and label lists as defaults)
     * @throws IOException if a label list cannot be read
     * @throws IllegalArgumentException for options that exclude each other
     */
    EventReadOptions options(boolean shipped) throws IOException {
        EventReadOptions o = EventReadOptions.defaults().withMode(strict ? ReadMode.STRICT : ReadMode.LENIENT)
                .withFormat(format != null ? format : shipped ? AerFormat.NMNIST_BIN : null)
                .withGlob(glob != null ? glob : shipped ? "*.bs2" : null);
        List<Path> lists = new ArrayList<>(labelLists);
        if (shipped && lists.isEmpty() && !fromFolder) {
            Path d = Options.find(SHIPPED);
            lists.add(d.resolve("train1K.txt"));
            lists.add(d.resolve("test100.txt"));
        }
        if (fromFolder && !lists.isEmpty()) {
            throw new IllegalArgumentException("--labels-from-folder and --label-list exclude each other");
        }
        o = o.withLabels(fromFolder ? Labels.fromFolder() : lists.isEmpty() ? Labels.none() : Labels.readLists(lists));
        if (downsample > 1) {
            o = o.withTransforms(EventTransform.downsample(downsample, downsample));
        }
        return o;
    }
}
