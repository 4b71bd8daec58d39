package org.snn4j.io;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * snn4j's versioned binary model format: named parameters and named float arrays with their shapes
 * ({@link ModelData}), protected by a CRC32 checksum. Never Java serialization.
 *
 * <h2>Layout (all numbers big-endian)</h2>
 * <pre>
 * offset 0   8 bytes  magic            0x89 'S' 'N' 'N' '4' 'J' 'M' '\n'
 * offset 8   int32    format version   {@link #CURRENT_VERSION}
 * offset 12  int64    body length L    bytes from offset 20 to the checksum
 * offset 20  body:
 *            int32    parameter count, then per parameter:
 *                       string name; int8 tag (1 text, 2 int64, 3 float64); the value
 *                       (text: string; int64: 8 bytes; float64: IEEE 754 bits, 8 bytes)
 *            int32    array count, then per array:
 *                       string name; int32 rank; rank x int32 dimensions; product x float32 (IEEE 754)
 * offset 20+L int32   CRC32 of bytes [0, 20+L)
 * </pre>
 * A string is an int32 byte count followed by that many UTF-8 bytes. A reader of version {@code v}
 * rejects files of a newer version; newer readers keep reading older versions.
 *
 * <h2>Failures</h2>
 * Reading throws {@link ModelFileException} naming the byte offset and the field: {@code FOREIGN} (magic),
 * {@code NEWER_VERSION}, {@code TRUNCATED} (shorter than the header declares), {@code CORRUPT} (checksum
 * mismatch or trailing bytes) or {@code MALFORMED} (an empty or duplicated parameter or array name, a rank or
 * shape that needs more bytes than are left, an unknown value tag, invalid UTF-8). For a file's content it
 * throws nothing else (no {@code IllegalArgumentException}, no {@code OutOfMemoryError} from a forged size:
 * every count, rank and dimension is checked against the bytes that follow before anything is allocated, so
 * reading allocates at most a few times the file size).
 *
 * <p>Writing goes to a temporary file in the target's directory, which is forced to disk and then moved
 * over the target atomically, so a crash never leaves a half-written model under the target name; a
 * temporary file stranded by a crash (a killed JVM) is deleted by the next write of the same target (see
 * {@link AtomicFiles}).
 *
 * <p>Stateless and thread-safe (two threads writing the same path race, but each move is atomic).
 */
public final class ModelFile {
    /** The format version this class writes and the newest it reads. */
    public static final int CURRENT_VERSION = 1;

    private static final byte[] MAGIC = {(byte) 0x89, 'S', 'N', 'N', '4', 'J', 'M', '\n'};
    private static final int HEADER = Frame.HEADER;
    private static final byte TAG_TEXT = 1;
    private static final byte TAG_INT = 2;
    private static final byte TAG_REAL = 3;
    /** The largest model file read or written: one Java array. */
    private static final int MAX_FILE = Frame.MAX_FILE;

    private ModelFile() {
    }

    /**
     * Encodes {@code model} in the current format.
     *
     * @param model not modified
     * @return the file's bytes
     */
    public static byte[] toBytes(ModelData model) {
        Objects.requireNonNull(model, "model");
        long size = HEADER + 4L + 4L;
        for (Map.Entry<String, ModelData.Value> e : model.parameters().entrySet()) {
            size += 4L + utf8(e.getKey()).length + 1;
            ModelData.Value v = e.getValue();
            size += v instanceof ModelData.Text t ? 4L + utf8(t.value()).length : 8L;
        }
        for (Map.Entry<String, ModelData.Tensor> e : model.arrays().entrySet()) {
            ModelData.Tensor t = e.getValue();
            size += 4L + utf8(e.getKey()).length + 4L + 4L * t.shape().length + 4L * t.data().length;
        }
        size += 4; // checksum
        if (size > MAX_FILE) {
            throw new IllegalArgumentException("model too large for one file: " + size + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        b.put(MAGIC).putInt(CURRENT_VERSION).putLong(size - HEADER - 4);
        b.putInt(model.parameters().size());
        for (Map.Entry<String, ModelData.Value> e : model.parameters().entrySet()) {
            putString(b, e.getKey());
            ModelData.Value v = e.getValue();
            if (v instanceof ModelData.Text t) {
                b.put(TAG_TEXT);
                putString(b, t.value());
            } else if (v instanceof ModelData.Int i) {
                b.put(TAG_INT).putLong(i.value());
            } else {
                b.put(TAG_REAL).putDouble(((ModelData.Real) v).value());
            }
        }
        b.putInt(model.arrays().size());
        for (Map.Entry<String, ModelData.Tensor> e : model.arrays().entrySet()) {
            putString(b, e.getKey());
            int[] shape = e.getValue().shape();
            b.putInt(shape.length);
            for (int k = 0; k < shape.length; k++) {
                b.putInt(shape[k]);
            }
            b.asFloatBuffer().put(e.getValue().data());
            b.position(b.position() + 4 * e.getValue().data().length);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Writes {@code model} to {@code file} atomically: a temporary file in the same directory is written,
     * forced to disk and moved over {@code file} ({@code ATOMIC_MOVE}, {@code REPLACE_EXISTING}). Missing
     * parent directories are created. On failure the temporary file is deleted and {@code file} is left
     * as it was.
     *
     * @param model not modified
     * @throws IOException if writing or moving fails
     */
    public static void write(Path file, ModelData model) throws IOException {
        Objects.requireNonNull(file, "file");
        AtomicFiles.write(file, toBytes(model));
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFileException if the file is foreign, newer, truncated, corrupt or malformed; the
     *                            message starts with the file name
     * @throws IOException        if the file cannot be read
     */
    public static ModelData read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long fileSize = Files.size(file);
        if (fileSize > MAX_FILE) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, 0, "file size",
                    file + ": " + fileSize + " bytes, more than the largest model file (" + MAX_FILE + " bytes)");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return fromBytes(bytes);
        } catch (ModelFileException e) {
            ModelFileException named = new ModelFileException(e.kind(), e.offset(), e.field(),
                    file + ": " + e.detail());
            named.setStackTrace(e.getStackTrace());
            throw named;
        }
    }

    /**
     * Decodes a model from the bytes of a model file.
     *
     * @param bytes not modified
     * @throws ModelFileException if the bytes are foreign, newer, truncated, corrupt or malformed
     */
    public static ModelData fromBytes(byte[] bytes) throws ModelFileException {
        Objects.requireNonNull(bytes, "bytes");
        int crcAt = Frame.open(bytes, MAGIC, CURRENT_VERSION, "model file").bodyEnd();
        ByteBuffer body = ByteBuffer.wrap(bytes, 0, crcAt);
        body.position(HEADER);
        String field = "parameterCount";
        try {
            ModelData model = new ModelData();
            int params = count(body, field);
            for (int p = 0; p < params; p++) {
                field = "parameter[" + p + "].name";
                int keyAt = body.position();
                String key = name(body, field);
                if (model.parameters().containsKey(key)) {
                    throw new ModelFileException(ModelFileException.Kind.MALFORMED, keyAt, field,
                            "duplicate parameter name '" + key + "'");
                }
                field = "parameter '" + key + "'";
                byte tag = body.get();
                switch (tag) {
                    case TAG_TEXT -> model.putText(key, string(body, field));
                    case TAG_INT -> model.putInt(key, body.getLong());
                    case TAG_REAL -> model.putReal(key, body.getDouble());
                    default -> throw new ModelFileException(ModelFileException.Kind.MALFORMED, body.position() - 1,
                            field, "unknown value tag " + tag + ", expected 1 (text), 2 (int) or 3 (real)");
                }
            }
            field = "arrayCount";
            int arrays = count(body, field);
            for (int a = 0; a < arrays; a++) {
                field = "array[" + a + "].name";
                int nameAt = body.position();
                String name = name(body, field);
                if (model.arrays().containsKey(name)) {
                    throw new ModelFileException(ModelFileException.Kind.MALFORMED, nameAt, field,
                            "duplicate array name '" + name + "'");
                }
                field = "array '" + name + "' rank";
                int rank = count(body, field);
                if (rank > body.remaining() / 4) {
                    throw new ModelFileException(ModelFileException.Kind.MALFORMED, body.position() - 4, field,
                            "rank " + rank + " needs " + 4L * rank + " bytes of dimensions, " + body.remaining()
                                    + " left");
                }
                int[] shape = new int[rank];
                long size = 1;
                for (int k = 0; k < rank; k++) {
                    field = "array '" + name + "' dimension " + k;
                    shape[k] = count(body, field);
                    size = Math.min(size * shape[k], Integer.MAX_VALUE); // saturate: no overflow
                }
                field = "array '" + name + "' data";
                if (size * 4 > body.remaining()) {
                    throw new ModelFileException(ModelFileException.Kind.MALFORMED, body.position(), field,
                            "shape " + java.util.Arrays.toString(shape) + " needs " + size * 4 + " bytes, "
                                    + body.remaining() + " left");
                }
                float[] data = new float[(int) size];
                body.asFloatBuffer().get(data);
                body.position(body.position() + 4 * data.length);
                model.putArray(name, shape, data);
            }
            if (body.hasRemaining()) {
                throw new ModelFileException(ModelFileException.Kind.MALFORMED, body.position(), "body",
                        body.remaining() + " bytes left over after the last array");
            }
            return model;
        } catch (BufferUnderflowException e) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, body.position(), field,
                    "the body ends inside this field");
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // a safety net for the typed contract: every check above should come first
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, body.position(), field,
                    "invalid content (" + e.getMessage() + ")");
        }
    }

    private static int count(ByteBuffer b, String field) throws ModelFileException {
        int v = b.getInt();
        if (v < 0) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, b.position() - 4, field,
                    "must be >= 0, got " + v);
        }
        return v;
    }

    /** A parameter or array name: a non-empty string. */
    private static String name(ByteBuffer b, String field) throws ModelFileException {
        int at = b.position();
        String s = string(b, field);
        if (s.isEmpty()) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, at, field, "names must not be empty");
        }
        return s;
    }

    private static String string(ByteBuffer b, String field) throws ModelFileException {
        int len = count(b, field + " length");
        if (len > b.remaining()) {
            throw new ModelFileException(ModelFileException.Kind.MALFORMED, b.position() - 4, field,
                    "string length " + len + " exceeds the " + b.remaining() + " bytes left");
        }
        return Frame.utf8(b, len, field);
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] u = utf8(s);
        b.putInt(u.length).put(u);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
