/**
 * The one home of command lines (picocli): {@link org.snn4j.cli.Cli} runs a command so that every tool of the
 * examples and benchmarks jars behaves the same way (one-line errors, non-zero exit, never a stack trace),
 * {@link org.snn4j.cli.Options} holds the options shared by every command (output folder, data folder, threads) and
 * {@link org.snn4j.cli.Ranges} the converters of numeric options with a range.
 */
package org.snn4j.cli;
