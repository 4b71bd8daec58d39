/**
 * The engine: a {@link org.snn4j.network.Network} (a chain of layers with their competition and learning rules,
 * built once and shape-checked) and a {@link org.snn4j.network.Simulation} (all mutable state of one run,
 * seeded, not thread-safe: one per thread). Work per step is proportional to the spikes that occur.
 */
package org.snn4j.network;
