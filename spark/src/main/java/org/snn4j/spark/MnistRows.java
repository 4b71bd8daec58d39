package org.snn4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.snn4j.encoding.dataset.MnistDataset;

/**
 * MNIST digits as Spark rows: {@code index} (int, the digit's number in its split), {@code label} (int),
 * {@code pixels} (binary, 784 bytes, row-major). Read on the driver from the IDX files (the shipped
 * {@code examples/data/mnist10k}) and spread over {@code partitions}; for a large set write it once as Parquet and
 * read that on the cluster.
 */
public final class MnistRows {
    /** The rows' schema. */
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("index", DataTypes.IntegerType, false),
            DataTypes.createStructField("label", DataTypes.IntegerType, false),
            DataTypes.createStructField("pixels", DataTypes.BinaryType, false)));

    private MnistRows() {
    }

    /**
     * The first {@code limit} digits of a split as a data set.
     *
     * @param spark      the session
     * @param dir        the folder with the four IDX files (gzip'd or not)
     * @param test       the test split (else the training split)
     * @param limit      at most this many digits; all if {@code <= 0}
     * @param partitions number of partitions, &gt;= 1
     * @throws IOException if the files cannot be read or are damaged
     */
    public static Dataset<Row> read(SparkSession spark, Path dir, boolean test, int limit, int partitions)
            throws IOException {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        MnistDataset.Split s = splitOf(dir, test);
        int n = limit <= 0 ? s.count() : Math.min(limit, s.count());
        int px = s.rows() * s.cols();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(i, s.label(i), Arrays.copyOfRange(s.pixels(), i * px, (i + 1) * px)));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    }

    /** One split of the data set in {@code dir} (the test split if {@code test}). */
    public static MnistDataset.Split splitOf(Path dir, boolean test) throws IOException {
        MnistDataset ds = MnistDataset.load(dir);
        return test ? ds.test() : ds.train();
    }
}
