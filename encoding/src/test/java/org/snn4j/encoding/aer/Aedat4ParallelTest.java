package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.snn4j.testkit.HostileInput;

/**
 * {@link Aedat4#read(byte[], ReadOptions, int)} and {@link Aedat4#readInto} at 1, 2 and 3 threads give what the
 * sequential {@link Aedat4#read(byte[], ReadOptions)} gives: the same events and report, or the same exception
 * (class, message, offset), in strict and lenient mode, for the shipped sample, its repacks (with and without a
 * data table), small synthetic files with true and forged data tables, and seeded mutants of all of them
 * ({@link HostileInput}). {@code readInto} appends to a builder that already holds events, and leaves it as it
 * was when strict mode throws; with {@link Aedat4.DecodeThreads} kept for the whole class, it gives the same.
 */
class Aedat4ParallelTest {
    private static final int[] THREADS = {1, 2, 3};

    /** What one read gave: a recording, or an exception described by class, message and offset. */
    private record Outcome(Events events, ReadReport report, String error) {
    }

    private static Outcome outcome(byte[] b, ReadOptions o, int threads) {
        try {
            AerRecording r = threads == 0 ? Aedat4.read(b, o) : Aedat4.read(b, o, threads);
            return new Outcome(r.events(), r.report(), null);
        } catch (AerFormatException e) {
            return new Outcome(null, null, "AerFormatException@" + e.offset() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, null, e.toString());
        }
    }

    /** Events already in the builder that {@link Aedat4#readInto} appends to. */
    private static final int BEFORE = 3;

    /**
     * What {@link Aedat4#readInto} appended to a builder holding {@link #BEFORE} events (for the sensor of
     * {@code sensor}, what the sequential lenient read gives), or its exception; checks that the first events are
     * untouched and, when it throws, that nothing was appended.
     */
    private static Outcome outcomeInto(byte[] b, ReadOptions o, int threads, Events sensor) {
        return outcomeInto(b, o, threads, null, sensor);
    }

    /**
     * Kept for the whole class: every pooled read of every file and mutant goes through the same helper threads
     * (and their decoders), so state left over from one read would show in a later one.
     */
    private static final Aedat4.DecodeThreads[] POOLS = {null, new Aedat4.DecodeThreads(1), new Aedat4.DecodeThreads(2),
        new Aedat4.DecodeThreads(3)};

    @AfterAll
    static void closePools() {
        for (int t = 1; t < POOLS.length; t++) {
            POOLS[t].close();
        }
    }

