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
    DAVIS346(346, 260),
    /** DAVIS240 A/B/C: the DAVIS address layout of {@link #DAVIS346}; 240x180 sensor. */
    DAVIS240(240, 180),
    /** Davis208 (jAER {@code Davis208PixelParade}): the DAVIS address layout of {@link #DAVIS346}; 208x192 sensor. */
    DAVIS208(208, 192),
    /** Davis640: the DAVIS address layout of {@link #DAVIS346}; 640x480 sensor. */
    DAVIS640(640, 480);

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
     * {@link #DVS128}, {@code ...Davis346...} {@link #DAVIS346}, {@code ...DAVIS240...} {@link #DAVIS240},
     * {@code ...Davis208...} {@link #DAVIS208} and {@code ...Davis640...} {@link #DAVIS640} (case ignored).
     * Another DAVIS chip gives {@code null}, because its sensor size is not known here: read it with
     * {@code ReadOptions.withLayout(DvsLayout.DAVIS346).withSensor(width, height)} (every DAVIS chip shares the
     * address layout).
     */
    public static DvsLayout fromChipClass(String chipClass) {
        if (chipClass == null) {
            return null;
        }
        String c = chipClass.toLowerCase(java.util.Locale.ROOT);
        if (c.contains("dvs128") || c.contains("tmpdiff128")) {
            return DVS128;
        }
        if (c.contains("davis346")) {
            return DAVIS346;
        }
        if (c.contains("davis240")) {
            return DAVIS240;
        }
        if (c.contains("davis208")) {
            return DAVIS208;
        }
        if (c.contains("davis640")) {
            return DAVIS640;
        }
        return null;
    }

    /** The jAER chip class name written by {@link Aedat2#write} for this layout. */
    public String chipClass() {
        return switch (this) {
            case DVS128 -> "ch.unizh.ini.jaer.chip.retina.DVS128";
            case DAVIS346 -> "eu.seebetter.ini.chips.davis.Davis346red";
            case DAVIS240 -> "eu.seebetter.ini.chips.davis.DAVIS240C";
            case DAVIS208 -> "eu.seebetter.ini.chips.davis.Davis208PixelParade";
            case DAVIS640 -> "eu.seebetter.ini.chips.davis.Davis640";
        };
    }
}
