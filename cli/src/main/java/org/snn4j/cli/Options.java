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

        @Option(names = "--out", paramLabel = "DIR", converter = OutputFolder.class,
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
     * {@code --data DIR}: the input folder of a command; default the command's shipped data folder (such as
     * {@code examples/data/mnist10k}), named in the command's {@code --help} and found by {@link #find(Path)}.
     * A command declares it with its folder: {@code @Mixin Options.Data data = new Options.Data("examples/data/events");}
     * (picocli keeps a mixin field's initial instance).
     */
    public static final class Data {
        private final Path shipped;

        @Option(names = "--data", paramLabel = "DIR", converter = DataFolder.class,
                description = "input data folder (default: ${DEFAULT-VALUE}, the data shipped in the repository, looked "
                        + "for under the working directory, then under each folder above it, then under each folder "
                        + "above the jar)")
        Path dir;

        /**
         * Creates the mixin for a command that reads {@code shipped} unless {@code --data} is given.
         *
         * @param shipped the repository-relative folder of the shipped data, such as {@code examples/data/mnist10k}
         */
        public Data(String shipped) {
            this.shipped = Path.of(shipped);
            this.dir = this.shipped;
        }

        /**
         * The folder given with {@code --data} (already located when the command line was parsed), else the shipped
         * folder located by {@link #find(Path)}.
         *
         * @throws IllegalArgumentException naming every place looked at, if the shipped folder is not found
         */
        public Path find() {
            return dir == shipped ? Options.find(shipped) : dir;
        }

        /** The folder given with {@code --data}, or null when it was not given. */
        public Path given() {
            return dir == shipped ? null : dir;
        }

        /** The repository-relative shipped folder read when {@code --data} is not given. */
        public Path shipped() {
            return shipped;
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
     * Converter for an option naming a file to write, such as {@code --save FILE}: checked when the command line is
     * parsed, before any work (so a long training run cannot end in a failed save): the path must not be a folder, its
     * parent folder must exist, be a folder and be writable, and an existing file must be writable. Otherwise a usage
     * error: one line, exit {@value Cli#USAGE}, such as
     * {@code mozafari2019: invalid value for option '--save': folder '/tmp/none' (of '/tmp/none/m.bin') does not exist}.
     */
    public static final class OutputFile implements ITypeConverter<Path> {
        /** Creates the converter. */
        public OutputFile() {
        }

        @Override
        public Path convert(String value) {
            return checkOutputFile(value);
        }
    }

    /**
     * Converter for an option naming a folder to write into ({@code --out DIR}): checked when the command line is
     * parsed: the path must not be an existing non-folder, and the nearest folder that exists on its way (itself or
     * an ancestor, where the missing folders will be created) must be a writable folder.
     */
    public static final class OutputFolder implements ITypeConverter<Path> {
        /** Creates the converter. */
        public OutputFolder() {
        }

        @Override
        public Path convert(String value) {
            return checkOutputFolder(value);
        }
    }

    /** {@link OutputFile}'s check: returns the path as given, or throws one line naming it and what is wrong. */
    static Path checkOutputFile(String value) {
        Path p = path(value);
        if (Files.isDirectory(p)) {
            throw new TypeConversionException("'" + value + "' is a folder, not a file");
        }
        if (Files.exists(p) && !Files.isWritable(p)) {
            throw new TypeConversionException("cannot write file '" + value + "' (permission denied)");
        }
        Path parent = p.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            throw new TypeConversionException("'" + value + "' is not a file name");
        }
        if (!Files.exists(parent)) {
            throw new TypeConversionException("folder '" + parent + "' (of '" + value + "') does not exist");
        }
        if (!Files.isDirectory(parent)) {
            throw new TypeConversionException("'" + parent + "' (of '" + value + "') is not a folder");
        }
        if (!Files.isWritable(parent)) {
            throw new TypeConversionException("cannot write into folder '" + parent + "' (permission denied)");
        }
        return p;
    }

    /** {@link OutputFolder}'s check: returns the path as given, or throws one line naming it and what is wrong. */
    static Path checkOutputFolder(String value) {
        Path p = path(value);
        Path existing = p.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new TypeConversionException("no folder of '" + value + "' exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new TypeConversionException("'" + existing + "' (in '" + value + "') is not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new TypeConversionException("cannot write into folder '" + existing + "' (permission denied)");
        }
        return p;
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
