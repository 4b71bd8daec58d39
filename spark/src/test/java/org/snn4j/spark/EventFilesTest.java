package org.snn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.encoding.aer.Aedat2;
import org.snn4j.encoding.aer.Aedat31;
import org.snn4j.encoding.aer.AerFormat;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.encoding.aer.EventBinning;
import org.snn4j.encoding.aer.EventTransforms;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.DvsLayout;
import org.snn4j.encoding.aer.NmnistBin;
import org.snn4j.encoding.aer.PolarityMode;
import org.snn4j.encoding.aer.ReadMode;
import org.snn4j.encoding.aer.ReadOptions;

class EventFilesTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("EventFilesTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theShippedNmnistSubsetDecodesWithItsLabelsAndTheSameEventsAsTheSingleJvmReader() throws IOException {
        Path data = LocalSpark.repo("examples/data/nmnist-small");
        Labels labels = Labels.readLists(List.of(data.resolve("train1K.txt"), data.resolve("test100.txt")));
        // recordings 1-9, 100-399 (training digits) and 60001-60100 (test digits): 409 files
        EventReadOptions opts = EventReadOptions.defaults().withFormat(AerFormat.NMNIST_BIN)
                .withGlob("{?,[1-3]??,600??,60100}.bs2").withLabels(labels).withKeepEvents(false)
                .withBins(EventBins.slayer());
        Dataset<Row> ds = EventFiles.read(spark, data.resolve("files").toString(), opts).cache();
        assertThat(ds.columns()).containsExactlyElementsOf(EventFiles.COLUMNS);
        List<Row> rows = ds.select("path", "label", "events", "clean").collectAsList();
        assertThat(rows).hasSize(409);
        Map<String, Integer> lists = new HashMap<>();
        for (String list : new String[] {"train1K.txt", "test100.txt"}) {
            for (String line : Files.readAllLines(data.resolve(list))) {
                String[] f = line.strip().split("\\s+");
                if (!line.startsWith("#")) {
                    lists.put(f[0], Integer.parseInt(f[1]));
                }
            }
        }
        long[] perClass = new long[10];
        long[] expectedPerClass = new long[10];
        long total = 0;
        long singleTotal = 0;
        for (Row r : rows) {
            String stem = Labels.stem(r.getString(0));
            assertThat(r.getBoolean(3)).isTrue();
            assertThat(r.getInt(1)).as(stem).isEqualTo(lists.get(stem));
            perClass[r.getInt(1)]++;
            total += r.getLong(2);
            Events single = NmnistBin.read(data.resolve("files/" + stem + ".bs2"), ReadOptions.strict()).events();
            assertThat(r.getLong(2)).as(stem).isEqualTo(single.size());
            singleTotal += single.size();
            expectedPerClass[lists.get(stem)]++;
        }
        assertThat(perClass).isEqualTo(expectedPerClass);
        assertThat(total).isEqualTo(singleTotal).isGreaterThan(1_500_000L);
        // SQL over the labels: the 100 test digits' class counts (the subset's README: 8, 14, 8, 11, 14, 7, 10, 15, 2, 11)
        List<Row> test = ds.filter(ds.col("path").contains("/600").or(ds.col("path").endsWith("/60100.bs2")))
                .groupBy("label").count().orderBy("label").collectAsList();
        long[] testCounts = new long[10];
        for (Row r : test) {
            testCounts[r.getInt(0)] = r.getLong(1);
        }
        assertThat(testCounts).containsExactly(8, 14, 8, 11, 14, 7, 10, 15, 2, 11);
        // recording 1 holds 4,681 events (README), a 5; its bins equal the library's
        Row one = ds.filter(ds.col("path").endsWith("/1.bs2")).first();
        assertThat(one.<Long>getAs("events")).isEqualTo(4681L);
        assertThat(one.<Integer>getAs("label")).isEqualTo(5);
        BinnedEvents fromSpark = EventFiles.binned(one);
        BinnedEvents expected = EventBins.slayer().apply(
                NmnistBin.read(data.resolve("files/1.bs2"), ReadOptions.strict()).events());
        assertThat(fromSpark.offsets()).isEqualTo(expected.offsets());
        assertThat(fromSpark.inputs()).isEqualTo(expected.inputs());
        ds.unpersist();
    }

    /** The encoding fixtures, synthetic AEDAT 2.0 / 3.1 files, and damaged copies in one folder. */
    private static Path fixtures(Path dir) throws IOException {
        Path src = LocalSpark.repo("encoding/src/test/resources/events");
        byte[] nmnist = Files.readAllBytes(src.resolve("sample_nmnist.bin"));
        byte[] aedat4 = Files.readAllBytes(src.resolve("sample.aedat4"));
        Files.write(dir.resolve("sample_nmnist.bin"), nmnist);
        Files.write(dir.resolve("sample.aedat4"), aedat4);
        Files.copy(src.resolve("header_test_128.aedat_test"), dir.resolve("header_test_128.aedat"));
        Events ev = NmnistBin.read(nmnist, ReadOptions.strict()).events();
        Files.write(dir.resolve("synthetic2.aedat"), Aedat2.toBytes(ev.withSensor(128, 128), DvsLayout.DVS128));
        Files.write(dir.resolve("synthetic31.aedat"), Aedat31.toBytes(ev));
        // damaged copies: a cut N-MNIST record, an AEDAT 4.0 file cut in the middle, a file of no known format
        Files.write(dir.resolve("cut_nmnist.bin"), Arrays.copyOf(nmnist, nmnist.length - 3));
        Files.write(dir.resolve("cut.aedat4"), Arrays.copyOf(aedat4, aedat4.length / 2));
        Files.writeString(dir.resolve("notes.txt"), "not an event file");
        return dir;
    }

    private static Map<String, Row> byName(Dataset<Row> ds) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : ds.collectAsList()) {
            m.put(Labels.name(r.getString(0)), r);
        }
        return m;
    }

    @Test
    void everyFormatAndEveryDamagedFileBecomesARowInLenientMode(@TempDir Path dir) throws IOException {
        fixtures(dir);
        Map<String, Row> rows = byName(EventFiles.read(spark, dir.toString(), EventReadOptions.defaults()));
        assertThat(rows).hasSize(8);
        Row nm = rows.get("sample_nmnist.bin");
        assertThat(nm.<String>getAs("format")).isEqualTo("NMNIST_BIN");
        assertThat(nm.<Long>getAs("events")).isEqualTo(4325L);
        assertThat(nm.<Boolean>getAs("clean")).isTrue();
        Events e = EventFiles.events(nm);
        assertThat(e.onCount()).isEqualTo(2145);
        assertThat(e.t(0)).isEqualTo(654L);
        assertThat(rows.get("sample.aedat4").<Long>getAs("events")).isEqualTo(111_954L);
        assertThat(rows.get("sample.aedat4").<Integer>getAs("width")).isEqualTo(320);
        assertThat(rows.get("synthetic2.aedat").<String>getAs("format")).isEqualTo("AEDAT2");
        assertThat(rows.get("synthetic2.aedat").<Long>getAs("events")).isEqualTo(4325L);
        assertThat(rows.get("synthetic31.aedat").<String>getAs("format")).isEqualTo("AEDAT3");
        assertThat(EventFiles.events(rows.get("synthetic31.aedat")).timestamps()).isEqualTo(e.timestamps());
        // damaged: partial record dropped and counted
        Row cut = rows.get("cut_nmnist.bin");
        assertThat(cut.<Boolean>getAs("clean")).isFalse();
        assertThat(cut.<Long>getAs("droppedBytes")).isEqualTo(2L);
        assertThat(cut.<Long>getAs("events")).isEqualTo(4324L);
        assertThat(cut.<String>getAs("firstFault")).contains("byte offset");
        // cut AEDAT 4.0: the packets before the cut are kept, the rest reported missing
        Row cut4 = rows.get("cut.aedat4");
        assertThat(cut4.<Boolean>getAs("clean")).isFalse();
        assertThat(cut4.<Long>getAs("events")).isGreaterThan(0L).isLessThan(111_954L);
        assertThat(cut4.<Long>getAs("missingBytes") + cut4.<Long>getAs("droppedBytes")).isGreaterThan(0L);
        // the garbage-bodied DVS128 header of the fixtures: 6 trailing bytes dropped, 4 junk events
        Row junk = rows.get("header_test_128.aedat");
        assertThat(junk.<Long>getAs("droppedBytes")).isEqualTo(6L);
        // unknown format: a row with its error and no events, not a failed job
        Row txt = rows.get("notes.txt");
        assertThat(txt.<String>getAs("error")).contains("magic");
        assertThat(txt.isNullAt(txt.fieldIndex("format"))).isTrue();
        assertThat(txt.isNullAt(txt.fieldIndex("t"))).isTrue();
        assertThatThrownBy(() -> EventFiles.events(txt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes.txt");
    }

    @Test
    void strictModeFailsTheJobNamingTheDamagedFile(@TempDir Path dir) throws IOException {
        fixtures(dir);
        Dataset<Row> clean = EventFiles.read(spark, dir.toString(),
                EventReadOptions.defaults().withMode(ReadMode.STRICT).withGlob("s*"));
        assertThat(clean.count()).isEqualTo(4);
        Dataset<Row> all = EventFiles.read(spark, dir.toString(),
                EventReadOptions.defaults().withMode(ReadMode.STRICT).withGlob("cut_nmnist.bin"));
        assertThatThrownBy(all::collectAsList).hasStackTraceContaining("cut_nmnist.bin")
                .hasStackTraceContaining("byte offset");
    }

    @Test
    void transformsAndBinningMatchTheLibraryAndSurviveParquet(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in/7"));
        Path src = LocalSpark.repo("encoding/src/test/resources/events/sample_nmnist.bin");
        Files.copy(src, in.resolve("a.bin"));
        Files.writeString(in.resolve("b.dat"), "not events"); // unreadable: a row with its error
        EventBins bins = new EventBins(0, 5000, 40, PolarityMode.MERGED);
        EventReadOptions opts = EventReadOptions.defaults().withLabels(Labels.fromFolder())
                .withTransforms(EventTransform.crop(2, 3, 28, 26), EventTransform.refractory(1000))
                .withBins(bins);
        String out = dir.resolve("out.parquet").toString();
        EventFiles.writeParquet(EventFiles.read(spark, dir.resolve("in").toString(), opts), out);
        Row r = spark.read().parquet(out).filter("error IS NULL").first();
        Events expected = EventTransforms.refractory(EventTransforms.crop(
                NmnistBin.read(src, ReadOptions.lenient()).events(), 2, 3, 28, 26), 1000);
        assertThat(r.<Integer>getAs("label")).isEqualTo(7);
        assertThat(r.<Integer>getAs("width")).isEqualTo(28);
        assertThat(EventFiles.events(r)).isEqualTo(expected);
        BinnedEvents b = EventFiles.binned(r);
        BinnedEvents eb = EventBinning.binned(expected, 0, 5000, 40, PolarityMode.MERGED);
        assertThat(b.shape()).isEqualTo(eb.shape());
        assertThat(b.offsets()).isEqualTo(eb.offsets());
        assertThat(b.inputs()).isEqualTo(eb.inputs());
        assertThat(expected.size()).isLessThan(4325).isGreaterThan(1000);

        // the same rows written without Spark (EventParquetWriter) read back equal, nulls and arrays included
        List<Row> sparks = spark.read().parquet(out).orderBy("path").collectAsList();
        assertThat(sparks).hasSize(2);
        assertThat(sparks.get(1).<String>getAs("error")).isNotNull();
        Path single = dir.resolve("single.parquet");
        try (EventParquetWriter w = new EventParquetWriter(single)) {
            for (Row s : sparks) {
                String path = s.getString(0);
                w.write(EventFiles.decode(path, Files.readAllBytes(Path.of(java.net.URI.create(path))), opts));
            }
        }
        assertThat(spark.read().parquet(single.toString()).schema()).isEqualTo(spark.read().parquet(out).schema());
        assertThat(spark.read().parquet(single.toString()).orderBy("path").collectAsList()).isEqualTo(sparks);
    }

    @Test
    void labelListsAreCheckedAndLabelsComeFromFoldersOrLists(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("l.txt");
        Files.writeString(list, "#sample #class\r\n1\t5\r\n2 x\r\n");
        assertThatThrownBy(() -> Labels.readList(list)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3").hasMessageContaining("2 x");
        assertThat(Labels.fromFolder().label("hdfs://n/Train/3/00012.bin")).isEqualTo(3);
        assertThat(Labels.fromFolder().label("file:/data/Train/x3/00012.bin")).isNull();
        assertThat(Labels.fromList(Map.of("12", 4)).label("s3a://b/files/12.bs2")).isEqualTo(4);
        assertThat(Labels.none().label("a/1/b.bin")).isNull();
        assertThatThrownBy(() -> EventFiles.read(spark, dir.toString(),
                EventReadOptions.defaults().withKeepEvents(false))).hasMessageContaining("keepEvents");
    }
}
