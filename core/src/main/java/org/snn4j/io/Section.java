package org.snn4j.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decoded or described section: its type, version, where it is (path and byte offset, -1 when built in
 * memory) and its fields in order. Field values are {@link Long}, {@link Double}, {@link Float},
 * {@link Boolean}, {@link String}, {@link Floats}, {@code int[]}, {@link Section} or {@code List<Section>}.
 * Package-private: users see {@link SectionWriter} and {@link SectionReader}.
 */
final class Section {
    final String type;
    final int version;
    final String path;
    final long offset;
    final Map<String, Object> fields = new LinkedHashMap<>();
    final Map<String, Long> fieldOffsets = new LinkedHashMap<>();

    Section(String type, int version, String path, long offset) {
        this.type = type;
        this.version = version;
        this.path = path;
        this.offset = offset;
    }

    /** A float array with its shape (row-major, last dimension fastest). */
    record Floats(int[] shape, float[] data) {
    }

    long offsetOf(String field) {
        Long at = fieldOffsets.get(field);
        return at == null ? offset : at;
    }

    String describe() {
        return path + " (" + type + ")";
    }
}
