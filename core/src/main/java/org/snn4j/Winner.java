package org.snn4j;

/**
 * An output neuron selected by a competition, for learning or read-out.
 *
 * @param neuron    flat CHW index in the layer's output
 * @param channel   its feature map
 * @param row       its row
 * @param col       its column
 * @param step      the step at which it fired (or the last step, for decide-at-last-step layers)
 * @param potential its membrane potential when it was selected, in mV
 */
public record Winner(int neuron, int channel, int row, int col, int step, float potential) {
}
