/**
 * End-to-end benchmark workloads of the benchmarks jar; each prints JSON lines with its figures, the JDK and
 * the load average (see CONTRIBUTING.md for how to run them).
 */
package org.snn4j.benchmarks;
