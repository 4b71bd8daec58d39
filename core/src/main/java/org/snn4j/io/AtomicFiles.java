package org.snn4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * Writes a file so that nothing is lost: the content goes to a temporary file in the target's directory,
 * is forced to disk, gets ordinary permissions ({@code rw-r--r--} on POSIX file systems; temporary files
 * are created owner-only) and is then moved over the target ({@code ATOMIC_MOVE}). Readers see the old
 * file or the new one, never a partial one; on failure the temporary file is deleted and the target is
 * left as it was. Missing parent directories are created. Stateless and thread-safe.
 *
 * <p><b>Crash while writing.</b> A process killed mid-write (power loss, {@code kill -9}, an
 * {@code OutOfMemoryError} that stops the JVM) leaves the target intact and its temporary file behind. The
 * temporary file is named {@code .<target name>.<pid>.<random>.tmp}, with the id of the writing process; every
 * write first deletes the temporary files of the same target whose process is no longer alive, so a stranded
 * temporary file lives only until the next write of that target. Temporary files of live processes (another
 * thread or JVM writing the same target right now) are left alone. On a file system shared between machines a
 * process id from another host may look dead here; the other host's write then fails with an
 * {@code IOException} and its target stays intact.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the whole content to {@code out} (do not close it). */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code bytes} to {@code file} atomically.
     *
     * @param bytes not modified
     * @throws IOException if writing or moving fails
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(file, out -> out.write(bytes));
    }

    /**
     * Writes the content produced by {@code writer} to {@code file} atomically.
     *
     * @throws IOException if writing or moving fails (including an exception thrown by the writer)
     */
    public static void write(Path file, Writer writer) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(writer, "writer");
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        String prefix = "." + abs.getFileName() + ".";
        deleteStale(dir, prefix);
        Path tmp = Files.createTempFile(dir, prefix + ProcessHandle.current().pid() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(ch)) {
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) {
                posix.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // same directory, so only on exotic file systems: replace as well as we can
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temporary files {@code <prefix><pid>.<digits>.tmp} in {@code dir} whose process {@code pid} is
     * not alive (left by a crash). Best effort: a file that cannot be listed or deleted is left.
     */
    static int deleteStale(Path dir, String prefix) {
        if (dir == null) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path p : ds) {
                String rest = p.getFileName().toString();
                rest = rest.substring(prefix.length(), rest.length() - ".tmp".length());
                int dot = rest.indexOf('.');
                if (dot < 1 || !digits(rest, 0, dot) || !digits(rest, dot + 1, rest.length())) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(rest.substring(0, dot));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    if (Files.deleteIfExists(p)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    // best effort: the write itself does not depend on it
                }
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // best effort
        }
        return deleted;
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
