package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.testkit.HostileInput;

/**
 * {@link Aedat4#read(byte[], ReadOptions, int)} at 1, 2 and 3 threads gives what the sequential
 * {@link Aedat4#read(byte[], ReadOptions)} gives: the same events and report, or the same exception (class,
 * message, offset), in strict and lenient mode, for the shipped sample, its repacks, small synthetic files
 * and seeded mutants of all of them ({@link HostileInput}).
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

    /** Checks every thread count in both modes; returns the sequential strict outcome. */
    private static Outcome sameAsSequential(String what, byte[] b) {
        Outcome strict = null;
        for (ReadOptions o : new ReadOptions[] {ReadOptions.strict(), ReadOptions.lenient()}) {
            Outcome seq = outcome(b, o, 0);
            if (strict == null) {
                strict = seq;
            }
            for (int threads : THREADS) {
                assertThat(outcome(b, o, threads)).as("%s, %s, %d threads", what, o.mode(), threads).isEqualTo(seq);
            }
        }
        return strict;
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
        List<byte[]> packets = new ArrayList<>();
        for (byte[] raw : rawBodies) {
            packets.add(TinyAedat4.compress(compression, raw));
        }
        return TinyAedat4.file(compression, width, 34, packets, null);
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
        }
        // the helper threads end with the read
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("aedat4-decode"));
    }

    @Test
    void mutatedCopiesFailOrDecodeTheSame() throws Exception {
        int faults = mutants("sample.aedat4", Fixtures.bytes(Fixtures.AEDAT4), 30, 21);
        faults += mutants("sample.aedat4 as Zstandard", Aedat4CompressionTest.repack(TinyAedat4.ZSTD), 8, 22);
        for (int comp : new int[] {TinyAedat4.NONE, TinyAedat4.LZ4, TinyAedat4.ZSTD}) {
            byte[] f = tiny(comp, 34, List.of(TinyAedat4.eventsBody(12, 34, 1000), TinyAedat4.eventsBody(9, 34, 2000),
                    TinyAedat4.eventsBody(7, 34, 1500), TinyAedat4.eventsBody(5, 34, 3000)));
            faults += mutants("tiny, compression " + comp, f, 150, 30 + comp);
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
    void threadsMustBePositive() {
        assertThatThrownBy(() -> Aedat4.read(Fixtures.bytes(Fixtures.AEDAT4), ReadOptions.strict(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be >= 1, got 0");
    }
}
