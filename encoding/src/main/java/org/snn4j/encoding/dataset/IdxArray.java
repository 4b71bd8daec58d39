package org.snn4j.encoding.dataset;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content of an IDX file of unsigned bytes (type {@code 0x08}): its dimensions and the data, row-major
 * (last index fastest). The arrays are held and returned without copying; treat them as read-only.
 *
 * @param dims sizes, outermost first (MNIST images: {@code N, 28, 28}; labels: {@code N})
 * @param data {@code product(dims)} bytes, read as unsigned
 */
public record IdxArray(int[] dims, byte[] data) {

    /** Checks that {@code data.length} is the product of {@code dims}. */
    public IdxArray {
        Objects.requireNonNull(dims, "dims");
        Objects.requireNonNull(data, "data");
        long p = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("dims[" + i + "] must be >= 0, got " + dims[i]);
            }
            p *= dims[i];
        }
        if (p != data.length) {
            throw new IllegalArgumentException("data.length must be " + p + " for dims " + Arrays.toString(dims)
                    + ", got " + data.length);
        }
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dims);
    }
}
