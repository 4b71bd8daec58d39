/**
 * The event-driven vision demo (issue 6, part 1): the network of a popular interactive JavaScript
 * vision-SNN demo, rebuilt from snn4j parts, with its experiments and a live viewer.
 *
 * <ul>
 *   <li>{@link org.snn4j.examples.vision.ContrastEncoder}: frame &rarr; 64x64 &rarr; 5x5 Mexican-hat ON/OFF
 *       contrast maps (8,192 inputs) &rarr; 256 intensity bins, brightest first;</li>
 *   <li>{@link org.snn4j.examples.vision.VisionNetwork} with {@link org.snn4j.examples.vision.VisionParameters}:
 *       dense LIF outputs, winner-take-all, two-threshold homeostasis, window STDP with pre-synaptic reset;
 *       {@code present(frame)} returns the output that fired; {@code compact(prune, quantise)} gives the
 *       pruned (CSR) and quantised inference copy;</li>
 *   <li>{@link org.snn4j.examples.vision.VisionExperiments}: motif-in-noise and moving-shape experiments and
 *       the pruning measurement; {@link org.snn4j.examples.vision.SyntheticFrames} and
 *       {@link org.snn4j.examples.vision.FrameStream} supply frames;</li>
 *   <li>{@link org.snn4j.examples.vision.VisionDemo} (example main) and
 *       {@link org.snn4j.examples.vision.VisionViewer} (Swing, or PNG files when headless), drawing through
 *       {@link org.snn4j.examples.vision.VisionPictures} and the {@code org.snn4j.plot} module.</li>
 * </ul>
 */
package org.snn4j.examples.vision;
