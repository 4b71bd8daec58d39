package org.snn4j.encoding.aer;

import java.io.ByteArrayInputStream;

/** Test helper: an input stream over bytes that records whether it was closed. */
final class ClosingStream extends ByteArrayInputStream {
    boolean closed;

    ClosingStream(byte[] b) {
        super(b);
    }

    @Override
    public void close() {
        closed = true;
    }
}
