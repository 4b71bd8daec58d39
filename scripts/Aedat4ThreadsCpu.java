import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snn4j.encoding.aer.Aedat4;
import org.snn4j.encoding.aer.ReadOptions;

/**
 * Alternating rounds of {@code Aedat4.read(bytes, strict, threads)} at 1 and N threads in one JVM, 150 reads per
 * round: the CPU time of the whole process (every thread, GC and JIT included) per event, and wall-clock events/s.
 * The figure for the CPU cost of the parallel path on a shared machine (README, "AEDAT 4.0 on several threads").
 *
 * <pre>java -cp benchmarks/target/snn4j-benchmarks.jar scripts/Aedat4ThreadsCpu.java examples/data/events/sample.aedat4 2 11</pre>
 */
public class Aedat4ThreadsCpu {
    public static void main(String[] a) throws Exception {
        byte[] data = Files.readAllBytes(Path.of(a[0]));
        int threads = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[2]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ReadOptions o = ReadOptions.strict();
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            Aedat4.read(data, o, 1);
            Aedat4.read(data, o, threads);
        }
        double[][] cpu = new double[2][rounds];
        double[][] wall = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int th = k == 0 ? 1 : threads;
                System.gc();
                long ev = 0;
                long p0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < 150; i++) {
                    ev += Aedat4.read(data, o, th).events().size();
                }
                cpu[k][r] = (os.getProcessCpuTime() - p0) / (double) ev;
                wall[k][r] = ev / ((System.nanoTime() - t0) / 1e9);
            }
        }
        for (int k = 0; k < 2; k++) {
            double[] c = cpu[k].clone();
            java.util.Arrays.sort(c);
            double[] w = wall[k].clone();
            java.util.Arrays.sort(w);
            System.out.printf("threads %d: process CPU %.2f ns/event (median of %d; %.1f M events per CPU-s), wall %.1f M events/s (median)%n",
                    k == 0 ? 1 : threads, c[rounds / 2], rounds, 1e3 / c[rounds / 2], w[rounds / 2] / 1e6);
        }
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = cpu[1][r] / cpu[0][r];
        }
        java.util.Arrays.sort(ratio);
        System.out.printf("CPU per event, %d threads / 1 thread: median %.3f, range %.3f-%.3f%n", threads, ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
    }
}
