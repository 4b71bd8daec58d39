/**
 * Headless pictures for spiking networks: receptive-field grids, heat maps, spike rasters, line charts and
 * confusion matrices, each returned as a {@link java.awt.image.BufferedImage} and written with
 * {@link org.snn4j.plot.Png#write(java.awt.image.BufferedImage, java.nio.file.Path)}.
 *
 * <p>Only JDK imaging is used ({@code java.awt.image}, {@code javax.imageio}); nothing here opens a window or
 * touches a display, so everything runs with {@code -Djava.awt.headless=true} on a server or in tests. Text
 * labels are drawn with the JDK's default font when one is available; if the platform has no font support the
 * picture is still produced, without text. All pictures are deterministic: the same input gives the same pixels
 * on the same JDK.
 *
 * <p>Thread safety: every class is stateless; calls from several threads are safe as long as they do not share
 * input arrays that are being modified.
 */
package org.snn4j.plot;
