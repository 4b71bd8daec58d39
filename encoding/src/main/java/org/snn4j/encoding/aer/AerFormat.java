package org.snn4j.encoding.aer;

/** The event file formats this package reads (and, for some, writes). */
public enum AerFormat {
    /** N-MNIST / N-Caltech101 {@code .bin}: headerless 5-byte records (Orchard et al. 2015). Read and write. */
    NMNIST_BIN,
    /** jAER AEDAT 2.0: ASCII header, big-endian 8-byte records (address, timestamp). Read and write. */
    AEDAT2,
    /** cAER AEDAT 3.1: ASCII header, little-endian packets with a 28-byte header. Read and write. */
    AEDAT3,
    /** DV AEDAT 4.0: flatbuffer IOHeader, LZ4/Zstd compressed flatbuffer packets. Read only. */
    AEDAT4
}
