import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alternating A/B rounds of one benchmark workload in ONE JVM, for a shared machine where separate runs see
 * different loads: each jar (a build of {@code snn4j-benchmarks.jar}, optionally with its own thread count as
 * {@code JAR:THREADS}) gets its own class loader, and every round runs the workload once per jar, in turn.
 * Prints each round's JSON line and, per jar, the medians over rounds of {@code value},
 * {@code cpu_s_median} and {@code wall_s}, with the load average.
 *
 * <pre>
 * java scripts/AbJars.java ROUNDS WORKLOAD JAR[:THREADS] JAR[:THREADS]...
 * java scripts/AbJars.java 5 coba /tmp/old.jar:1 benchmarks/target/snn4j-benchmarks.jar:1 /tmp/old.jar:2 benchmarks/target/snn4j-benchmarks.jar:2
 * </pre>
 */
public class AbJars {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java scripts/AbJars.java ROUNDS WORKLOAD JAR[:THREADS] JAR[:THREADS]...");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        String workload = args[1];
        int n = args.length - 2;
        Object[] work = new Object[n];
        Method[] run = new Method[n];
        Object[] settings = new Object[n];
        String[] label = new String[n];
        for (int j = 0; j < n; j++) {
            String spec = args[j + 2];
            int colon = spec.lastIndexOf(':');
            Integer threads = colon > 0 ? Integer.valueOf(spec.substring(colon + 1)) : null;
            Path jar = Path.of(colon > 0 ? spec.substring(0, colon) : spec);
            label[j] = jar.getFileName() + (threads != null ? ":" + threads : "");
            URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> bench = cl.loadClass("org.snn4j.benchmarks.Bench");
            Map<?, ?> workloads = (Map<?, ?>) bench.getField("WORKLOADS").get(null);
            work[j] = workloads.get(workload);
            if (work[j] == null) {
                System.err.println("no workload " + workload + " in " + jar + ": " + workloads.keySet());
                System.exit(2);
            }
            Class<?> settingsClass = cl.loadClass("org.snn4j.benchmarks.Bench$Settings");
            Constructor<?> c = settingsClass.getConstructor(boolean.class, Long.class, Integer.class, Integer.class,
                    Path.class);
            settings[j] = c.newInstance(false, null, threads, null, null);
            run[j] = cl.loadClass("org.snn4j.benchmarks.Workload").getMethod("run", settingsClass, PrintStream.class);
            run[j].setAccessible(true);
        }
        List<List<double[]>> got = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            got.add(new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < n; j++) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                run[j].invoke(work[j], settings[j], new PrintStream(buf, true, StandardCharsets.UTF_8));
                String line = buf.toString(StandardCharsets.UTF_8).trim();
                System.out.println("round " + r + " " + label[j] + " " + line);
                got.get(j).add(new double[] {num(line, "value"), num(line, "cpu_s_median"), num(line, "wall_s")});
            }
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        for (int j = 0; j < n; j++) {
            System.out.printf(Locale.ROOT, "%s %s: median over %d alternating rounds: value %.4g, cpu_s_median %.4f,"
                    + " wall_s %.4f (load average %.1f at the end)%n", label[j], workload, rounds,
                    median(got.get(j), 0), median(got.get(j), 1), median(got.get(j), 2), load);
        }
    }

    private static double num(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE+]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double median(List<double[]> rows, int k) {
        double[] x = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[k];
        }
        Arrays.sort(x);
        return x[x.length / 2];
    }
}