    /** As above; with {@code pool}, through {@link Aedat4#readInto(byte[], ReadOptions, Aedat4.DecodeThreads, Events.Builder)}. */
    private static Outcome outcomeInto(byte[] b, ReadOptions o, int threads, Aedat4.DecodeThreads pool, Events sensor) {
        Events.Builder into = Events.builder(sensor.width(), sensor.height(), 1);
        for (int k = 0; k < BEFORE; k++) {
            into.add(-5 + k, 0, 0, true);
        }
        Outcome out;
        try {
            ReadReport r = pool != null ? Aedat4.readInto(b, o, pool, into) : Aedat4.readInto(b, o, threads, into);
            out = new Outcome(into.build().slice(BEFORE, into.size()), r, null);
        } catch (AerFormatException e) {
            out = new Outcome(null, null, "AerFormatException@" + e.offset() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            out = new Outcome(null, null, e.toString());
        }
        if (out.error() != null) {
            assertThat(into.size()).isEqualTo(BEFORE);
        }
        for (int k = 0; k < BEFORE; k++) {
            assertThat(into.t(k)).isEqualTo(-5 + k);
        }
        return out;
    }

    /** Checks every thread count in both modes, with read and readInto; returns the sequential strict outcome. */
    private static Outcome sameAsSequential(String what, byte[] b) {
        Outcome strict = null;
        Events sensor = outcome(b, ReadOptions.lenient(), 0).events();
        for (ReadOptions o : new ReadOptions[] {ReadOptions.strict(), ReadOptions.lenient()}) {
            Outcome seq = outcome(b, o, 0);
            if (strict == null) {
                strict = seq;
            }
            for (int threads : THREADS) {
                assertThat(outcome(b, o, threads)).as("%s, %s, %d threads", what, o.mode(), threads).isEqualTo(seq);
                assertThat(outcomeInto(b, o, threads, sensor)).as("%s, %s, readInto, %d threads", what, o.mode(), threads)
                        .isEqualTo(seq);
                assertThat(outcomeInto(b, o, threads, POOLS[threads], sensor))
                        .as("%s, %s, readInto with DecodeThreads, %d threads", what, o.mode(), threads).isEqualTo(seq);
            }
        }
        return strict;
    }

    /** The shipped sample repacked with {@code compression} and the sample's data table (same counts). */
    static byte[] repackWithTable(int compression) throws Exception {
        byte[] sample = Fixtures.bytes(Fixtures.AEDAT4);
        byte[] f = Aedat4CompressionTest.repack(compression);
        Lz4Frame lz4 = new Lz4Frame();
        int tablePos = 945_243;
        int n = lz4.decode(sample, tablePos, sample.length - tablePos, 1 << 26);
        byte[] table = TinyAedat4.compress(compression, Arrays.copyOf(lz4.buffer(), n));
        byte[] out = Arrays.copyOf(f, f.length + table.length);
        System.arraycopy(table, 0, out, f.length, table.length);
        for (int k = 0; k < 8; k++) {
            out[54 + k] = (byte) ((long) f.length >>> (8 * k)); // IOHeader.dataTablePosition
        }
        return out;
    }

    private static int mutants(String name, byte[] original, int count, long seed) {
        List<HostileInput.Mutant> ms = HostileInput.mutants(original, seed, count,
                HostileInputFuzzTest.aedat4Lengths(original, 40));
        int faults = 0;
        for (HostileInput.Mutant m : ms) {
            if (sameAsSequential(name + ": " + m.what(), m.bytes()).error() != null) {
                faults++;
            }
        }
        return faults;
    }

    private static byte[] tiny(int compression, int width, List<byte[]> rawBodies) {
        return tiny(compression, width, rawBodies, null);
    }

    /** A file of the raw bodies compressed, with a data table declaring {@code table} events per packet (or none). */
    private static byte[] tiny(int compression, int width, List<byte[]> rawBodies, long[] table) {
        List<byte[]> packets = new ArrayList<>();
        for (byte[] raw : rawBodies) {
            packets.add(TinyAedat4.compress(compression, raw));
        }
        return TinyAedat4.file(compression, width, 34, packets, table);
    }

    @Test
    void theShippedSampleAndItsRepacksDecodeTheSame() throws Exception {
        byte[] sample = Fixtures.bytes(Fixtures.AEDAT4);
        Outcome o = sameAsSequential("sample.aedat4", sample);
        assertThat(o.error()).isNull();
        assertThat(o.events().size()).isEqualTo(111_954);
        assertThat(o.report().isClean()).isTrue();
        for (int comp : new int[] {TinyAedat4.NONE, TinyAedat4.ZSTD}) {
            Outcome r = sameAsSequential("sample.aedat4 repacked, compression " + comp, Aedat4CompressionTest.repack(comp));
            assertThat(r.events()).isEqualTo(o.events());
            Outcome t = sameAsSequential("sample.aedat4 repacked with its table, compression " + comp,
                    repackWithTable(comp));
            assertThat(t.events()).isEqualTo(o.events());
            assertThat(t.report().isClean()).isTrue();
        }
        // the helper threads of a read on int threads end with the read: only those of the class's DecodeThreads
        // of 2 and 3 threads (1 and 2 helpers, started by the reads above) are left
        assertThat(helpers()).hasSize(3).allMatch(Thread::isDaemon);
    }

    @Test
    void mutatedCopiesFailOrDecodeTheSame() throws Exception {
        int faults = mutants("sample.aedat4", Fixtures.bytes(Fixtures.AEDAT4), 30, 21);
        faults += mutants("sample.aedat4 as Zstandard", Aedat4CompressionTest.repack(TinyAedat4.ZSTD), 8, 22);
        faults += mutants("sample.aedat4 as Zstandard with its table", repackWithTable(TinyAedat4.ZSTD), 8, 23);
        for (int comp : new int[] {TinyAedat4.NONE, TinyAedat4.LZ4, TinyAedat4.ZSTD}) {
            List<byte[]> bodies = List.of(TinyAedat4.eventsBody(12, 34, 1000), TinyAedat4.eventsBody(9, 34, 2000),
                    TinyAedat4.eventsBody(7, 34, 1500), TinyAedat4.eventsBody(5, 34, 3000));
            faults += mutants("tiny, compression " + comp, tiny(comp, 34, bodies, null), 100, 30 + comp);
            faults += mutants("tiny with a table, compression " + comp, tiny(comp, 34, bodies,
                    new long[] {12, 9, 7, 5}), 120, 40 + comp);
        }
        // the mutants must reach the fault paths, not only decode cleanly
        assertThat(faults).isGreaterThan(100);
    }

    @Test
    void crossPacketChecksAreAppliedInFileOrder() {
        for (int comp : new int[] {TinyAedat4.NONE, TinyAedat4.LZ4, TinyAedat4.ZSTD}) {
            // packet 2 starts before packet 1 ends (backwards time across packets), packet 3 starts at packet
            // 2's last timestamp (a tie across packets), packet 4 has x outside a 10-pixel-wide sensor
            byte[] f = tiny(comp, 10, List.of(TinyAedat4.eventsBody(8, 10, 1000), TinyAedat4.eventsBody(6, 10, 1003),
                    TinyAedat4.eventsBody(5, 10, 1008), TinyAedat4.eventsBody(20, 34, 2000),
                    TinyAedat4.eventsBody(3, 10, 3000)));
            assertThat(outcome(f, ReadOptions.strict(), 2).error()).contains("timestamp");
            Outcome lenient = outcome(f, ReadOptions.lenient(), 2);
            assertThat(lenient.report().backwardsTime()).isEqualTo(1);
            assertThat(lenient.report().equalTimes()).isEqualTo(1);
            assertThat(lenient.report().outOfRange()).isEqualTo(10);
            sameAsSequential("cross-packet faults, compression " + comp, f);
            byte[] g = tiny(comp, 10, List.of(TinyAedat4.eventsBody(8, 10, 1000), TinyAedat4.eventsBody(6, 10, 1003),
                    TinyAedat4.eventsBody(5, 10, 1008), TinyAedat4.eventsBody(20, 34, 2000),
                    TinyAedat4.eventsBody(3, 10, 3000)), new long[] {8, 6, 5, 20, 3});
            Outcome withTable = outcome(g, ReadOptions.lenient(), 2);
            assertThat(withTable.report().backwardsTime()).isEqualTo(1);
            assertThat(withTable.report().equalTimes()).isEqualTo(1);
            assertThat(withTable.report().outOfRange()).isEqualTo(10);
            sameAsSequential("cross-packet faults with a table, compression " + comp, g);
        }
    }

    /**
     * Ties at the joins of packets whose events the helpers decode (no fault anywhere, so no packet is decoded
     * again alone): each packet starts at the previous packet's last time. Counted once each, as the sequential
     * read counts them; likewise a file whose first event is at the smallest time, which the sequential read
     * counts as a tie with its starting point.
     */
    @Test
    void tiesAtPacketJoinsAreCountedOnceWhateverDecodedThePackets() {
        for (int comp : new int[] {TinyAedat4.NONE, TinyAedat4.LZ4}) {
            byte[] g = tiny(comp, 10, List.of(TinyAedat4.eventsBody(8, 10, 1000), TinyAedat4.eventsBody(6, 10, 1007),
                    TinyAedat4.eventsBody(5, 10, 1012), TinyAedat4.eventsBody(4, 10, 1016)), new long[] {8, 6, 5, 4});
            byte[] m = tiny(comp, 10, List.of(TinyAedat4.eventsBody(8, 10, Long.MIN_VALUE),
                    TinyAedat4.eventsBody(3, 10, Long.MIN_VALUE + 7)), new long[] {8, 3});
            for (int threads : THREADS) {
                for (ReadOptions o : new ReadOptions[] {ReadOptions.strict(), ReadOptions.lenient()}) {
                    Outcome joins = outcome(g, o, threads);
                    assertThat(joins.events().size()).isEqualTo(23);
                    assertThat(joins.report().equalTimes()).as("%d threads", threads).isEqualTo(3);
                    Outcome lowest = outcome(m, o, threads);
                    assertThat(lowest.events().t(0)).isEqualTo(Long.MIN_VALUE);
                    assertThat(lowest.report().equalTimes()).as("%d threads", threads).isEqualTo(2);
                }
            }
            sameAsSequential("ties at packet joins, compression " + comp, g);
            // packets of one or two events, appended after the builder's earlier events (readInto): each packet's
            // events go right after the previous packet's, never over the events already in the builder
            // (times below the sensor width: bytes read from a wrong place would pass as events inside the sensor)
            byte[] small = tiny(comp, 10, List.of(TinyAedat4.eventsBody(1, 10, 1), TinyAedat4.eventsBody(1, 10, 2),
                    TinyAedat4.eventsBody(2, 10, 3), TinyAedat4.eventsBody(1, 10, 5), TinyAedat4.eventsBody(1, 10, 6)),
                    new long[] {1, 1, 2, 1, 1});
            for (int threads : THREADS) {
                Events e = outcome(small, ReadOptions.strict(), threads).events();
                assertThat(e.timestamps()).containsExactly(1, 2, 3, 4, 5, 6);
                assertThat(e.xs()).containsExactly(0, 0, 0, 1, 0, 0);
            }
            sameAsSequential("packets of one or two events, compression " + comp, small);
            // empty event packets, first and between others
            byte[] empty = tiny(comp, 10, List.of(TinyAedat4.eventsBody(0, 10, 1), TinyAedat4.eventsBody(3, 10, 1),
                    TinyAedat4.eventsBody(0, 10, 9), TinyAedat4.eventsBody(2, 10, 3)), new long[] {0, 3, 0, 2});
            for (int threads : THREADS) {
                Outcome e = outcome(empty, ReadOptions.strict(), threads);
                assertThat(e.events().timestamps()).containsExactly(1, 2, 3, 3, 4);
                assertThat(e.report().equalTimes()).isEqualTo(1);
                assertThat(e.report().packets()).isEqualTo(4);
            }
            sameAsSequential("empty event packets, compression " + comp, empty);
            sameAsSequential("first event at Long.MIN_VALUE, compression " + comp, m);
        }
    }

    @Test
    void ofSeveralBadPacketsTheFirstInFileOrderIsReported() {
        List<byte[]> packets = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            packets.add(TinyAedat4.compress(TinyAedat4.LZ4, TinyAedat4.eventsBody(50, 34, 1000L * k)));
        }
        packets.set(3, new byte[] {4, 0x22, 0x4D, 0x18, 0x40}); // a cut LZ4 frame
        packets.set(8, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});    // not an LZ4 frame
        byte[] f = TinyAedat4.file(TinyAedat4.LZ4, 34, 34, packets, null);
        Outcome o = sameAsSequential("two bad packets", f);
        assertThat(o.error()).contains("packet 3 ");
        Outcome lenient = outcome(f, ReadOptions.lenient(), 3);
        assertThat(lenient.report().droppedRecords()).isEqualTo(2);
        assertThat(lenient.report().firstFault()).contains("packet 3 ");
        assertThat(lenient.events().size()).isEqualTo(500);
    }

    @Test
    void forgedDataTablesChangeNothing() {
        List<byte[]> bodies = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            bodies.add(TinyAedat4.eventsBody(40 + k, 34, 1000L * k));
        }
        long[] truth = {40, 41, 42, 43, 44, 45, 46, 47, 48, 49};
        long[][] tables = {
            truth,
            {40, 41, 42, 43, 44, 45, 46, 47, 48},         // an entry missing
            {40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 7},  // an entry too many
            {40, 41, 41, 43, 44, 45, 46, 47, 48, 49},     // one count one too small
            {40, 41, 43, 43, 44, 45, 46, 47, 48, 49},     // one count one too large
            {41, 40, 42, 43, 44, 45, 46, 47, 48, 49},     // two counts swapped
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},               // no events declared
            {40, 41, 42, 43, 44, 45, 46, 47, 48, 1L << 40}, // more events than the file could hold
            {40, 41, 42, -43, 44, 45, 46, 47, 48, 49},    // a negative count
        };
        for (int comp : new int[] {TinyAedat4.NONE, TinyAedat4.LZ4, TinyAedat4.ZSTD}) {
            for (long[] table : tables) {
                byte[] f = tiny(comp, 34, bodies, table);
                Outcome o = sameAsSequential("table " + Arrays.toString(table) + ", compression " + comp, f);
                Outcome lenient = outcome(f, ReadOptions.lenient(), 2);
                assertThat(lenient.events().size()).isEqualTo(445);
                // the table check compares packets and elements per stream: swapped counts pass it
                assertThat(o.error() == null).as(Arrays.toString(table)).isEqualTo(table == truth || table == tables[5]);
            }
        }
    }

    @Test
    void readIntoChecksTheBuilder() {
        byte[] sample = Fixtures.bytes(Fixtures.AEDAT4);
        assertThatThrownBy(() -> Aedat4.readInto(sample, ReadOptions.strict(), 2, Events.builder(34, 34)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("34x34").hasMessageContaining("320x240");
        assertThatThrownBy(() -> Aedat4.readInto(sample, ReadOptions.strict(), 0, Events.builder(320, 240)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be >= 1, got 0");
    }

    @Test
    void aReusedBuilderGetsTheSameEventsCallAfterCall() throws Exception {
        byte[] sample = Fixtures.bytes(Fixtures.AEDAT4);
        Events ref = Aedat4.read(sample, ReadOptions.strict()).events();
        Events.Builder into = Events.builder(320, 240);
        for (int call = 0; call < 4; call++) {
            int threads = 1 + call % 2;
            ReadReport r = Aedat4.readInto(sample, ReadOptions.strict(), threads, into.clear());
            assertThat(r.events()).isEqualTo(111_954);
            assertThat(into.build()).as("call %d, %d threads", call, threads).isEqualTo(ref);
        }
    }

    @Test
    void withATableEachCallStartsAHelperThread() throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        byte[] sample = Fixtures.bytes(Fixtures.AEDAT4);
        Events.Builder into = Events.builder(320, 240);
        long before = mx.getTotalStartedThreadCount();
        for (int k = 0; k < 10; k++) {
            Aedat4.readInto(sample, ReadOptions.strict(), 2, into.clear());
        }
        // one helper per call (other threads of the JVM, such as compiler threads, may start too)
        assertThat(mx.getTotalStartedThreadCount() - before).isGreaterThanOrEqualTo(10);
        assertThat(into.size()).isEqualTo(111_954);
    }

    @Test
    void decodeThreadsStartTheirHelpersOnceAndCloseJoinsThem() throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        byte[] sample = Fixtures.bytes(Fixtures.AEDAT4);
        Events ref = Aedat4.read(sample, ReadOptions.strict()).events();
        Events.Builder into = Events.builder(320, 240);
        Aedat4.DecodeThreads pool = new Aedat4.DecodeThreads(3);
        assertThat(pool.threads()).isEqualTo(3);
        List<Thread> others = helpers(); // the class's own pools
        Aedat4.readInto(sample, ReadOptions.strict(), pool, into.clear());
        List<Thread> started = helpers();
        started.removeAll(others);
        assertThat(started).hasSize(2).allMatch(Thread::isDaemon);
        for (int k = 0; k < 20; k++) {
            ReadReport r = Aedat4.readInto(sample, ReadOptions.strict(), pool, into.clear());
            assertThat(r.events()).isEqualTo(111_954);
            assertThat(into.build()).as("call %d", k).isEqualTo(ref);
        }
        List<Thread> now = helpers();
        now.removeAll(others);
        assertThat(now).containsExactlyInAnyOrderElementsOf(started); // the same two threads, call after call
        pool.close();
        assertThat(started).noneMatch(Thread::isAlive);
        pool.close(); // idempotent
        assertThatThrownBy(() -> Aedat4.readInto(sample, ReadOptions.strict(), pool, into.clear()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> new Aedat4.DecodeThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads must be >= 1, got 0");
    }

    @Test
    void aReadThatThrowsStopsItsHelpersBeforeItReturns() throws Exception {
        byte[] sample = Fixtures.bytes(Fixtures.AEDAT4);
        Events.Builder into = Events.builder(320, 240);
        int thrown = 0;
        try (Aedat4.DecodeThreads pool = new Aedat4.DecodeThreads(2)) {
            // damaged copies: one byte flipped at 40 places through the packets
            for (int k = 1; k <= 40; k++) {
                byte[] b = sample.clone();
                int at = (int) ((long) b.length * k / 48);
                b[at] ^= (byte) 0x5A;
                into.clear();
                try {
                    Aedat4.readInto(b, ReadOptions.strict(), pool, into);
                } catch (AerFormatException e) {
                    thrown++;
                    assertThat(into.size()).as("flip at %d: strict appends nothing", at).isZero();
                }
                // whether it threw or not, no helper may still write into the builder's arrays
                assertThat(pool.reading()).as("flip at %d", at).isFalse();
            }
            // and the pool serves the next read as before
            assertThat(Aedat4.readInto(sample, ReadOptions.strict(), pool, into.clear()).events()).isEqualTo(111_954);
            assertThat(pool.reading()).isFalse();
        }
        assertThat(thrown).as("damaged copies that strict mode refuses").isGreaterThan(10);
    }

    @Test
    void twoCallersTakeTurnsOnOneDecodeThreads() throws Exception {
        byte[] sample = Fixtures.bytes(Fixtures.AEDAT4);
        Events ref = Aedat4.read(sample, ReadOptions.strict()).events();
        try (Aedat4.DecodeThreads pool = new Aedat4.DecodeThreads(2)) {
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread[] callers = new Thread[2];
            for (int c = 0; c < callers.length; c++) {
                callers[c] = new Thread(() -> {
                    Events.Builder into = Events.builder(320, 240);
                    try {
                        for (int k = 0; k < 5; k++) {
                            Aedat4.readInto(sample, ReadOptions.strict(), pool, into.clear());
                            assertThat(into.build()).isEqualTo(ref);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                callers[c].start();
            }
            for (Thread t : callers) {
                t.join();
            }
            assertThat(failures).isEmpty();
        }
    }

    /** The live helper threads of DecodeThreads (by their name). */
    private static List<Thread> helpers() {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("aedat4-decode-") && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void threadsMustBePositive() {
        assertThatThrownBy(() -> Aedat4.read(Fixtures.bytes(Fixtures.AEDAT4), ReadOptions.strict(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be >= 1, got 0");
    }
}
