package org.snn4j.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.snn4j.EventSource;
import org.snn4j.cli.Cli;
import org.snn4j.cli.Options;
import org.snn4j.encoding.aer.AerFiles;
import org.snn4j.encoding.aer.AerRecording;
import org.snn4j.encoding.aer.Aedat4;
import org.snn4j.encoding.aer.EventBinning;
import org.snn4j.encoding.aer.EventFrames;
import org.snn4j.encoding.aer.EventReader;
import org.snn4j.encoding.aer.EventTransforms;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.encoding.aer.ReadOptions;
import org.snn4j.encoding.aer.ReadReport;
import org.snn4j.plot.Figure;
import org.snn4j.plot.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <pre>
 * Ex08: event-camera (AER) recordings: read, inspect, filter, bin into frames and into a spike source.
 *
 * What it shows: the two shipped real recordings, an N-MNIST sample (34x34, 4,325 events, .bin) and a DVXplorer
 * AEDAT 4.0 file (320x240, 111,954 events in 59 LZ4-compressed packets), read in strict mode (any structural
 * fault would throw an AerFormatException naming the byte offset). For each it prints the event statistics and
 * the reader's report, streams the file packet by packet (as one would for a recording larger than memory),
 * applies the denoise (8-neighbour, 5 ms) and refractory (1 ms) filters, turns the events into a core
 * EventSource of 1 ms steps (neuron index (p * H + y) * W + x on 2 x H x W) and writes frames of 50 ms (N-MNIST)
 * or 20 ms (AEDAT 4.0) as PNG images: ON events green, OFF events red.
 *
 * Run:  java -jar examples/target/snn4j-examples.jar aer-stream [--quick] [--data DIR] [--out DIR]
 *       (DIR defaults: examples/data/events, results/aer-stream; --quick writes 2 frames per file)
 * Prints: per file the event count, sensor, ON count, time span, report counts, packets seen by the streaming
 * reader, events kept by each filter, spike-source steps, and the PNG files written.
 * </pre>
 */
@Command(name = "aer-stream")
public final class Ex08_AerStream implements Cli.Command {
    @Option(names = "--quick", description = "write at most 2 frames per file (default: all)")
    boolean quick;

    @Mixin
    Options.Out out;

    @Mixin
    Options.Data data = new Options.Data("examples/data/events");

    /** A command-line instance; picocli sets the options. */
    public Ex08_AerStream() {
    }

    /** Runs the example from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        Launcher.main("aer-stream", args);
    }

    /** Runs the example with the parsed options. */
    @Override
    public void run(PrintStream console) throws IOException {
        Path dir = data.find();
        Path o = out.dir();
        Files.createDirectories(o);
        show(dir.resolve("sample_nmnist.bin"), 50_000, quick ? 2 : Integer.MAX_VALUE, o);
        show(dir.resolve("sample.aedat4"), 20_000, quick ? 2 : Integer.MAX_VALUE, o);
    }

    private static void show(Path file, long frameUs, int maxFrames, Path out) throws IOException {
        AerRecording rec = AerFiles.read(file, ReadOptions.strict());
        Events e = rec.events();
        ReadReport r = rec.report();
        System.out.printf(Locale.ROOT, "%s (%s): %,d events on a %dx%d sensor, %,d ON, t %d..%d us (%.1f ms)%n",
                file.getFileName(), rec.format(), e.size(), e.width(), e.height(), e.onCount(), e.minTime(),
                e.maxTime(), (e.maxTime() - e.minTime()) / 1000.0);
        System.out.printf(Locale.ROOT, "  report: clean=%b, equal timestamps %d, backwards %d, out of range %d, "
                + "packets %d (skipped %d)%n", r.isClean(), r.equalTimes(), r.backwardsTime(), r.outOfRange(),
                r.packets(), r.skippedPackets());

        // streaming: chunk by chunk (packet by packet for AEDAT 4.0), constant memory
        long chunks = 0;
        long streamed = 0;
        try (EventReader s = AerFiles.open(file, ReadOptions.strict().withChunkEvents(1000))) {
            Events c;
            while ((c = s.next()) != null) {
                chunks++;
                streamed += c.size();
            }
            if (s instanceof Aedat4.Reader) {
                Aedat4.Reader a = (Aedat4.Reader) s;
                System.out.printf(Locale.ROOT, "  AEDAT 4.0: compression %s, streams %s, IMU samples %d%n",
                        a.header().compression(), a.header().streams().size(), a.elementCount(2));
            }
        }
        System.out.printf(Locale.ROOT, "  streamed %,d events in %d chunks%n", streamed, chunks);

        Events denoised = EventTransforms.denoise(e, 5_000);
        Events refractory = EventTransforms.refractory(e, 1_000);
        System.out.printf(Locale.ROOT, "  denoise (5 ms) keeps %,d, refractory (1 ms) keeps %,d%n", denoised.size(),
                refractory.size());

        EventSource src = EventBinning.toSpikeSource(e, 1_000, PolarityMode.SPLIT);
        System.out.printf(Locale.ROOT, "  spike source: %d steps of 1 ms, %,d neurons, %,d events%n", src.steps(),
                src.size(), src.eventCount());

        EventFrames f = EventBinning.framesByTime(e, frameUs, PolarityMode.SPLIT);
        int n = Math.min(maxFrames, f.frames());
        String stem = file.getFileName().toString().replace('.', '_');
        for (int k = 0; k < n; k++) {
            Path png = out.resolve(String.format(Locale.ROOT, "%s_%03d.png", stem, k));
            write(f, k, png, String.format(Locale.ROOT, "%s, frame %d: %.0f-%.0f ms (ON green, OFF red)",
                    file.getFileName(), k, k * frameUs / 1000.0, (k + 1) * frameUs / 1000.0));
        }
        System.out.printf(Locale.ROOT, "  wrote %d of %d frames of %d ms to %s%n", n, f.frames(), frameUs / 1000,
                out.toAbsolutePath());
    }

    /** Frame {@code k} as a titled RGB image, scaled up so that small sensors stay visible. */
    private static void write(EventFrames f, int k, Path png, String title) {
        int w = f.shape().width();
        int h = f.shape().height();
        int scale = w < 100 ? 8 : 2;
        int[] counts = f.frame(k);
        int max = 1;
        for (int i = 0; i < counts.length; i++) {
            max = Math.max(max, counts[i]);
        }
        BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int off = counts[(0 * h + y) * w + x];
                int on = counts[(1 * h + y) * w + x];
                int red = off == 0 ? 0 : Math.min(255, 110 + off * 145 / max);
                int green = on == 0 ? 0 : Math.min(255, 110 + on * 145 / max);
                int rgb = (red << 16) | (green << 8);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        Png.write(Figure.titled(title, img), png);
    }
}
