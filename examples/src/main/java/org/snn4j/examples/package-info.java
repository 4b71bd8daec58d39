/**
 * Runnable examples, numbered in the order a new user reads them ({@code Ex01_LifCurrentStep} ..
 * {@code Ex10_CustomRule}), and the command-line {@link org.snn4j.examples.Launcher} of the examples jar. The
 * paper networks are in {@code org.snn4j.examples.papers}, the event-driven vision demo in
 * {@code org.snn4j.examples.vision}.
 */
package org.snn4j.examples;
