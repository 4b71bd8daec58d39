package org.snn4j.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snn4j.io.AtomicFiles;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options that mean the same thing in every example and benchmark, as picocli mixins
 * ({@code @Mixin Options.Out out;}): where output goes, where input data is found, how many threads run.
 */
public final class Options {
    private Options() {
    }

    /**
     * {@code --out DIR}: where a command writes its files; default {@code results/<command name>} under the working
     * directory (git-ignored).
     */
    public static final class Out {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Option(names = "--out", paramLabel = "DIR",
                description = "output folder (default: results/${COMMAND-NAME} under the working directory)")
        Path dir;

        /** Creates the mixin (picocli fills it). */
        public Out() {
        }

        /** The folder given with {@code --out}, else {@code results/<command name>}. */
        public Path dir() {
            return dir != null ? dir : Path.of("results", mixee.name());
        }

        /**
         * Writes {@code text} (UTF-8) to the file {@code name} in {@link #dir()}, creating the folder, through a
         * temporary file moved into place.
         *
         * @return the file written
         */
        public Path write(String name, String text) throws IOException {
            Path d = dir();
            Files.createDirectories(d);
            Path f = d.resolve(name);
            AtomicFiles.write(f, text.getBytes(StandardCharsets.UTF_8));
            return f;
        }
    }

    /**
     * {@code --data DIR}: the input folder; default the data shipped in the repository, found by
     * {@link #find(Path)}.
     */
    public static final class Data {
        @Option(names = "--data", paramLabel = "DIR", converter = DataFolder.class,
                description = "input data folder (default: the shipped data, looked for from the working directory "
                        + "upwards and next to the jar)")
        Path dir;

        /** Creates the mixin (picocli fills it). */
        public Data() {
        }

        /**
         * The folder given with {@code --data}, else {@code shipped}, located by {@link #find(Path)}.
         *
         * @param shipped the repository-relative folder of the shipped data, such as {@code examples/data/mnist10k}
         * @throws IllegalArgumentException naming every place looked at, if it is not found
         */
        public Path find(String shipped) {
            return Options.find(dir != null ? dir : Path.of(shipped));
        }

        /** The folder given with {@code --data}, or null. */
        public Path given() {
            return dir;
        }
    }

    /**
     * Converter for an option naming an input file ({@code @Option(converter = Options.InputFile.class)}): the file
     * is checked when the command line is parsed, before any work, so that a missing, unreadable or wrong-kind path
     * is a usage error: one line, exit {@value Cli#USAGE}, such as
     * {@code mozafari2019: invalid value for option '--load': no such file '/tmp/x' ...}.
     */
    public static final class InputFile implements ITypeConverter<Path> {
        /** Creates the converter. */
        public InputFile() {
        }

        @Override
        public Path convert(String value) {
            return checkInput(value, false);
        }
    }

    /** Like {@link InputFile}, for an option naming an input folder (exists, is a folder, readable). */
    public static final class InputFolder implements ITypeConverter<Path> {
        /** Creates the converter. */
        public InputFolder() {
        }

        @Override
        public Path convert(String value) {
            return checkInput(value, true);
        }
    }

    /**
     * Converter for {@code --data}-like options: the folder is located by {@link #find(Path)} when the command line
     * is parsed, so that a folder that is not found is a usage error before any work.
     */
    public static final class DataFolder implements ITypeConverter<Path> {
        /** Creates the converter. */
        public DataFolder() {
        }

        @Override
        public Path convert(String value) {
            Path p = path(value);
            try {
                return find(p, false);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * Checks that {@code value} names an existing, readable regular file ({@code folder == false}) or folder.
     *
     * @return the path as given
     * @throws TypeConversionException one line naming the path and what is wrong
     */
    static Path checkInput(String value, boolean folder) {
        Path p = path(value);
        String kind = folder ? "folder" : "file";
        if (!Files.exists(p)) {
            throw new TypeConversionException("no such " + kind + " '" + value + "'");
        }
        if (folder ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
            throw new TypeConversionException("'" + value + "' is not a " + kind);
        }
        if (!Files.isReadable(p)) {
            throw new TypeConversionException("cannot read " + kind + " '" + value + "' (permission denied)");
        }
        return p;
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a valid path: " + e.getReason());
        }
    }

    /** {@code --threads N}: worker threads, an integer &gt;= 1; default the available processors. */
    public static final class Threads {
        @Option(names = "--threads", paramLabel = "N", converter = Ranges.AtLeastOne.class,
                description = "worker threads, >= 1 (default: the available processors, ${DEFAULT-VALUE} here)")
        int threads = Runtime.getRuntime().availableProcessors();

        /** Creates the mixin (picocli fills it). */
        public Threads() {
        }

        /** The number of threads. */
        public int get() {
            return threads;
        }
    }

    /**
     * The value of an option whose default depends on {@code --quick}: {@code given} if the option was given,
     * else {@code quickValue} with {@code --quick}, else {@code full}.
     */
    public static int orDefault(Integer given, boolean quick, int quickValue, int full) {
        return given != null ? given : quick ? quickValue : full;
    }

    /**
     * Finds a data folder the same way for every command: as given (relative to the working directory) if it is a
     * folder; otherwise, for a relative path, in each parent of the working directory, then in each parent of the
     * folder that holds the running jar (so {@code java -jar /repo/examples/target/snn4j-examples.jar} finds
     * {@code examples/data/...} from any directory).
     *
     * @return the folder, absolute and normalised
     * @throws IllegalArgumentException naming the folder and every place looked at
     */
    public static Path find(Path folder) {
        return find(folder, true);
    }

    /** {@link #find(Path)}; {@code hint}: end the message with "pass --data DIR" (not when --data was given). */
    private static Path find(Path folder, boolean hint) {
        List<Path> tried = new ArrayList<>();
        Path direct = folder.toAbsolutePath().normalize();
        tried.add(direct);
        if (Files.isDirectory(direct)) {
            return direct;
        }
        if (!folder.isAbsolute()) {
            for (Path p = Path.of("").toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                Path c = p.resolve(folder).normalize();
                if (Files.isDirectory(c)) {
                    return c;
                }
            }
            tried.add(Path.of("<each parent of the working directory>"));
            try {
                Path jar = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                    Path c = p.resolve(folder).normalize();
                    if (Files.isDirectory(c)) {
                        return c;
                    }
                }
                tried.add(Path.of("<each parent of " + jar + ">"));
            } catch (URISyntaxException | RuntimeException e) {
                // no code source: nothing more to try
            }
        }
        throw new IllegalArgumentException("data folder '" + folder + "' not found; looked in " + tried
                + (hint ? "; pass --data DIR" : ""));
    }
}
