package org.snn4j.examples.papers;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress line for one phase of a long run: images done, images/s, elapsed time, ETA and (when the
 * phase knows it) the running accuracy, printed at most every {@code intervalMs} (2 s by default) and
 * once at the end. Numbers are rounded ({@code 1,234 img/s}, {@code 5.8 s}, {@code 91.45 %}); the ETA is shown
 * only once there is a rate to base it on (at least one image done and 1 s elapsed), and not on the final line.
 * The examples use this one style for every progress line. Safe to call {@link #update} from several worker threads: the counters are atomic and
 * only the thread that wins the time slot prints.
 */
public final class ConsoleProgress {
    private final PrintStream out;
    private final String phase;
    private final long total;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private final double cpuStart = processCpuSeconds();
    private final AtomicLong lastPrint = new AtomicLong(System.nanoTime());
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong correct = new AtomicLong();
    private final AtomicLong judged = new AtomicLong();

    /**
     * @param out   where lines go (null: nowhere)
     * @param phase the phase name shown in brackets
     * @param total the number of images the phase will process
     */
    public ConsoleProgress(PrintStream out, String phase, long total) {
        this(out, phase, total, 2000);
    }

    /** As {@link #ConsoleProgress(PrintStream, String, long)} with a custom minimum interval in ms. */
    public ConsoleProgress(PrintStream out, String phase, long total, long intervalMs) {
        this.out = out;
        this.phase = phase;
        this.total = total;
        this.intervalNanos = intervalMs * 1_000_000L;
    }

    /** Counts {@code images} more images, of which {@code right} were classified correctly out of {@code scored}. */
    public void update(long images, long right, long scored) {
        done.addAndGet(images);
        if (scored > 0) {
            correct.addAndGet(right);
            judged.addAndGet(scored);
        }
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (out != null && now - last >= intervalNanos && lastPrint.compareAndSet(last, now)) {
            out.println(line(now, true));
        }
    }

    /** Counts {@code images} more images with no accuracy information. */
    public void update(long images) {
        update(images, 0, 0);
    }

    /** Prints the final line of the phase and returns the elapsed seconds. */
    public double finish() {
        long now = System.nanoTime();
        if (out != null) {
            out.println(line(now, false));
        }
        return (now - start) / 1e9;
    }

    /** Process CPU seconds (all threads) since the phase started; NaN if the JVM does not report it. */
    public double cpuSeconds() {
        return processCpuSeconds() - cpuStart;
    }

    /**
     * CPU time of this process (all threads) in seconds, or NaN where the JVM does not report it. On a
     * shared machine this is a better measure of the work done than wall time.
     */
    public static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long ns = sun.getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }

    /** Seconds since the phase started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private String line(long now, boolean withEta) {
        double el = (now - start) / 1e9;
        long d = done.get();
        double rate = el > 0 ? d / el : 0;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "[%s] %,d/%,d images  %,.0f img/s  elapsed %s",
                phase, d, total, rate, time(el)));
        if (withEta && d > 0 && el >= 1.0 && d < total) {
            sb.append("  ETA ").append(time((total - d) / rate));
        }
        long j = judged.get();
        if (j > 0) {
            sb.append(String.format(Locale.ROOT, "  accuracy %.2f %%", 100.0 * correct.get() / j));
        }
        return sb.toString();
    }

    /** A fraction as a rounded percentage: {@code 0.91453} gives {@code "91.45 %"}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /** Seconds rounded for reading: {@code "5.8 s"} below a minute, else {@code "3 min 07 s"}. */
    static String time(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long m = (long) (s / 60);
        return String.format(Locale.ROOT, "%d min %02d s", m, (long) (s - 60 * m));
    }
}
