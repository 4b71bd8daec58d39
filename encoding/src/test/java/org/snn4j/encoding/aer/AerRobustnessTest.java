package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated copies of every format: strict mode throws {@link AerFormatException} (never anything else) exactly
 * when lenient mode reports a fault; lenient mode never throws.
 */
class AerRobustnessTest {
    interface BytesReader {
        AerRecording read(byte[] b, ReadOptions o) throws IOException;
    }

    interface PathReader {
        AerRecording read(Path p, ReadOptions o) throws IOException;
    }

    static final byte[] NMNIST = Fixtures.bytes(Fixtures.NMNIST);
    static final byte[] AEDAT4 = Fixtures.bytes(Fixtures.AEDAT4);
    static final byte[] AEDAT2 = Aedat2.toBytes(AerRoundTripProperties.random(1, 700, 346, 260, 1 << 30, true),
            DvsLayout.DAVIS346);
    static final byte[] AEDAT31 = Aedat31.toBytes(AerRoundTripProperties.random(2, 9000, 346, 260, 1L << 33, true));

    static int aedat31DataStart() {
        String s = new String(AEDAT31, 0, 300, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.indexOf(Aedat31.END_LINE) + Aedat31.END_LINE.length() + 2;
    }

    /** Runs both modes and checks the contract; returns the lenient recording. */
    static AerRecording both(BytesReader f, byte[] b) throws IOException {
        AerFormatException strict = null;
        try {
            f.read(b, ReadOptions.strict());
        } catch (AerFormatException e) {
            strict = e;
        }
        AerRecording lenient = f.read(b, ReadOptions.lenient());
        assertThat(lenient.report().firstFault().isEmpty())
                .as("strict threw %s but lenient reported '%s'", strict, lenient.report().firstFault())
                .isEqualTo(strict == null);
        if (strict != null) {
            assertThat(lenient.report().firstFault()).isEqualTo(strict.getMessage());
            assertThat(strict.offset()).isBetween(0L, (long) b.length);
        }
        return lenient;
    }

    static void truncations(PathReader f, BytesReader fb, byte[] full, Path dir, int count, boolean alwaysFault)
            throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < count; k++) {
            int cut = k < 20 ? k : r.nextInt(full.length);
            byte[] b = Arrays.copyOf(full, cut);
            Path p = dir.resolve("cut" + k);
            Files.write(p, b);
            AerFormatException strict = null;
            try {
                f.read(p, ReadOptions.strict());
            } catch (AerFormatException e) {
                strict = e;
            }
            AerRecording lenient = f.read(p, ReadOptions.lenient());
            assertThat(lenient.report().firstFault().isEmpty()).as("cut at %d: %s", cut, strict).isEqualTo(strict == null);
            if (alwaysFault) {
                assertThat(strict).as("cut at %d", cut).isNotNull();
            }
            both(fb, b);
        }
    }

    @Test
    void truncatedNmnist(@TempDir Path dir) throws IOException {
        truncations(NmnistBin::read, NmnistBin::read, NMNIST, dir, 60, false);
        // a cut inside a record is always a fault with the offset of the partial record
        Files.write(dir.resolve("c"), Arrays.copyOf(NMNIST, 5 * 300 + 2));
        assertThatThrownBy(() -> NmnistBin.read(dir.resolve("c"), ReadOptions.strict()))
                .isInstanceOf(AerFormatException.class).hasMessageContaining("byte offset 1500");
        assertThat(NmnistBin.read(dir.resolve("c"), ReadOptions.lenient()).report().droppedBytes()).isEqualTo(2);
    }

    @Test
    void truncatedAedat4(@TempDir Path dir) throws IOException {
        // the sample has a data table, so every cut is a fault
        truncations(Aedat4::read, Aedat4::read, AEDAT4, dir, 45, true);
    }

    @Test
    void truncatedAedat2(@TempDir Path dir) throws IOException {
        truncations(Aedat2::read, Aedat2::read, AEDAT2, dir, 60, false);
    }

    @Test
    void truncatedAedat31(@TempDir Path dir) throws IOException {
        truncations(Aedat31::read, Aedat31::read, AEDAT31, dir, 60, false);
    }

    @Test
    void wrongMagicEverywhere() throws IOException {
        byte[][] files = {AEDAT4, AEDAT2, AEDAT31};
        BytesReader[] readers = {Aedat4::read, Aedat2::read, Aedat31::read};
        for (int i = 0; i < files.length; i++) {
            byte[] b = files[i].clone();
            b[3] = 'X';
            BytesReader rd = readers[i];
            assertThatThrownBy(() -> rd.read(b, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                    .hasMessageContaining("byte offset 0");
            AerRecording r = both(readers[i], b);
            assertThat(r.events().size()).isZero();
            assertThat(r.report().droppedBytes()).isEqualTo(b.length);
        }
    }

    @Test
    void outOfRangeCoordinatesAreDroppedAndCounted() throws IOException {
        // AEDAT 2.0 DAVIS: x field 10 bits, set x = 400 >= 346 in record 5
        byte[] b = AEDAT2.clone();
        int header = AEDAT2.length - 700 * 8;
        int p = header + 5 * 8;
        int addr = Aedat2.be32(b, p);
        Aedat2.putBe32(b, p, (addr & ~(0x3FF << 12)) | (400 << 12));
        assertThatThrownBy(() -> Aedat2.read(b, ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessageContaining("byte offset " + p).hasMessageContaining("(400, ");
        AerRecording r = both(Aedat2::read, b);
        assertThat(r.events().size()).isEqualTo(699);
        assertThat(r.report().outOfRange()).isEqualTo(1);
        // AEDAT 3.1: y = 300 >= 260 in the first event
        byte[] c = AEDAT31.clone();
        int q = aedat31DataStart() + 28; // first event of the first packet
        int data = Lz4Frame.le32(c, q);
        Aedat31.putLe32(c, q, (data & ~(0x1FFF << 2)) | (300 << 2));
        AerRecording rc = both(Aedat31::read, c);
        assertThat(rc.report().outOfRange()).isEqualTo(1);
        assertThat(rc.events().size()).isEqualTo(8999);
    }

    @Test
    void timestampsGoingBackwardsAreKeptAndCounted() throws IOException {
        byte[] b = AEDAT2.clone();
        int header = AEDAT2.length - 700 * 8;
        Aedat2.putBe32(b, header + 10 * 8 + 4, 0); // record 10 at t = 0
        AerRecording r = both(Aedat2::read, b);
        assertThat(r.events().size()).isEqualTo(700);
        assertThat(r.report().backwardsTime()).isEqualTo(1);
        assertThat(r.events().t(10)).isZero();
    }

    @Test
    void badAedat31PacketHeaderFields() throws IOException {
        int first = aedat31DataStart(); // header of the first packet
        int[][] edits = {{4, 0}, {4, -8}, {8, 9}, {12, -1}, {16, 1}, {20, -1}, {24, 5000}, {0, -3}};
        for (int[] ed : edits) {
            byte[] b = AEDAT31.clone();
            if (ed[0] == 0) {
                Aedat31.putLe16(b, first, ed[1]);
            } else {
                Aedat31.putLe32(b, first + ed[0], ed[1]);
            }
            assertThatThrownBy(() -> Aedat31.read(b, ReadOptions.strict())).as("edit %s", Arrays.toString(ed))
                    .isInstanceOf(AerFormatException.class);
            both(Aedat31::read, b);
        }
    }

    @Test
    void badAedat4HeaderFields() throws IOException {
        int[][] edits = {{14, 0x7F}, {22, 'X'}, {46, 7}, {54, 3}, {66, 'x'}, {62, 0x7F}};
        for (int[] ed : edits) {
            byte[] b = AEDAT4.clone();
            b[ed[0]] = (byte) ed[1];
            assertThatThrownBy(() -> Aedat4.read(b, ReadOptions.strict())).as("edit %s", Arrays.toString(ed))
                    .isInstanceOf(AerFormatException.class);
            both(Aedat4::read, b);
        }
    }

    @Property(tries = 150, seed = "20261123")
    void randomBytesNeverThrowAnythingElse(@ForAll @Size(max = 3000) byte[] body, @ForAll @IntRange(max = 4) int prefix)
            throws IOException {
        String[] heads = {"", "#!AER-DAT2.0\n# AEChip: DVS128\n", "#!AER-DAT2.0\r\n# AEChip: Davis346\r\n#End Of ASCII Header\r\n",
            Aedat31Test.HEADER, "#!AER-DAT4.0\r\n"};
        byte[] h = heads[prefix].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] b = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, b, h.length, body.length);
        both(NmnistBin::read, b);
        both(Aedat2::read, b);
        both(Aedat31::read, b);
        both(Aedat4::read, b);
    }

    @Property(tries = 120, seed = "20261123")
    void randomByteFlipsInRealAndSyntheticFiles(@ForAll @IntRange(max = 3) int which, @ForAll long seed,
                                                @ForAll @IntRange(min = 1, max = 8) int flips) throws IOException {
        byte[][] files = {NMNIST, AEDAT4, AEDAT2, AEDAT31};
        BytesReader[] readers = {NmnistBin::read, Aedat4::read, Aedat2::read, Aedat31::read};
        byte[] b = files[which].clone();
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < flips; k++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        both(readers[which], b);
    }

    @Test
    void xxHash32KnownValues() {
        assertThat(XxHash32.hash(new byte[0], 0, 0, 0)).isEqualTo(0x02CC5D05);
        assertThat(XxHash32.hash("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 3, 0)).isEqualTo(0x32D153FF);
        // the sample's LZ4 frames: FLG 0x40, BD 0x40 and header checksum byte 0xC0
        assertThat((XxHash32.hash(new byte[] {0x40, 0x40}, 0, 2, 0) >>> 8) & 0xFF).isEqualTo(0xC0);
    }

    @Test
    void lz4BlockAndContentChecksums() throws Exception {
        byte[] payload = "hello, hello, hello, event camera".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
        byte[] head = {0x04, 0x22, 0x4D, 0x18, 0x74, 0x40, 0}; // FLG: independent blocks, block + content checksums
        head[6] = (byte) (XxHash32.hash(head, 4, 2, 0) >>> 8);
        f.writeBytes(head);
        byte[] word = new byte[4];
        Aedat31.putLe32(word, 0, payload.length | 0x80000000);
        f.writeBytes(word);
        f.writeBytes(payload);
        Aedat31.putLe32(word, 0, XxHash32.hash(payload, 0, payload.length, 0));
        f.writeBytes(word);
        f.writeBytes(new byte[4]);
        Aedat31.putLe32(word, 0, XxHash32.hash(payload, 0, payload.length, 0));
        f.writeBytes(word);
        byte[] frame = f.toByteArray();
        Lz4Frame d = new Lz4Frame();
        assertThat(d.decode(frame, 0, frame.length, 1 << 20)).isEqualTo(payload.length);
        byte[] bad = frame.clone();
        bad[12] ^= 4; // a payload byte: the block checksum fails
        assertThatThrownBy(() -> d.decode(bad, 0, bad.length, 1 << 20)).hasMessageContaining("block checksum");
        byte[] bad2 = frame.clone();
        bad2[bad2.length - 1] ^= 4;
        assertThatThrownBy(() -> d.decode(bad2, 0, bad2.length, 1 << 20)).hasMessageContaining("content checksum");
    }

    @Test
    void lz4LinkedBlocksAndRawBlocks() throws Exception {
        byte[] g = {
            0x04, 0x22, 0x4D, 0x18, // magic
            0x48, 0x40, // FLG: version 01, linked blocks, content size present; BD: 64 KB blocks
            33, 0, 0, 0, 0, 0, 0, 0, // content size
            0, // header checksum (not verified)
            16, 0, 0, (byte) 0x80, '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F',
            5, 0, 0, 0, 0x0C, 16, 0, 0x10, 'Z', // a match of 16 bytes at offset 16, reaching into the raw block
            0, 0, 0, 0, // end mark
        };
        g[14] = (byte) (XxHash32.hash(g, 4, 10, 0) >>> 8);
        Lz4Frame d = new Lz4Frame();
        int n = d.decode(g, 0, g.length, 1 << 20);
        assertThat(new String(d.buffer(), 0, n, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("0123456789ABCDEF0123456789ABCDEFZ");
        g[14] ^= 1;
        assertThatThrownBy(() -> d.decode(g, 0, g.length, 1 << 20)).hasMessageContaining("header checksum");
        g[14] ^= 1;
        g[6] = 34; // wrong content size
        g[14] = (byte) (XxHash32.hash(g, 4, 10, 0) >>> 8);
        assertThatThrownBy(() -> d.decode(g, 0, g.length, 1 << 20)).isInstanceOf(Lz4Frame.Lz4Exception.class)
                .hasMessageContaining("content size");
        g[6] = 33;
        g[14] = (byte) (XxHash32.hash(g, 4, 10, 0) >>> 8);
        g[40] = 17; // offset beyond the output
        assertThatThrownBy(() -> d.decode(g, 0, g.length, 1 << 20)).isInstanceOf(Lz4Frame.Lz4Exception.class)
                .hasMessageContaining("match offset");
    }
}
