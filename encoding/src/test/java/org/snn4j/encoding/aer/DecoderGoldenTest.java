package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The N-MNIST and AEDAT 4.0 decoders give exactly the outcome they gave before their fast paths were rewritten
 * (issue 14): for the shipped fixtures and seeded mutated copies (byte flips, truncations, overflow markers,
 * out-of-range coordinates, backwards time), in strict and lenient mode and through the streaming reader, the
 * events and the whole {@link ReadReport} (counts and first fault message), or the strict exception's message,
 * are hashed into one SHA-256 per format. The golden hashes were computed with the decoders of main at
 * 03e0a19 (before the rewrite) by running {@link #main}; any change in any outcome changes the hash.
 */
class DecoderGoldenTest {
    static final String NMNIST_GOLDEN = "14bc6a66a1f988061480411e8a3cd92f773b58f0d2a7225ca0115db3d37633ba";
    static final String AEDAT4_GOLDEN = "035c34062976258d6082c3d3a9b1a53073f51f1a3befd277f627b9be344c43ee";
    /** Outcomes of the last hash: thrown, read with faults, read clean (the mutants must exercise all three). */
    static final int[] KINDS = new int[3];

    /** Prints the current hashes (run against the old classes to regenerate the golden values). */
    public static void main(String[] args) throws Exception {
        System.out.println("nmnist " + nmnistHash() + " " + Arrays.toString(KINDS));
        System.out.println("aedat4 " + aedat4Hash() + " " + Arrays.toString(KINDS));
    }

    @Test
    void nmnistOutcomesAreUnchanged() throws Exception {
        assertThat(nmnistHash()).isEqualTo(NMNIST_GOLDEN);
        assertThat(Arrays.stream(KINDS).min().getAsInt()).as("fewest outcomes of one kind").isGreaterThan(50);
    }

    @Test
    void aedat4OutcomesAreUnchanged() throws Exception {
        assertThat(aedat4Hash()).isEqualTo(AEDAT4_GOLDEN);
        assertThat(Arrays.stream(KINDS).min().getAsInt()).as("fewest outcomes of one kind").isGreaterThan(3);
    }

    interface Decode {
        AerRecording read() throws Exception;
    }

    static String nmnistHash() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Arrays.fill(KINDS, 0);
        byte[] base = Fixtures.bytes(Fixtures.NMNIST);
        Random rnd = new Random(14);
        for (int m = 0; m < 120; m++) {
            byte[] f = m == 0 ? base.clone() : nmnistMutant(base, rnd, m);
            for (ReadOptions o : new ReadOptions[] {ReadOptions.strict(), ReadOptions.lenient(),
                    ReadOptions.lenient().withSensor(30, 250)}) {
                outcome(md, () -> NmnistBin.read(f, o));
                outcome(md, () -> {
                    try (EventReader r = NmnistBin.open(new ByteArrayInputStream(f), o.withChunkEvents(97))) {
                        Events.Builder b = Events.builder(r.width(), r.height(), 16);
                        Events e;
                        while ((e = r.next()) != null) {
                            b.addAll(e);
                        }
                        return new AerRecording(AerFormat.NMNIST_BIN, b.build(), r.report());
                    }
                });
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static byte[] nmnistMutant(byte[] base, Random rnd, int m) {
        byte[] f = base.clone();
        int n = f.length / 5;
        int kind = m % 6;
        int hits = 1 + rnd.nextInt(8);
        for (int h = 0; h < hits; h++) {
            int r = rnd.nextInt(n) * 5;
            switch (kind) {
                case 0 -> f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> f[r + 1] = (byte) NmnistBin.OVERFLOW_Y;
                case 2 -> f[r] = (byte) (34 + rnd.nextInt(222));
                case 3 -> f[r + 1] = (byte) (34 + rnd.nextInt(222));
                case 4 -> f[r + 2] = (byte) (f[r + 2] & 0x80); // time 0..65535 us: backwards
                default -> f[r + 3] = f[r + 4]; // small time changes: ties and backwards steps
            }
        }
        return m % 5 == 0 ? Arrays.copyOf(f, f.length - 1 - rnd.nextInt(40)) : f;
    }

    static String aedat4Hash() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Arrays.fill(KINDS, 0);
        byte[] base = Fixtures.bytes(Fixtures.AEDAT4);
        Random rnd = new Random(41);
        for (int m = 0; m < 24; m++) {
            byte[] f = base.clone();
            if (m > 0) {
                int hits = 1 + rnd.nextInt(4);
                for (int h = 0; h < hits; h++) {
                    f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                if (m % 4 == 0) {
                    f = Arrays.copyOf(f, rnd.nextInt(f.length));
                }
            }
            byte[] g = f;
            for (ReadOptions o : new ReadOptions[] {ReadOptions.strict(), ReadOptions.lenient()}) {
                outcome(md, () -> Aedat4.read(g, o));
                outcome(md, () -> {
                    try (Aedat4.Reader r = Aedat4.open(new ByteArrayInputStream(g), o)) {
                        return r.readAll();
                    }
                });
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void outcome(MessageDigest md, Decode d) {
        String head;
        AerRecording rec = null;
        try {
            rec = d.read();
            head = "ok " + rec.report();
            KINDS[rec.report().isClean() ? 2 : 1]++;
        } catch (Exception e) {
            KINDS[0]++;
            head = e.getClass().getName() + ": " + e.getMessage();
        }
        md.update(head.getBytes(StandardCharsets.UTF_8));
        if (rec != null) {
            Events e = rec.events();
            byte[] buf = new byte[13];
            md.update((e.width + "x" + e.height + " " + e.size).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < e.size; i++) {
                long t = e.t[i];
                for (int k = 0; k < 8; k++) {
                    buf[k] = (byte) (t >>> (8 * k));
                }
                buf[8] = (byte) e.x[i];
                buf[9] = (byte) (e.x[i] >>> 8);
                buf[10] = (byte) e.y[i];
                buf[11] = (byte) (e.y[i] >>> 8);
                buf[12] = (byte) (e.on[i] ? 1 : 0);
                md.update(buf);
            }
        }
    }
}
