package org.snn4j.encoding.aer;

/**
 * How an AEDAT 2.0 (jAER) 32-bit address is split into x, y and polarity. jAER does not store this in the
 * file; it follows from the chip class on the {@code # AEChip:} header line ({@link #fromChipClass}).
 *
 * <p>Coordinates are the raw address fields: no axis is flipped (jAER's origin is the lower-left corner;
 * tonic flips both DAVIS axes, {@code x = 345 - x}, {@code y = 259 - y}; use
 * {@link EventTransforms#flipX}/{@link EventTransforms#flipY} for that).
 */
public enum DvsLayout {
    /**
     * DVS128 as in the iniVation AEDAT 2.0 specification table: bit 15 external event (not a DVS event),
     * bits 14-8 y, bits 7-1 x, bit 0 polarity (1 = ON); 128x128 sensor. Note: tonic's {@code read_dvs_128}
     * takes x from bits 14-8 and y from bits 7-1, the swap of this table; we follow the table.
     */
    DVS128(128, 128),
    /**
     * DAVIS346 (jAER DAVIS chips): bit 31 set = APS/ADC sample (not DVS), bit 10 set = IMU or other
     * (not DVS); otherwise y = bits 30-22, x = bits 21-12, polarity = bit 11 (1 = ON); 346x260 sensor.
     */
    DAVIS346(346, 260);

    private final int width;
    private final int height;

    DvsLayout(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Sensor width in pixels. */
    public int width() {
        return width;
    }

    /** Sensor height in pixels. */
    public int height() {
        return height;
    }

    /**
     * The layout for a jAER chip class name from the {@code # AEChip:} header line, or {@code null} if the
     * chip is not one this package knows: {@code ...DVS128...} (also {@code Tmpdiff128}) gives
     * {@link #DVS128}, {@code ...davis...}/{@code ...Davis346...} gives {@link #DAVIS346}.
     */
    public static DvsLayout fromChipClass(String chipClass) {
        if (chipClass == null) {
            return null;
        }
        String c = chipClass.toLowerCase(java.util.Locale.ROOT);
        if (c.contains("dvs128") || c.contains("tmpdiff128")) {
            return DVS128;
        }
        if (c.contains("davis346") || c.contains(".davis.")) {
            return DAVIS346;
        }
        return null;
    }

    /** The jAER chip class name written by {@link Aedat2#write} for this layout. */
    public String chipClass() {
        return this == DVS128 ? "ch.unizh.ini.jaer.chip.retina.DVS128" : "eu.seebetter.ini.chips.davis.Davis346red";
    }
}
