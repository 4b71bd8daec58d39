package org.snn4j.spark;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * A grid of training configurations run as Spark tasks, one configuration per task, collected as a
 * {@code DataFrame}. Each task trains with its own configuration on one executor core (the configuration's own
 * code, for example a paper network's {@code run}), writes its model under {@code outRoot/<name>} (a path every
 * executor can write: a shared file system on a cluster) and reports its accuracy.
 *
 * <p>Columns of the result: {@code index} (position in the grid), the configuration's own columns
 * ({@link Config#columns()}, in its order), {@code accuracy} (double, null on error), {@code trainSeconds} (what the
 * run reports as its training time), {@code taskSeconds} (wall time of the whole task), {@code taskCpuSeconds}
 * (CPU time of the task's thread, unaffected by other tasks sharing the machine; work that the run hands to threads
 * of its own, such as Diehl &amp; Cook's labelling and testing pool, is not in it),
 * {@code modelPath}, {@code executor} (Spark's executor id), {@code error} (null, or why the run failed: a failing
 * configuration is a row, not a failed sweep). The sweep runs when {@link #run} is called (the result is collected,
 * so using the DataFrame twice does not train twice).
 */
public final class Sweep {
    private Sweep() {
    }

    /** A configuration: serialisable, with its columns for the result. */
    public interface Config extends Serializable {
        /**
         * The configuration's columns, in order: values of type Integer, Long, Double, Float, Boolean or String (the
         * same names and types for every configuration of a grid).
         */
        LinkedHashMap<String, Object> columns();

        /** A short name, unique in the grid, used for the output folder. */
        String name();
    }

    /**
     * What one task reports.
     *
     * @param accuracy     test accuracy in [0, 1]
     * @param trainSeconds the run's training time, seconds
     * @param modelPath    where the model was written, or null
     */
    public record Result(double accuracy, double trainSeconds, String modelPath) implements Serializable {
    }

    /** Trains one configuration; runs on an executor. */
    @FunctionalInterface
    public interface Trial<C extends Config> extends Serializable {
        /**
         * Trains and tests {@code config}, writing into {@code outDir}.
         *
         * @param config the configuration
         * @param outDir this configuration's output folder ({@code outRoot/name})
         * @return the result
         * @throws Exception any failure; it becomes the row's {@code error}
         */
        Result run(C config, String outDir) throws Exception;
    }

    /**
     * Runs every configuration of {@code grid} as one Spark task and collects the results.
     *
     * @param spark   the session
     * @param grid    the configurations (at least one; names unique)
     * @param trial   what a task runs
     * @param outRoot the folder that receives one sub-folder per configuration
     * @return one row per configuration, in grid order
     */
    public static <C extends Config> Dataset<Row> run(SparkSession spark, List<C> grid, Trial<C> trial,
                                                      String outRoot) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(outRoot, "outRoot");
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("grid must hold at least one configuration");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        List<Tuple2<Integer, C>> indexed = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            if (!names.add(grid.get(i).name())) {
                throw new IllegalArgumentException("configuration names must be unique, '" + grid.get(i).name()
                        + "' appears twice");
            }
            indexed.add(new Tuple2<>(i, grid.get(i)));
        }
        StructType schema = schema(grid.get(0).columns());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Row> rows = jsc.parallelize(indexed, indexed.size())
                .map(t -> runOne(t._1(), t._2(), trial, outRoot)).collect();
        return spark.createDataFrame(rows, schema);
    }

    private static <C extends Config> Row runOne(int index, C config, Trial<C> trial, String outRoot) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Result r = null;
        String error = null;
        try {
            r = trial.run(config, outRoot + "/" + config.name());
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            error = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        List<Object> v = new ArrayList<>();
        v.add(index);
        v.addAll(config.columns().values());
        v.add(r == null ? null : r.accuracy());
        v.add(r == null ? null : r.trainSeconds());
        v.add(wall);
        v.add(cpu);
        v.add(r == null ? null : r.modelPath());
        v.add(SparkEnv.get() == null ? "?" : SparkEnv.get().executorId());
        v.add(error);
        return RowFactory.create(v.toArray());
    }

    private static StructType schema(Map<String, Object> columns) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("index", DataTypes.IntegerType, false));
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            f.add(DataTypes.createStructField(e.getKey(), type(e.getKey(), e.getValue()), true));
        }
        f.add(DataTypes.createStructField("accuracy", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("trainSeconds", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("taskSeconds", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("taskCpuSeconds", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("modelPath", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("executor", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("error", DataTypes.StringType, true));
        return DataTypes.createStructType(f);
    }

    private static DataType type(String name, Object v) {
        if (v instanceof Integer) {
            return DataTypes.IntegerType;
        }
        if (v instanceof Long) {
            return DataTypes.LongType;
        }
        if (v instanceof Double) {
            return DataTypes.DoubleType;
        }
        if (v instanceof Float) {
            return DataTypes.FloatType;
        }
        if (v instanceof Boolean) {
            return DataTypes.BooleanType;
        }
        if (v instanceof String) {
            return DataTypes.StringType;
        }
        throw new IllegalArgumentException("column '" + name + "' must be an Integer, Long, Double, Float, Boolean "
                + "or String, got " + (v == null ? "null" : v.getClass().getName()));
    }
}
