/**
 * snn4j on Apache Spark (Spark 4.x, Scala 2.13, Java 17; Spark itself is {@code provided}): Spark does the
 * distribution, snn4j the spiking.
 * <ul>
 *   <li>{@link org.snn4j.spark.EventFiles}: folders of event-camera files into a {@code Dataset} (decoded, labelled,
 *       transformed, binned on the executors; lenient reports as columns), written as Parquet;</li>
 *   <li>{@link org.snn4j.spark.Sweep}: a grid of training configurations of a paper network, one configuration
 *       per Spark task, collected as a {@code DataFrame};</li>
 *   <li>{@link org.snn4j.spark.DataParallelTraining}: synchronous data-parallel surrogate-gradient training
 *       with the gradient module's {@code Trainer}, partial gradients summed in a fixed order;</li>
 *   <li>{@link org.snn4j.spark.tools.SparkTools}: the command line of the {@code snn4j-spark.jar} ({@code spark-submit}
 *       or local).</li>
 * </ul>
 * Spark's functions must be {@link java.io.Serializable}: the option records of this package are, unlike the rest of
 * snn4j. On Java 17 Spark needs {@code --add-opens} JVM options (the java argument file {@code spark/spark-jvm.options};
 * see {@code docs/spark.md}).
 */
package org.snn4j.spark;
