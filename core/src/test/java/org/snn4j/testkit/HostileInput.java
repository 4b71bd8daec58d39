package org.snn4j.testkit;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shared tools of the hostile-input (fuzz) tests: seeded mutations of a file's bytes and the number of bytes
 * the current thread has allocated ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), so a test
 * can assert that reading a mutated file allocates at most a bound such as {@code 64 x input + 16 MB}.
 * Stateless and thread-safe.
 */
public final class HostileInput {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private HostileInput() {
    }

    /** Bytes allocated so far by the current thread (monotone); -1 if the JVM cannot tell. */
    public static long allocatedBytes() {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            return -1;
        }
        if (!THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** The allocation bound of the reliability guarantee: {@code 64 x inputBytes + 16 MiB}. */
    public static long bound(long inputBytes) {
        return 64L * inputBytes + (16L << 20);
    }

    /** One mutated copy and what was done to it (for assertion messages). */
    public record Mutant(String what, byte[] bytes) {
    }

    /**
     * {@code count} mutated copies of {@code original}, drawn from a generator seeded with {@code seed}: bit
     * flips (1 to 8 bits), truncation, inserted bytes, deleted ranges, huge or negative 32-bit and 64-bit values
     * written at random offsets and at the given {@code lengthOffsets} (offsets of length or count fields, both
     * byte orders).
     */
    public static List<Mutant> mutants(byte[] original, long seed, int count, int... lengthOffsets) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Mutant> out = new ArrayList<>(count);
        int[] huge = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 1 << 30, 0x10000000, 0x7FFFFFF0, 0x00FFFFFF};
        int n = original.length;
        for (int k = 0; k < count; k++) {
            byte[] b;
            String what;
            int kind = k % 6;
            if (n == 0) {
                kind = 2;
            }
            switch (kind) {
                case 0 -> {
                    b = original.clone();
                    int bits = 1 + r.nextInt(8);
                    StringBuilder at = new StringBuilder();
                    for (int i = 0; i < bits; i++) {
                        int p = r.nextInt(n);
                        b[p] ^= (byte) (1 << r.nextInt(8));
                        at.append(' ').append(p);
                    }
                    what = "bit flips at" + at;
                }
                case 1 -> {
                    int len = r.nextInt(n);
                    b = Arrays.copyOf(original, len);
                    what = "truncated to " + len;
                }
                case 2 -> {
                    int p = n == 0 ? 0 : r.nextInt(n + 1);
                    int len = 1 + r.nextInt(16);
                    byte[] ins = new byte[len];
                    for (int i = 0; i < len; i++) {
                        ins[i] = (byte) r.nextInt(256);
                    }
                    b = new byte[n + len];
                    System.arraycopy(original, 0, b, 0, p);
                    System.arraycopy(ins, 0, b, p, len);
                    System.arraycopy(original, p, b, p + len, n - p);
                    what = len + " bytes inserted at " + p;
                }
                case 3 -> {
                    int p = r.nextInt(n);
                    int len = 1 + r.nextInt(Math.min(64, n - p));
                    b = new byte[n - len];
                    System.arraycopy(original, 0, b, 0, p);
                    System.arraycopy(original, p + len, b, p, n - p - len);
                    what = len + " bytes deleted at " + p;
                }
                case 4 -> {
                    b = original.clone();
                    boolean known = lengthOffsets.length > 0 && r.nextBoolean();
                    int p = known ? lengthOffsets[r.nextInt(lengthOffsets.length)] : r.nextInt(n);
                    int v = huge[r.nextInt(huge.length)];
                    boolean little = r.nextBoolean();
                    for (int i = 0; i < 4 && p + i < n; i++) {
                        int shift = little ? 8 * i : 24 - 8 * i;
                        b[p + i] = (byte) (v >>> shift);
                    }
                    what = "int32 " + v + (little ? " LE" : " BE") + " at " + p;
                }
                default -> {
                    b = original.clone();
                    int p = r.nextInt(n);
                    long v = r.nextBoolean() ? Long.MAX_VALUE : 1L << (20 + r.nextInt(40));
                    for (int i = 0; i < 8 && p + i < n; i++) {
                        b[p + i] = (byte) (v >>> (8 * i));
                    }
                    what = "int64 " + v + " LE at " + p;
                }
            }
            out.add(new Mutant(what, b));
        }
        return out;
    }
}
