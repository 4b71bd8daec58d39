package org.snn4j.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmarks jar's entry point:
 * <pre>  java -jar benchmarks/target/snn4j-benchmarks.jar [WORKLOAD...] [--quick]</pre>
 * With no workload it lists them. Each workload prints one JSON object per line (DESIGN.md section 4).
 * To add a workload, implement {@link Workload} and add one line to {@link #WORKLOADS} (a plain map; no
 * reflection).
 */
public final class Bench {
    private Bench() {
    }

    /** Every workload by name, in listing order. Add yours here. */
    public static final Map<String, Workload> WORKLOADS = workloads();

    private static Map<String, Workload> workloads() {
        Map<String, Workload> m = new LinkedHashMap<>();
        m.put("poisson_syn", new PoissonSyn());
        m.put("cuba", Brette2007.CUBA);
        m.put("coba", Brette2007.COBA);
        m.put("encode_mnist", new EncodingBench());
        m.put("conv_layer", new ConvLayerBench());
        m.put("early_stop", new EarlyStopBench());
        m.put("aer_nmnist", AerBench.NMNIST);
        m.put("aer_aedat4", AerBench.AEDAT4);
        m.put("slayer_mlp_train", new SlayerMlpTrain());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Options that take a value (the next argument), so it is not read as a workload name. */
    static final java.util.Set<String> VALUED_OPTIONS = java.util.Set.of("--seed", "--threads", "--data", "--batches");

    private static boolean isOption(String[] args, int i) {
        return args[i].startsWith("--") || (i > 0 && VALUED_OPTIONS.contains(args[i - 1]));
    }

    /** Runs the named workloads (or lists them). */
    public static void main(String[] args) throws Exception {
        int named = 0;
        for (int i = 0; i < args.length; i++) {
            if (!isOption(args, i)) {
                named++;
            }
        }
        if (named == 0) {
            System.out.println("usage: java -jar snn4j-benchmarks.jar WORKLOAD... [--quick] [--seed N] [--threads N]");
            System.out.println();
            System.out.println("workloads:");
            for (Map.Entry<String, Workload> e : WORKLOADS.entrySet()) {
                System.out.printf(Locale.ROOT, "  %-16s %s%n", e.getKey(), e.getValue().description());
            }
            return;
        }
        for (int i = 0; i < args.length; i++) {
            if (isOption(args, i)) {
                continue;
            }
            Workload w = WORKLOADS.get(args[i]);
            if (w == null) {
                System.err.println("unknown workload: " + args[i] + "; known: " + WORKLOADS.keySet());
                System.exit(2);
                return;
            }
            w.run(args, System.out);
        }
    }

    /**
     * The value after {@code option} parsed as a long, or {@code dflt} if absent.
     *
     * @throws IllegalArgumentException naming the option if the value is missing or not a number
     */
    static long longOption(String[] args, String option, long dflt) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(option)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                try {
                    return Long.parseLong(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + " must be an integer, got " + args[i + 1], e);
                }
            }
        }
        return dflt;
    }

    /** Whether {@code args} contains {@code flag}. */
    static boolean has(String[] args, String flag) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(flag)) {
                return true;
            }
        }
        return false;
    }
}
