package org.snn4j.benchmarks;

import java.io.PrintStream;

/** An end-to-end benchmark workload run by {@link Bench}. */
public interface Workload {
    /** One line saying what it measures. */
    String description();

    /**
     * Runs the workload and prints one JSON object per line ({@link Json}) to {@code out}.
     *
     * @param settings {@code --quick}, {@code --seed} and {@code --data} from the command line
     */
    void run(Bench.Settings settings, PrintStream out) throws Exception;
}
