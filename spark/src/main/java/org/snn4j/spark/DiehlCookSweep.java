package org.snn4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.snn4j.examples.papers.DiehlCook2015;

/**
 * Sweeps of Diehl &amp; Cook 2015 (unsupervised STDP on MNIST, {@link DiehlCook2015}): one configuration (neurons,
 * epochs, digits, seed) per Spark task, one thread each.
 */
public final class DiehlCookSweep {
    private DiehlCookSweep() {
    }

    /**
     * One configuration.
     *
     * @param neurons excitatory neurons, &gt;= 1
     * @param epochs  training epochs, &gt;= 0
     * @param train   training digits, &gt;= 1
     * @param test    test digits, &gt;= 1
     * @param seed    seed of weights and input spikes
     */
    public record Config(int neurons, int epochs, int train, int test, long seed) implements Sweep.Config {
        /** Checks the fields. */
        public Config {
            if (neurons < 1 || epochs < 0 || train < 1 || test < 1) {
                throw new IllegalArgumentException("need neurons >= 1, epochs >= 0, train >= 1, test >= 1; got "
                        + neurons + ", " + epochs + ", " + train + ", " + test);
            }
        }

        @Override
        public LinkedHashMap<String, Object> columns() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("neurons", neurons);
            m.put("epochs", epochs);
            m.put("train", train);
            m.put("test", test);
            m.put("seed", seed);
            return m;
        }

        @Override
        public String name() {
            return "n" + neurons + "-e" + epochs + "-tr" + train + "-te" + test + "-s" + seed;
        }
    }

    /** Every combination of the given values (neurons outermost, seeds innermost). */
    public static List<Config> grid(int[] neurons, int[] epochs, int train, int test, long[] seeds) {
        List<Config> g = new ArrayList<>();
        for (int n : neurons) {
            for (int e : epochs) {
                for (long s : seeds) {
                    g.add(new Config(n, e, train, test, s));
                }
            }
        }
        return g;
    }

    /**
     * What one task runs: {@link DiehlCook2015#run} with one thread, its results and pictures in the output folder,
     * the model in {@code model.snn} there.
     *
     * @param mnist the {@code mnist10k} folder, readable at the same path on every executor
     */
    public static Sweep.Trial<Config> trial(String mnist) {
        return (c, out) -> {
            Path dir = Path.of(out);
            Path model = dir.resolve("model.snn");
            DiehlCook2015.Options o = new DiehlCook2015.Options(c.neurons(), c.epochs(), c.train(), c.test(),
                    c.seed(), 1, dir, model, Path.of(mnist), 0.5f);
            DiehlCook2015.Result r = DiehlCook2015.run(o, null);
            return new Sweep.Result(r.accuracy(), r.trainSeconds(), model.toString());
        };
    }
}
