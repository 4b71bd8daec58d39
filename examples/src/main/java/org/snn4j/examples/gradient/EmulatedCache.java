package org.snn4j.examples.gradient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.NmnistEmulator;
import org.snn4j.encoding.dataset.MnistDataset;
import org.snn4j.encoding.dataset.NmnistDataset;
import org.snn4j.io.AtomicFiles;

/**
 * A file cache of binned N-MNIST recordings emulated from MNIST digits. Emulation is deterministic given the
 * emulator's parameters, the camera seed, the sample-seed offset, the digits and the binning, so a file named by a
 * SHA-256 of all of them (the digits' pixels and labels included) holds the samples for every later run with the
 * same inputs. Files are written to a temporary file and moved into place; a file that cannot be read (truncated,
 * corrupt, another format) is rebuilt with a warning. A run for fewer digits than a cached file holds reads the first
 * ones of that file.
 */
public final class EmulatedCache {
    /** Bump when the emulator or the binning changes what the same parameters produce. */
    static final int KEY_VERSION = 1;

    private final Path dir;

    /**
     * A cache in a folder (created when the first file is written).
     *
     * @param dir the folder
     */
    public EmulatedCache(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * The default folder: {@code $XDG_CACHE_HOME/snn4j/nmnist-emulated}, or {@code ~/.cache/snn4j/nmnist-emulated}.
     *
     * @return the folder
     */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("snn4j").resolve("nmnist-emulated");
    }

    /** The cache folder. */
    public Path dir() {
        return dir;
    }

    /**
     * The file that holds (or will hold) the samples of these inputs.
     *
     * @param em         the emulator (its parameters and camera seed are part of the key)
     * @param digits     the MNIST split
     * @param n          how many digits, from the first
     * @param seedOffset sample-seed offset passed to {@link NmnistEmulator#emulateAll}
     * @param binning    the binning
     * @return the path in {@link #dir()}
     */
    public Path file(NmnistEmulator em, MnistDataset.Split digits, int n, long seedOffset,
                     NmnistDataset.Binning binning) {
        return dir.resolve(String.format(java.util.Locale.ROOT, "emulated-%d-%dx%dus-%s.bin", n, binning.steps(),
                binning.stepUs(), key(em, digits, n, seedOffset, binning)));
    }

    /**
     * The first {@code n} digits emulated and binned, read from the cache or made (and then written to it).
     *
     * @param em         the emulator
     * @param digits     the MNIST split
     * @param n          how many digits, from the first
     * @param seedOffset sample-seed offset
     * @param binning    the binning
     * @param threads    emulation threads (the result does not depend on them)
     * @param log        where a rebuilt file's warning and the cache's use are written
     * @return the samples
     * @throws IOException          if the cache file cannot be written
     * @throws InterruptedException if interrupted while emulating
     */
    public NmnistSamples samples(NmnistEmulator em, MnistDataset.Split digits, int n, long seedOffset,
                                 NmnistDataset.Binning binning, int threads, PrintStream log)
            throws IOException, InterruptedException {
        Path f = file(em, digits, n, seedOffset, binning);
        try {
            byte[] bytes = Files.readAllBytes(f);
            NmnistSamples s = NmnistSamples.read(bytes, binning.steps(), NmnistDataset.INPUTS, f.toString());
            if (s.size() == n) {
                log.println("  read " + n + " emulated recordings from the cache " + f);
                return s;
            }
            log.println("WARNING: cache file " + f + " holds " + s.size() + " samples, expected " + n + "; rebuilding");
        } catch (NoSuchFileException e) {
            NmnistSamples prefix = fromLarger(em, digits, n, seedOffset, binning, log);
            if (prefix != null) {
                return prefix;
            }
        } catch (IOException e) {
            log.println("WARNING: cache file unusable, rebuilding it: " + e.getMessage());
        }
        Events[] rec = em.emulateAll(n, digits::image, seedOffset, threads);
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = digits.label(i);
        }
        NmnistSamples s = NmnistSamples.of(rec, lab, binning);
        AtomicFiles.write(f, s::writeTo);
        log.println("  emulated " + n + " recordings, cached in " + f);
        return s;
    }

    /**
     * The first {@code n} samples of a cached file for more digits of the same inputs, or null if there is none.
     * Recording {@code i} depends only on the emulator, the seeds, digit {@code i} and the binning, never on how
     * many were made, and a file's name holds the key of all of them, so the first {@code n} samples of a file for
     * {@code m > n} digits are the samples of {@code n} digits. Files are tried from the smallest {@code m}; one
     * that cannot be read is skipped with a warning.
     */
    private NmnistSamples fromLarger(NmnistEmulator em, MnistDataset.Split digits, int n, long seedOffset,
                                     NmnistDataset.Binning binning, PrintStream log) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        String tail = String.format(java.util.Locale.ROOT, "-%dx%dus-", binning.steps(), binning.stepUs());
        java.util.TreeSet<Integer> counts = new java.util.TreeSet<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                int end = name.indexOf(tail);
                if (name.startsWith("emulated-") && end > 9 && name.endsWith(".bin")) {
                    try {
                        int m = Integer.parseInt(name.substring(9, end));
                        if (m > n && m <= digits.count()) {
                            counts.add(m);
                        }
                    } catch (NumberFormatException e) {
                        // another file
                    }
                }
            });
        }
        for (int m : counts) {
            Path f = file(em, digits, m, seedOffset, binning);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                NmnistSamples s = NmnistSamples.read(Files.readAllBytes(f), binning.steps(), NmnistDataset.INPUTS,
                        f.toString());
                if (s.size() == m) {
                    log.println("  read the first " + n + " of " + m + " emulated recordings from the cache " + f);
                    return s.first(n);
                }
                log.println("WARNING: cache file " + f + " holds " + s.size() + " samples, expected " + m
                        + "; not used");
            } catch (IOException e) {
                log.println("WARNING: cache file unusable, not used: " + e.getMessage());
            }
        }
        return null;
    }

    static String key(NmnistEmulator em, MnistDataset.Split digits, int n, long seedOffset,
                      NmnistDataset.Binning binning) {
        if (n < 0 || n > digits.count()) {
            throw new IllegalArgumentException("n must be in [0, " + digits.count() + "], got " + n);
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String header = "snn4j nmnist-emulated v" + KEY_VERSION + "; " + em.parameters() + "; camera "
                + em.cameraSeed() + "; offset " + seedOffset + "; n " + n + "; " + binning + "; image "
                + digits.rows() + "x" + digits.cols();
        md.update(header.getBytes(StandardCharsets.UTF_8));
        int px = digits.rows() * digits.cols();
        md.update(digits.pixels(), 0, n * px);
        md.update(digits.labels(), 0, n);
        return HexFormat.of().formatHex(md.digest(), 0, 8);
    }
}
