package org.snn4j.encoding.aer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the shipped real event files from the test resources. */
final class Fixtures {
    static final String NMNIST = "sample_nmnist.bin";
    static final String AEDAT4 = "sample.aedat4";
    static final String AEDAT2_HEADER_ONLY = "sample_aedat_header.aedat";
    static final String DVS128_JUNK = "header_test_128.aedat_test";

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /events/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
