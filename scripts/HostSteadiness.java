import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Is this host's vector throughput steady? Alternates, in one JVM with fixed arrays (no allocation, so no GC, and no
 * recompilation after the first rounds), a latency-bound scalar loop (dependent multiply-adds: no use of the core's
 * vector or load/store throughput) with the forward-Euler conductance loop of {@code ExpConductanceLif} on 1,000
 * neurons (arrays fit in L1) and on 4,000 (the {@code coba} population; streams from L2), and prints each round's
 * thread CPU time. On session 9's host the scalar loop stayed within 2 % over 30 rounds while the vector loops moved
 * by up to 1.65x from round to round: the two speed levels of {@code coba}.
 *
 * <pre>
 * java scripts/HostSteadiness.java 30
 * </pre>
 */
public class HostSteadiness {
    static double sink;

    static double scalar(int n) {
        double x = 1.0;
        for (int i = 0; i < n; i++) {
            x = x * 1.0000001 + 1e-9;
        }
        return x;
    }

    /** The loop of {@code ExpConductanceLif.euler} (Brette 2007 coefficients at dt 0.1 ms). */
    static void euler(float[] v, float[] ge, float[] gi, float[] live, int n) {
        final float hm = 0.005f, de = 0.98f, di = 0.99f, vRest = -60f, eE = 0f, eI = -80f;
        for (int i = 0; i < n; i++) {
            float vi = v[i];
            float a = ge[i];
            float b = gi[i];
            v[i] = vi + live[i] * (hm * (vRest - vi + a * (eE - vi) + b * (eI - vi)));
            ge[i] = a * de;
            gi[i] = b * di;
        }
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        float[] v = new float[4000], ge = new float[4000], gi = new float[4000], live = new float[4000];
        Arrays.fill(live, 1f);
        Arrays.fill(v, -60f);
        // conductances stay 0 (a decaying non-zero value would reach the slow subnormal range within a round)
        for (int r = -5; r < rounds; r++) { // 5 unprinted rounds of warm-up
            long c0 = mx.getCurrentThreadCpuTime();
            sink += scalar(5_000_000);
            long c1 = mx.getCurrentThreadCpuTime();
            for (int t = 0; t < 20_000; t++) {
                euler(v, ge, gi, live, 1000);
            }
            long c2 = mx.getCurrentThreadCpuTime();
            for (int t = 0; t < 5_000; t++) {
                euler(v, ge, gi, live, 4000);
            }
            long c3 = mx.getCurrentThreadCpuTime();
            if (r >= 0) {
                System.out.printf("round %2d  scalar %.2f ms  vector, 1,000 neurons (L1) %.2f ms  vector, 4,000 neurons"
                        + " %.2f ms%n", r, (c1 - c0) / 1e6, (c2 - c1) / 1e6, (c3 - c2) / 1e6);
            }
        }
        System.out.println(sink > 0 ? "" : " ");
    }
}
