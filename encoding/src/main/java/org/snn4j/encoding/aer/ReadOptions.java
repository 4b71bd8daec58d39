package org.snn4j.encoding.aer;

import java.util.Objects;

/**
 * Reader options. Immutable; use the {@code with...} copies.
 *
 * @param mode         {@link ReadMode#STRICT} (default) throws on structural faults, {@link ReadMode#LENIENT}
 *                     drops and counts them
 * @param sensorWidth  sensor width in pixels, or 0 for the format's own (N-MNIST 34; AEDAT 2.0 from the layout;
 *                     AEDAT 3.1 from the header; AEDAT 4.0 from the stream description)
 * @param sensorHeight sensor height in pixels, or 0 as for {@code sensorWidth}
 * @param layout       AEDAT 2.0 address layout, or {@code null} to take it from the {@code # AEChip:} line
 * @param chunkEvents  events per chunk returned by {@link EventReader#next()} for the headerless N-MNIST format
 *                     and AEDAT 2.0, at least 1
 * @param maxDecompressedBytes the largest decompressed size of one compressed block (an AEDAT 4.0 packet or data
 *                     table, LZ4 or Zstandard), in bytes, in {@code [1, 2^31 - 64]}; checked while decompressing,
 *                     so a small packet that would expand beyond it (a decompression bomb) is a fault naming the
 *                     packet, its byte offset and this limit. Default {@link #DEFAULT_MAX_DECOMPRESSED}
 *                     (64 MiB, about 4 million events per packet); raise it with
 *                     {@link #withMaxDecompressedBytes(int)} for files with larger packets
 */
public record ReadOptions(ReadMode mode, int sensorWidth, int sensorHeight, DvsLayout layout, int chunkEvents,
                          int maxDecompressedBytes) {
    /** Default events per chunk for record formats: 65,536. */
    public static final int DEFAULT_CHUNK = 1 << 16;
    /** Default limit on the decompressed size of one compressed block: 64 MiB. */
    public static final int DEFAULT_MAX_DECOMPRESSED = 1 << 26;
    /** Largest accepted {@code maxDecompressedBytes}: the largest Java array, less a margin. */
    public static final int MAX_DECOMPRESSED_LIMIT = Integer.MAX_VALUE - 64;

    /** Checks every field. */
    public ReadOptions {
        Objects.requireNonNull(mode, "mode");
        if (sensorWidth < 0 || sensorWidth > Short.MAX_VALUE) {
            throw new IllegalArgumentException("sensorWidth must be in [0, 32767] (0 = from the file), got " + sensorWidth);
        }
        if (sensorHeight < 0 || sensorHeight > Short.MAX_VALUE) {
            throw new IllegalArgumentException("sensorHeight must be in [0, 32767] (0 = from the file), got " + sensorHeight);
        }
        if ((sensorWidth == 0) != (sensorHeight == 0)) {
            throw new IllegalArgumentException("sensorWidth and sensorHeight must both be 0 or both > 0, got "
                    + sensorWidth + "x" + sensorHeight);
        }
        if (chunkEvents < 1) {
            throw new IllegalArgumentException("chunkEvents must be >= 1, got " + chunkEvents);
        }
        if (maxDecompressedBytes < 1 || maxDecompressedBytes > MAX_DECOMPRESSED_LIMIT) {
            throw new IllegalArgumentException("maxDecompressedBytes must be in [1, " + MAX_DECOMPRESSED_LIMIT
                    + "], got " + maxDecompressedBytes);
        }
    }

    /** As the canonical constructor with the default {@code maxDecompressedBytes} (64 MiB). */
    public ReadOptions(ReadMode mode, int sensorWidth, int sensorHeight, DvsLayout layout, int chunkEvents) {
        this(mode, sensorWidth, sensorHeight, layout, chunkEvents, DEFAULT_MAX_DECOMPRESSED);
    }

    /** Strict mode, sensor and layout from the file. */
    public static ReadOptions strict() {
        return new ReadOptions(ReadMode.STRICT, 0, 0, null, DEFAULT_CHUNK, DEFAULT_MAX_DECOMPRESSED);
    }

    /** Lenient mode, sensor and layout from the file. */
    public static ReadOptions lenient() {
        return new ReadOptions(ReadMode.LENIENT, 0, 0, null, DEFAULT_CHUNK, DEFAULT_MAX_DECOMPRESSED);
    }

    /** A copy with another mode. */
    public ReadOptions withMode(ReadMode m) {
        return new ReadOptions(m, sensorWidth, sensorHeight, layout, chunkEvents, maxDecompressedBytes);
    }

    /** A copy with an explicit sensor size (e.g. N-Caltech101 recordings). */
    public ReadOptions withSensor(int width, int height) {
        return new ReadOptions(mode, width, height, layout, chunkEvents, maxDecompressedBytes);
    }

    /** A copy with an explicit AEDAT 2.0 layout (overrides the {@code # AEChip:} line). */
    public ReadOptions withLayout(DvsLayout l) {
        return new ReadOptions(mode, sensorWidth, sensorHeight, l, chunkEvents, maxDecompressedBytes);
    }

    /** A copy with another chunk size. */
    public ReadOptions withChunkEvents(int n) {
        return new ReadOptions(mode, sensorWidth, sensorHeight, layout, n, maxDecompressedBytes);
    }

    /**
     * A copy with another limit on the decompressed size of one compressed block (AEDAT 4.0 packet or data
     * table), in bytes.
     */
    public ReadOptions withMaxDecompressedBytes(int bytes) {
        return new ReadOptions(mode, sensorWidth, sensorHeight, layout, chunkEvents, bytes);
    }

    boolean hasSensor() {
        return sensorWidth > 0;
    }
}
