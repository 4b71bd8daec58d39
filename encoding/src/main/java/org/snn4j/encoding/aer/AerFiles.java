package org.snn4j.encoding.aer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads any supported event file, choosing the format from its first bytes: {@code #!AER-DAT2.0},
 * {@code #!AER-DAT3.1}, {@code #!AER-DAT4.0}; a file without such a line is read as N-MNIST {@code .bin}
 * when its name ends in {@code .bin}, and rejected otherwise. Stateless and thread-safe.
 */
public final class AerFiles {
    private AerFiles() {
    }

    /**
     * The format of {@code file} from its first line (and its extension for headerless N-MNIST files).
     *
     * @throws AerFormatException if the format is not recognised
     */
    public static AerFormat detect(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return detect(head, n, file.getFileName() == null ? "" : file.getFileName().toString());
    }

    /**
     * The format of a file's contents from its first bytes, and for headerless N-MNIST files from its name.
     *
     * @param data the file's bytes (only the first 16 are looked at); not modified
     * @param name the file name (or path), used only when there is no {@code #!AER-DAT} line: a name ending in
     *             {@code .bin} is N-MNIST
     * @throws AerFormatException if the format is not recognised (byte offset 0)
     */
    public static AerFormat detect(byte[] data, String name) throws AerFormatException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(name, "name");
        return detect(data, Math.min(16, data.length), name);
    }

    /**
     * Reads a whole file's contents already in memory (for example from a distributed file system) in the given
     * format.
     *
     * @param data   the file's bytes; not modified
     * @param format the format (from {@link #detect(byte[], String)} or known from the data set)
     * @param opts   reader options
     * @throws AerFormatException in strict mode, for a structural fault (with its byte offset)
     */
    public static AerRecording read(byte[] data, AerFormat format, ReadOptions opts) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(opts, "opts");
        switch (format) {
            case NMNIST_BIN:
                return NmnistBin.read(data, opts);
            case AEDAT2:
                return Aedat2.read(data, opts);
            case AEDAT3:
                return Aedat31.read(data, opts);
            default:
                return Aedat4.read(data, opts);
        }
    }

    static AerFormat detect(byte[] head, int n, String name) throws AerFormatException {
        String s = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (s.startsWith("#!AER-DAT2.0")) {
            return AerFormat.AEDAT2;
        }
        if (s.startsWith("#!AER-DAT3.1")) {
            return AerFormat.AEDAT3;
        }
        if (s.startsWith("#!AER-DAT4.0")) {
            return AerFormat.AEDAT4;
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".bin")) {
            return AerFormat.NMNIST_BIN;
        }
        String shown = s.length() > 12 ? s.substring(0, 12) : s;
        throw new AerFormatException(0, "magic", "#!AER-DAT2.0, #!AER-DAT3.1, #!AER-DAT4.0 or a .bin (N-MNIST) file",
                "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }

    /** Opens a streaming reader for {@code file} in the detected format. */
    public static EventReader open(Path file, ReadOptions opts) throws IOException {
        Objects.requireNonNull(opts, "opts");
        AerFormat f = detect(file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            switch (f) {
                case NMNIST_BIN:
                    return NmnistBin.open(in, opts);
                case AEDAT2:
                    return Aedat2.open(in, opts);
                case AEDAT3:
                    return Aedat31.open(in, opts);
                default:
                    return Aedat4.open(in, opts);
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads a whole file in the detected format. */
    public static AerRecording read(Path file, ReadOptions opts) throws IOException {
        AerFormat f = detect(file);
        switch (f) {
            case NMNIST_BIN:
                return NmnistBin.read(file, opts);
            case AEDAT4:
                return Aedat4.read(file, opts);
            default:
                try (EventReader r = open(file, opts)) {
                    return r.readAll();
                }
        }
    }
}
