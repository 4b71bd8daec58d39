package org.snn4j.encoding.aer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** A buffered input that tracks its byte offset and can peek; package-private. Not thread-safe. */
final class AerInput implements java.io.Closeable {
    /** The underlying stream; null when reading a byte array ({@link #AerInput(byte[])}). */
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    private long base;
    private boolean eof;

    AerInput(InputStream in, long startOffset) {
        this.in = Objects.requireNonNull(in, "in");
        this.buf = new byte[1 << 16];
        this.base = startOffset;
    }

    /** Reads {@code data} in place (no copy into a buffer; {@link #view} always succeeds). */
    AerInput(byte[] data) {
        this.in = null;
        this.buf = Objects.requireNonNull(data, "data");
        this.lim = data.length;
        this.eof = true;
    }

    /** Offset of the next byte. */
    long position() {
        return base + pos;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        base += lim;
        pos = 0;
        lim = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        lim = n;
        return true;
    }

    /** Next byte without consuming it, or -1 at the end. */
    int peek() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos] & 0xFF;
    }

    /** Next byte, or -1 at the end. */
    int read() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /** Reads up to {@code len} bytes, fewer only at the end of the stream; returns the number read. */
    int read(byte[] dst, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (pos == lim && !fill()) {
                break;
            }
            int n = Math.min(len - done, lim - pos);
            System.arraycopy(buf, pos, dst, off + done, n);
            pos += n;
            done += n;
        }
        return done;
    }

    /**
     * Consumes the next {@code n} bytes without copying them when they are already contiguous in the buffer
     * (always for a byte array): returns their index in {@link #viewArray()}, valid until the next read; or -1,
     * consuming nothing, when they are not (read them with {@link #readGrowing} instead).
     */
    int view(int n) {
        if (n < 0 || n > lim - pos) {
            return -1;
        }
        int at = pos;
        pos += n;
        return at;
    }

    /** The array that {@link #view} indices refer to. */
    byte[] viewArray() {
        return buf;
    }

    /** Number of bytes read by the last {@link #readGrowing} call. */
    int lastRead;

    /**
     * Reads up to {@code n} bytes into {@code buf} from index 0, growing it only as data arrives (so a corrupt
     * length field cannot force a huge allocation); returns the (possibly new) buffer, the count is in
     * {@link #lastRead}.
     */
    byte[] readGrowing(byte[] buf, int n) throws IOException {
        int done = 0;
        while (done < n) {
            if (done == buf.length) {
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(n, Math.max(buf.length * 2L, 1 << 16)));
            }
            int k = read(buf, done, Math.min(n - done, buf.length - done));
            if (k == 0) {
                break;
            }
            done += k;
        }
        lastRead = done;
        return buf;
    }

    /** Skips up to {@code n} bytes, fewer only at the end; returns the number skipped. */
    long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            if (pos == lim && !fill()) {
                break;
            }
            int k = (int) Math.min(n - done, lim - pos);
            pos += k;
            done += k;
        }
        return done;
    }

    /** Reads everything up to the end if it is at most {@code max} bytes, else returns null (bytes consumed). */
    byte[] readAllRemaining(int max) throws IOException {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        byte[] tmp = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = read(tmp, 0, tmp.length)) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            bos.write(tmp, 0, n);
        }
        return bos.toByteArray();
    }

    /** Skips to the end; returns the number of bytes skipped. */
    long drain() throws IOException {
        return skip(Long.MAX_VALUE);
    }

    /**
     * Reads one header line (bytes up to and including LF; CR before LF is dropped) as ISO-8859-1, or null at
     * the end of the stream. At most {@code maxLen} bytes; longer lines return the first {@code maxLen}.
     */
    String readLine(int maxLen) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        boolean any = false;
        while ((c = read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (sb.length() < maxLen) {
                sb.append((char) c);
            }
        }
        if (!any) {
            return null;
        }
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
            sb.setLength(n - 1);
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
