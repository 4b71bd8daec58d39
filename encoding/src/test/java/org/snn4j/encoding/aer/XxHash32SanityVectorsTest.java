package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * xxHash32 against the reference implementation's own sanity vectors (xxHash {@code cli/xsum_sanity_check.c} and
 * {@code tests/sanity_test_vectors.h}): a buffer generated from the two primes, hashed over prefixes of every
 * length class (empty, tail bytes only, 4-byte words, exactly one and several 16-byte stripes, long inputs) with
 * seed 0 and with a non-zero seed (PRIME32), so that the seed's part in each of the four accumulators and in the
 * short-input start value is checked too.
 */
class XxHash32SanityVectorsTest {
    private static final int PRIME32 = 0x9E3779B1;
    private static final long PRIME64 = 0x9E3779B185EBCA8DL; // 11400714785074694797, as in the reference test

    /** The reference sanity buffer: byte i is the top byte of PRIME32 * 11400714785074694797^i (mod 2^64). */
    private static byte[] sanityBuffer(int n) {
        byte[] b = new byte[n];
        long gen = PRIME32 & 0xFFFFFFFFL;
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (gen >>> 56);
            gen *= PRIME64;
        }
        return b;
    }

    private static final byte[] BUF = sanityBuffer(4160);

    private static int h(int len, int seed) {
        return XxHash32.hash(BUF, 0, len, seed);
    }

    @Test
    void seedZero() {
        int[][] v = {{0, 0x02CC5D05}, {1, 0xCF65B03E}, {2, 0x1151BEE4}, {3, 0xC23884F5}, {4, 0xA9DE7CE9},
            {8, 0xA3F6F44B}, {9, 0xFFB82A24}, {14, 0x1208E7E2}, {16, 0x93BA3759}, {17, 0x89FDC23E}, {32, 0xD89829EC},
            {64, 0x02E95DBB}, {128, 0x0FD07B71}, {129, 0x68C9EC37}, {222, 0x5BD11DBD}, {240, 0xFA6B6557},
            {241, 0xE5F7C54D}, {403, 0x6675FF5A}, {512, 0xD485C30A}, {2048, 0x7C535464}, {2367, 0x4C8A9773},
            {4160, 0xDB0D9141}};
        for (int[] c : v) {
            assertThat(h(c[0], 0)).as("length %d", c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void seedPrime32() {
        int[][] v = {{0, 0x36B78AE7}, {1, 0xB4545AA4}, {4, 0x2BAAFE83}, {14, 0x6AF1D1FE}, {16, 0xA94FC1E1},
            {17, 0xC9910739}, {32, 0xA5C44467}, {222, 0x58803C5F}, {2367, 0x6D5366F6}};
        for (int[] c : v) {
            assertThat(h(c[0], PRIME32)).as("length %d", c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void aPrefixInsideALargerArrayHashesTheSame() {
        byte[] shifted = new byte[240 + 7];
        System.arraycopy(BUF, 0, shifted, 5, 240);
        shifted[0] = 1;
        shifted[245] = 2;
        assertThat(XxHash32.hash(shifted, 5, 240, 0)).isEqualTo(0xFA6B6557);
        assertThat(XxHash32.hash(shifted, 5, 222, PRIME32)).isEqualTo(0x58803C5F);
    }
}
