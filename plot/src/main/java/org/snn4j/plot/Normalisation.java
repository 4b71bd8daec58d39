package org.snn4j.plot;

/** How values are scaled to [0, 1] before colouring a grid of tiles. */
public enum Normalisation {
    /** Each tile is scaled by its own minimum and maximum (shows the shape of every receptive field). */
    PER_TILE,
    /** All tiles share one minimum and maximum (shows which fields are strong). */
    GLOBAL,
    /** No scaling: values are taken as already in [0, 1] and clamped. */
    NONE
}
