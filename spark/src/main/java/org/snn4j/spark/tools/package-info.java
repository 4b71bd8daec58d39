/**
 * The command line of {@code snn4j-spark.jar} ({@link org.snn4j.spark.tools.SparkTools}): {@code convert},
 * {@code evaluate}, {@code sweep} and {@code train}, one class each with its own {@code main}, run by
 * {@code spark-submit} on a cluster or on an embedded {@code local[2]} Spark.
 */
package org.snn4j.spark.tools;
