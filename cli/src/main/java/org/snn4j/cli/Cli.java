package org.snn4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.snn4j.internal.kernel.FloatKernels;
import org.snn4j.network.Network;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one command-line layer of the examples and benchmarks jars, on picocli (Maven Central
 * {@code info.picocli:picocli}). A command is a class annotated with picocli's {@code @Command} and
 * {@code @Option} that implements {@link Command}; {@link #main(Command, String...)} parses the arguments and runs
 * it, so that every tool behaves the same way:
 * <ul>
 *   <li>{@code --help} (and {@code -h}) prints the usage, {@code --version} (and {@code -V}) the version, the JDK and
 *       the kernels; both exit 0;</li>
 *   <li>a usage error (unknown option, missing or bad value, out of range) prints one line naming the command, the
 *       option and the value, with a suggestion for a mistyped name, and exits {@value #USAGE};</li>
 *   <li>an input file or folder named on the command line (options declared with {@link Options.InputFile},
 *       {@link Options.InputFolder} or {@link Options.DataFolder}) is checked while parsing, before any work: if it
 *       does not exist, is of the wrong kind or cannot be read, that is a usage error (one line, exit
 *       {@value #USAGE});</li>
 *   <li>a bad value found while running ({@link IllegalArgumentException}, for example a data folder that does not
 *       exist) prints one line and exits {@value #USAGE}; a file that cannot be read or written or is damaged
 *       ({@link IOException}, {@link UncheckedIOException}) prints one line and exits {@value #FAILED};</li>
 *   <li>any other exception is a bug: it propagates with its stack trace.</li>
 * </ul>
 * The system property {@code snn4j.stacktrace=true} also prints the stack trace of the one-line errors.
 */
public final class Cli {
    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code when a file could not be read or written. */
    public static final int FAILED = 1;
    /** Exit code of a usage error or a bad value. */
    public static final int USAGE = 2;

    private Cli() {
    }

    /** What a command does once its options are parsed and checked. */
    @FunctionalInterface
    public interface Command {
        /**
         * Runs the command.
         *
         * @param out where results and progress lines go
         * @throws IllegalArgumentException for a bad value (exit {@value Cli#USAGE})
         * @throws IOException              for a missing, unreadable, damaged or unwritable file (exit
         *                                  {@value Cli#FAILED})
         */
        void run(PrintStream out) throws Exception;
    }

    /**
     * Runs {@code command} with {@code args} on {@code System.out} / {@code System.err} and exits the JVM with
     * the exit code if it is not 0.
     *
     * @param command a picocli-annotated command
     * @param args    the command line; not modified
     */
    public static void main(Command command, String... args) {
        exit(run(command, args, System.out, System.err));
    }

    /**
     * Exits the JVM with {@code code} unless it is {@link #OK} (so that a successful {@code main} returns normally
     * and leaves non-daemon threads, such as a Swing window, running).
     */
    public static void exit(int code) {
        System.out.flush();
        System.err.flush();
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * Parses {@code args} into {@code command} and runs it; never exits the JVM.
     *
     * @return {@link #OK}, {@link #USAGE} or {@link #FAILED}
     */
    public static int run(Command command, String[] args, PrintStream out, PrintStream err) {
        return run(commandLine(command), args, out, err);
    }

    /**
     * Parses {@code args} with {@code cl} (made by {@link #commandLine(Object)}, possibly with subcommands) and runs
     * the command that was chosen (the deepest subcommand named), which must implement {@link Command}.
     *
     * @return {@link #OK}, {@link #USAGE} or {@link #FAILED}
     */
    public static int run(CommandLine cl, String[] args, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args");
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (ParameterException e) {
            err.println(oneLine(e));
            return USAGE;
        }
        ParseResult leaf = parsed;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested()) {
                p.commandSpec().commandLine().usage(out);
                return OK;
            }
            if (p.isVersionHelpRequested()) {
                p.commandSpec().commandLine().printVersionHelp(out);
                return OK;
            }
            leaf = p;
        }
        Object user = leaf.commandSpec().userObject();
        String name = leaf.commandSpec().name();
        if (!(user instanceof Command)) {
            err.println(name + ": name a command; see --help");
            return USAGE;
        }
        try {
            ((Command) user).run(out);
            out.flush();
            return OK;
        } catch (IllegalArgumentException e) {
            return fail(err, name, e.getMessage(), e, USAGE);
        } catch (UncheckedIOException e) {
            return fail(err, name, describe(e.getCause()), e, FAILED);
        } catch (IOException e) {
            return fail(err, name, describe(e), e, FAILED);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name + " failed: " + e, e);
        }
    }

    /**
     * Parses {@code args} into {@code command} without running it (for tests and programmatic use).
     *
     * @return {@code command}, its fields set
     * @throws IllegalArgumentException with the same one-line message as the command line gives
     */
    public static <T> T parse(T command, String... args) {
        try {
            commandLine(command).parseArgs(args);
            return command;
        } catch (ParameterException e) {
            throw new IllegalArgumentException(oneLine(e), e);
        }
    }

    /**
     * A picocli {@link CommandLine} for {@code command} with this project's settings: {@code --help} and
     * {@code --version} on it and on every subcommand added later through {@link #addSubcommand}, case-insensitive
     * enum values and subcommand names, no abbreviated options, usage lines up to 110 columns.
     */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        configure(cl);
        return cl;
    }

    /**
     * Adds {@code sub} to {@code parent} as the subcommand {@code name} (with {@code aliases}), configured like
     * {@link #commandLine(Object)}, and returns it.
     */
    public static CommandLine addSubcommand(CommandLine parent, String name, Object sub, String... aliases) {
        CommandLine cl = new CommandLine(sub);
        configure(cl);
        parent.addSubcommand(name, cl, aliases);
        return cl;
    }

    private static void configure(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (!spec.mixinStandardHelpOptions()) {
            spec.mixinStandardHelpOptions(true);
        }
        spec.versionProvider(new Version());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setSubcommandsCaseInsensitive(true);
        cl.setAbbreviatedOptionsAllowed(false);
        cl.setUsageHelpWidth(110);
    }

    /** The one line printed for a usage error: command, message and, for a mistyped name, a suggestion. */
    static String oneLine(ParameterException e) {
        CommandLine cl = e.getCommandLine();
        String name = cl.getCommandName();
        StringBuilder sb = new StringBuilder(name).append(": ");
        List<String> unmatched = e instanceof UnmatchedArgumentException
                ? ((UnmatchedArgumentException) e).getUnmatched() : List.of();
        if (unmatched.isEmpty()) {
            sb.append(firstLetterLower(e.getMessage()));
        } else {
            String given = unmatched.get(0);
            boolean option = given.startsWith("-");
            boolean command = !option && !cl.getSubcommands().isEmpty();
            sb.append(option ? "unknown option '" : command ? "unknown command '" : "unexpected argument '")
                    .append(given).append('\'');
            List<String> close = option ? closest(given, optionNames(cl))
                    : command ? closest(given, commandNames(cl)) : List.of();
            if (!close.isEmpty()) {
                sb.append("; did you mean ").append(String.join(" or ", close)).append('?');
            }
        }
        sb.append(" (").append(name).append(" --help lists the ")
                .append(cl.getSubcommands().isEmpty() ? "options)" : "commands)");
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }

    private static List<String> optionNames(CommandLine cl) {
        List<String> names = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            names.add(o.longestName());
        }
        return names;
    }

    private static List<String> commandNames(CommandLine cl) {
        List<String> names = new ArrayList<>();
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!names.contains(sub.getCommandName())) {
                names.add(sub.getCommandName());
            }
        }
        return names;
    }

    /** The names in {@code known} closest to {@code given} (edit distance, or a prefix), if close enough. */
    static List<String> closest(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        List<String> close = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (String k : known) {
            String kl = k.toLowerCase(Locale.ROOT);
            int d = distance(g, kl);
            if (g.length() >= 3 && (kl.startsWith(g) || g.startsWith(kl))) {
                d = Math.min(d, 1);
            }
            if (d < best) {
                best = d;
                close.clear();
            }
            if (d == best && !close.contains(k)) {
                close.add(k);
            }
        }
        return best <= Math.max(2, g.length() / 3) && close.size() <= 3 ? close : List.of();
    }

    /**
     * The message for a name that is not one of {@code known} (a value checked by the command itself, such as a
     * benchmark workload), with the closest known names as a suggestion: {@code "unknown workload 'poisson';
     * did you mean poisson_syn? (known: ...)"}.
     */
    public static String unknown(String what, String given, Collection<String> known) {
        List<String> close = closest(given, known);
        String hint = close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
        return "unknown " + what + " '" + given + "'" + hint + " (known: " + String.join(", ", known) + ")";
    }

    /** Levenshtein distance (small strings only). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String firstLetterLower(String s) {
        if (s == null || s.isEmpty()) {
            return "invalid arguments";
        }
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }

    private static int fail(PrintStream err, String name, String message, Exception e, int code) {
        err.println(name + ": " + (message == null ? e.toString() : message).replace('\n', ' '));
        if (Boolean.getBoolean("snn4j.stacktrace")) {
            e.printStackTrace(err);
        }
        return code;
    }

    /** A one-line description of an I/O failure, naming the file. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + ((NoSuchFileException) e).getFile();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + ((AccessDeniedException) e).getFile();
        }
        if (e instanceof FileSystemException) {
            return "cannot access " + e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * The JDK and the float kernels in use, for start-up lines and results files, such as
     * {@code "JDK 17.0.15 (Eclipse Adoptium), kernels scalar"} or
     * {@code "JDK 25.0.3 (Eclipse Adoptium), kernels vector-512 (16 float lanes)"}.
     */
    public static String runtime() {
        return "JDK " + jdk() + " (" + System.getProperty("java.vendor", "?") + "), kernels " + kernelsDescription();
    }

    /** The running JDK's version, such as {@code "17.0.15"}. */
    public static String jdk() {
        return System.getProperty("java.version", "?");
    }

    /** The name of the float kernels in use: {@code "scalar"} or {@code "vector-<bits>"}. */
    public static String kernels() {
        return FloatKernels.get().name();
    }

    /** The float lanes of the kernels in use: 1 for scalar, bits / 32 for vector kernels. */
    public static int kernelLanes() {
        String k = kernels();
        if (k.startsWith("vector-")) {
            try {
                return Integer.parseInt(k.substring("vector-".length())) / Float.SIZE;
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return 1;
    }

    private static String kernelsDescription() {
        int lanes = kernelLanes();
        return lanes > 1 ? String.format(Locale.ROOT, "%s (%d float lanes)", kernels(), lanes) : kernels();
    }

    /** {@code --version}: the snn4j version, the JDK and the kernels. */
    public static final class Version implements IVersionProvider {
        /** Creates the provider. */
        public Version() {
        }

        @Override
        public String[] getVersion() {
            return new String[] {"snn4j " + Network.version(), runtime()};
        }
    }
}
