package org.snn4j.encoding.aer;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The copy paths of {@link Lz4Frame}'s block decoder (one-load short sequences, 8-byte literal and match words
 * that run past the sequence, offsets below 8 replicated from a 16-byte start, the exact general loop near the
 * ends of input and output) against the byte-at-a-time reference decoder of {@link Lz4BlockProperties}, which
 * must agree on the decoded bytes or on the error's offset and message. Enumerated, not sampled: every match
 * offset from 1 to 70 (and 255, 256, 257, 1,000, 40,000) with literal runs and match lengths on both sides of every copy width (5 literals in one
 * load, 8 and 16 literal bytes, 16 and 24 match bytes, the 15 that takes an extension byte, 255 more), each
 * sequence once with at least 19 bytes of block after it (fast loop) and once as the block's last but one
 * (general loop); and matches that end exactly at the 64 KB block limit or one byte past it. Literal bytes are
 * seeded random, mostly from a 3-letter alphabet so that matches copy repeating patterns. One decoder is reused
 * throughout, so its buffer holds the bytes of earlier blocks where a wrong copy could pick them up.
 */
class Lz4CopyPathsTest {
    private static final int[] LITERALS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15, 16, 17, 30, 270, 271};
    private static final int[] MATCHES = {4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 20, 23, 24, 25, 26, 35,
        36, 274, 275};

    /** Offsets 1-70, and offsets whose high byte is not 0 (the one-load path reads both bytes from one word). */
    private static final int[] OFFSETS = java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(1, 70),
            java.util.stream.IntStream.of(255, 256, 257, 1000, 40_000)).toArray();

    @Test
    void everyOffsetUpTo70WithLengthsAroundEveryCopyWidth() {
        Random rnd = new Random(20261201);
        Lz4Frame lz4 = new Lz4Frame();
        for (int offset : OFFSETS) {
            for (int lit : LITERALS) {
                for (int ml : MATCHES) {
                    for (int tail = 0; tail < 2; tail++) {
                        ByteArrayOutputStream blk = new ByteArrayOutputStream();
                        // enough output before the sequence for its offset, ending in a short sequence
                        sequence(blk, rnd, 80, 1 + rnd.nextInt(80), Math.max(4, offset - 80) + rnd.nextInt(20));
                        sequence(blk, rnd, 1 + rnd.nextInt(5), 1 + rnd.nextInt(8), 4 + rnd.nextInt(20));
                        sequence(blk, rnd, lit, offset, ml);
                        if (tail == 0) {
                            // more sequences after it: at least 19 bytes of block follow its start
                            for (int k = 0; k < 3; k++) {
                                sequence(blk, rnd, rnd.nextInt(6), 1 + rnd.nextInt(90), 4 + rnd.nextInt(30));
                            }
                        }
                        last(blk, rnd, rnd.nextInt(6));
                        Lz4BlockProperties.compare(blk.toByteArray(), lz4);
                    }
                }
            }
        }
    }

    @Test
    void matchesEndingAtTheBlockLimitOrOneBytePast() {
        Random rnd = new Random(7);
        Lz4Frame lz4 = new Lz4Frame();
        for (int offset = 1; offset <= 70; offset++) {
            for (int lit : new int[] {0, 5, 9}) {
                for (int ml : new int[] {4, 7, 8, 9, 16, 17, 24, 25, 275}) {
                    for (int over = 0; over <= 1; over++) {
                        // 65,536 (+ over) bytes: 80 literals and a long match repeating them, the sequence
                        // under test, empty last literals (the block itself stays under its 64 KB size limit)
                        int first = (1 << 16) + over - lit - ml - 80;
                        ByteArrayOutputStream blk = new ByteArrayOutputStream();
                        sequence(blk, rnd, 80, 1 + rnd.nextInt(80), first);
                        sequence(blk, rnd, lit, offset, ml);
                        last(blk, rnd, 0);
                        Lz4BlockProperties.compare(blk.toByteArray(), lz4);
                    }
                }
            }
        }
    }

    @Test
    void randomRunsOfShortSequencesNearBothEnds() {
        Random rnd = new Random(99);
        Lz4Frame lz4 = new Lz4Frame();
        for (int n = 0; n < 3000; n++) {
            ByteArrayOutputStream blk = new ByteArrayOutputStream();
            int out = 0;
            int count = 1 + rnd.nextInt(12);
            for (int k = 0; k < count; k++) {
                int lit = k == 0 ? 1 + rnd.nextInt(40) : rnd.nextInt(rnd.nextBoolean() ? 6 : 20);
                out += lit;
                int offset = 1 + rnd.nextInt(Math.min(out, 70));
                int ml = 4 + rnd.nextInt(rnd.nextBoolean() ? 13 : 40);
                sequence(blk, rnd, lit, offset, ml);
                out += ml;
            }
            last(blk, rnd, rnd.nextInt(25));
            Lz4BlockProperties.compare(blk.toByteArray(), lz4);
        }
    }

    /** One sequence: {@code lit} random literals, then a match of {@code ml} bytes at {@code offset}. */
    private static void sequence(ByteArrayOutputStream blk, Random rnd, int lit, int offset, int ml) {
        blk.write((Math.min(lit, 15) << 4) | Math.min(ml - 4, 15));
        Lz4FrameReferenceTest.length(blk, lit, 15);
        literals(blk, rnd, lit);
        blk.write(offset & 0xFF);
        blk.write(offset >>> 8);
        Lz4FrameReferenceTest.length(blk, ml - 4, 15);
    }

    /** The block's last sequence: {@code lit} literals only. */
    private static void last(ByteArrayOutputStream blk, Random rnd, int lit) {
        blk.write(Math.min(lit, 15) << 4);
        Lz4FrameReferenceTest.length(blk, lit, 15);
        literals(blk, rnd, lit);
    }

    private static void literals(ByteArrayOutputStream blk, Random rnd, int n) {
        for (int i = 0; i < n; i++) {
            blk.write(rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 'a' + rnd.nextInt(3));
        }
    }
}
