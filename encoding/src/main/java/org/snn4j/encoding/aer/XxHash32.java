package org.snn4j.encoding.aer;

/**
 * xxHash32 (Yann Collet, xxHash specification, "XXH32 algorithm"), used by the LZ4 frame format for its header,
 * block and content checksums. Written from the published specification. Stateless and thread-safe.
 */
final class XxHash32 {
    private static final int P1 = 0x9E3779B1;
    private static final int P2 = 0x85EBCA77;
    private static final int P3 = 0xC2B2AE3D;
    private static final int P4 = 0x27D4EB2F;
    private static final int P5 = 0x165667B1;

    private XxHash32() {
    }

    /** The 32-bit hash of {@code b[off .. off+len)} with {@code seed}. */
    static int hash(byte[] b, int off, int len, int seed) {
        int p = off;
        final int end = off + len;
        int h;
        if (len >= 16) {
            int v1 = seed + P1 + P2;
            int v2 = seed + P2;
            int v3 = seed;
            int v4 = seed - P1;
            final int limit = end - 16;
            do {
                v1 = Integer.rotateLeft(v1 + Lz4Frame.le32(b, p) * P2, 13) * P1;
                v2 = Integer.rotateLeft(v2 + Lz4Frame.le32(b, p + 4) * P2, 13) * P1;
                v3 = Integer.rotateLeft(v3 + Lz4Frame.le32(b, p + 8) * P2, 13) * P1;
                v4 = Integer.rotateLeft(v4 + Lz4Frame.le32(b, p + 12) * P2, 13) * P1;
                p += 16;
            } while (p <= limit);
            h = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
                    + Integer.rotateLeft(v4, 18);
        } else {
            h = seed + P5;
        }
        h += len;
        while (p + 4 <= end) {
            h = Integer.rotateLeft(h + Lz4Frame.le32(b, p) * P3, 17) * P4;
            p += 4;
        }
        while (p < end) {
            h = Integer.rotateLeft(h + (b[p] & 0xFF) * P5, 11) * P1;
            p++;
        }
        h ^= h >>> 15;
        h *= P2;
        h ^= h >>> 13;
        h *= P3;
        h ^= h >>> 16;
        return h;
    }
}
