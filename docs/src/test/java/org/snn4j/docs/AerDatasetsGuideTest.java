package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.aer.AerFormat;
// tag::imports-aerdatasets[]
import org.snn4j.EventSource;
import org.snn4j.encoding.FloatImage;
import org.snn4j.encoding.aer.Aedat4;
import org.snn4j.encoding.aer.AerFiles;
import org.snn4j.encoding.aer.AerRecording;
import org.snn4j.encoding.aer.EventBinning;
import org.snn4j.encoding.aer.EventFrames;
import org.snn4j.encoding.aer.EventTransforms;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.encoding.aer.ReadOptions;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.encoding.aer.NmnistEmulator;
import org.snn4j.encoding.aer.NmnistBin;
import org.snn4j.encoding.aer.ReadReport;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.encoding.dataset.NmnistDataset.Binning;
import org.snn4j.encoding.dataset.NmnistDataset.Split;
// end::imports-aerdatasets[]

/** The snippets of docs/aer-and-datasets.md (files shipped in the repository). */
class AerDatasetsGuideTest {
    static final Path EVENTS = Path.of("../encoding/src/test/resources/events");
    static final Path MNIST = Path.of("../examples/data/mnist10k");
    static final Path NMNIST = Path.of("../examples/data/nmnist-small");

    @Test
    void readNmnist() throws IOException {
        Path dir = EVENTS;
        // tag::nmnist[]
        AerRecording rec = AerFiles.read(dir.resolve("sample_nmnist.bin"), ReadOptions.strict());
        Events ev = rec.events();                         // 34 x 34 sensor, timestamps in microseconds
        Events firstSaccade = EventTransforms.timeSlice(ev, ev.minTime(), 100_000);
        EventFrames frames = EventBinning.framesByBins(ev, 10, PolarityMode.SPLIT);   // 10 frames, ON and OFF
        EventSource spikes = EventBinning.toSpikeSource(ev, 1_000, PolarityMode.SPLIT); // 1 ms steps, 2x34x34
        // end::nmnist[]
        assertThat(rec.format()).isEqualTo(AerFormat.NMNIST_BIN);
        assertThat(ev.size()).isEqualTo(4325);           // encoding/src/test/resources/events/README.md
        assertThat(ev.onCount()).isEqualTo(2145);
        assertThat(frames.frames()).isEqualTo(10);
        assertThat(spikes.size()).isEqualTo(2 * 34 * 34);
        assertThat(firstSaccade.size()).isPositive().isLessThan(ev.size());
        long total = 0;
        for (int f = 0; f < frames.frames(); f++) {
            total += frames.total(f);
        }
        assertThat(total).isEqualTo(4325);
    }

    @Test
    void readNmnistIntoAReusedBuilder() throws IOException {
        List<Path> files = List.of(EVENTS.resolve("sample_nmnist.bin"), EVENTS.resolve("sample_nmnist.bin"));
        long onEvents = 0;
        // tag::nmnist-readinto[]
        Events.Builder buf = Events.builder(34, 34);      // grows to the longest file, then stays
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            ReadReport report = NmnistBin.readInto(bytes, 0, bytes.length, ReadOptions.strict(), buf.clear());
            for (int i = 0; i < buf.size(); i++) {
                onEvents += buf.isOn(i) ? 1 : 0;          // also buf.t(i), buf.x(i), buf.y(i)
            }
        }
        // end::nmnist-readinto[]
        assertThat(onEvents).isEqualTo(2 * 2145);
        assertThat(buf.size()).isEqualTo(4325);
        assertThat(buf.build()).isEqualTo(AerFiles.read(files.get(0), ReadOptions.strict()).events());
    }

    @Test
    void readAedat4FilesWithKeptThreads() throws IOException {
        List<Path> files = List.of(EVENTS.resolve("sample.aedat4"), EVENTS.resolve("sample.aedat4"));
        long events = 0;
        // tag::aedat4-pool[]
        try (Aedat4.DecodeThreads pool = new Aedat4.DecodeThreads(2)) {  // 1 helper + the calling thread
            Events.Builder buf = Events.builder(320, 240);
            for (Path f : files) {
                ReadReport report = Aedat4.readInto(Files.readAllBytes(f), ReadOptions.strict(), pool, buf.clear());
                events += buf.size();                     // use buf before the next file
            }
        }                                                 // close() joins the helper
        // end::aedat4-pool[]
        assertThat(events).isEqualTo(2 * 111_954);
    }

    @Test
    void mnist() throws IOException {
        Path dir = MNIST;
        // tag::mnist[]
        MnistDataset mnist = MnistDataset.load(dir);     // the four IDX files, .gz or not
        MnistDataset.Split train = mnist.train();
        FloatImage first = train.image(0);               // 28 x 28, pixels 0..255
        int label = train.label(0);
        // end::mnist[]
        assertThat(train.count()).isEqualTo(8000);
        assertThat(mnist.test().count()).isEqualTo(2000);
        assertThat(first.width()).isEqualTo(28);
        assertThat(label).isBetween(0, 9);
    }

    @Test
    void nmnistDataset() throws IOException {
        Path dir = NMNIST;
        // tag::nmnist-dataset[]
        NmnistDataset train = NmnistDataset.load(dir, Split.TRAIN);  // Train/0..9/*.bin or a label list
        NmnistDataset.Sample s = train.sample(0);                   // read from disk now: label + events
        BinnedEvents x = train.binned(0, Binning.slayer());         // 300 steps of 1 ms x 2,312 inputs
        for (int t = 0; t < x.steps(); t++) {
            for (int k = x.start(t); k < x.end(t); k++) {
                int input = x.input(k);                               // (p * 34 + y) * 34 + x, p = 0 OFF, 1 ON
            }
        }
        // end::nmnist-dataset[]
        assertThat(train.size()).isEqualTo(1000);
        assertThat(s.label()).isEqualTo(5);
        assertThat(s.events().size()).isEqualTo(4681);
        assertThat(x.spikeCount()).isEqualTo(4670);
    }

    @Test
    void nmnistEmulator() throws IOException {
        Path dir = MNIST;
        // tag::nmnist-emulator[]
        MnistDataset.Split digits = MnistDataset.load(dir).train();
        NmnistEmulator camera = NmnistEmulator.defaults(1);           // seed of the per-pixel threshold mismatch
        Events ev = camera.emulate(digits.image(0), 0);               // seed of this recording's noise
        BinnedEvents x = NmnistDataset.bin(ev, Binning.slayer());     // same inputs as a real recording
        // end::nmnist-emulator[]
        assertThat(ev.width()).isEqualTo(34);
        assertThat(ev.size()).isBetween(1000, 10_000);
        assertThat(camera.emulate(digits.image(0), 0)).isEqualTo(ev);
        assertThat(x.spikeCount()).isPositive();
    }
}
