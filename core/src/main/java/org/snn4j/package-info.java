/**
 * snn4j core: shapes, spike sets and neuron state.
 *
 * <p>Units used everywhere in snn4j: time in milliseconds (ms), membrane potentials and synaptic weights
 * onto potentials in millivolts (mV), rates in hertz (Hz). Steps are integers from 0; a step lasts
 * {@code dtMs}.
 */
package org.snn4j;
