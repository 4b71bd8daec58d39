package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The LZ4 sample re-packed as Zstandard and as uncompressed (no data table) decodes to the same events. */
class Aedat4CompressionTest {
    private static final byte[] DATA = Fixtures.bytes(Fixtures.AEDAT4);

    static byte[] repack(int compression) throws Exception {
        int headerSize = Lz4Frame.le32(DATA, 14);
        int dataStart = 18 + headerSize;
        int tablePos = 945_243;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = Arrays.copyOf(DATA, dataStart);
        head[46] = (byte) compression; // IOHeader.compression
        Arrays.fill(head, 54, 62, (byte) 0xFF); // dataTablePosition = -1: no table
        out.write(head);
        Lz4Frame lz4 = new Lz4Frame();
        ZstdCompressor z = new ZstdCompressor();
        int p = dataStart;
        while (p < tablePos) {
            int size = Lz4Frame.le32(DATA, p + 4);
            int n = lz4.decode(DATA, p + 8, size, 1 << 26);
            byte[] body;
            if (compression == 0) {
                body = Arrays.copyOf(lz4.buffer(), n);
            } else {
                byte[] c = new byte[z.maxCompressedLength(n)];
                int m = z.compress(lz4.buffer(), 0, n, c, 0, c.length);
                body = Arrays.copyOf(c, m);
            }
            byte[] ph = new byte[8];
            System.arraycopy(DATA, p, ph, 0, 4);
            Aedat31.putLe32(ph, 4, body.length);
            out.write(ph);
            out.write(body);
            p += 8 + size;
        }
        return out.toByteArray();
    }

    @Test
    void zstdAndUncompressedGiveTheSameEvents() throws Exception {
        AerRecording ref = Aedat4.read(DATA, ReadOptions.strict());
        for (int comp : new int[] {0, 3, 4}) {
            byte[] f = repack(comp);
            try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(f), ReadOptions.strict())) {
                assertThat(r.header().compression()).isEqualTo(Aedat4.Compression.values()[comp]);
                assertThat(r.header().dataTablePosition()).isEqualTo(-1);
                AerRecording rec = r.readAll();
                assertThat(rec.events()).isEqualTo(ref.events());
                assertThat(r.elementCount(2)).isEqualTo(475);
                assertThat(r.dataTable()).isNull();
                assertThat(rec.report().isClean()).isTrue();
            }
            // truncations and flips of the repacked file keep the strict/lenient contract
            for (int cut = f.length - 1; cut > 2000; cut -= f.length / 7) {
                AerRobustnessTest.both(Aedat4::read, Arrays.copyOf(f, cut));
            }
            byte[] g = f.clone();
            g[2_400] ^= 0x5A;
            AerRobustnessTest.both(Aedat4::read, g);
        }
    }

    @Test
    void streamingReturnsOneChunkPerEventPacket() throws IOException {
        try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(DATA), ReadOptions.strict())) {
            int chunks = 0;
            long total = 0;
            Events e;
            while ((e = r.next()) != null) {
                chunks++;
                total += e.size();
            }
            assertThat(chunks).isEqualTo(59);
            assertThat(total).isEqualTo(111_954);
        }
    }
}
