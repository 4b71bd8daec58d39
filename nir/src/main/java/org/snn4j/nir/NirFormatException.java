package org.snn4j.nir;

import java.io.IOException;

/**
 * A NIR file that cannot be read: not HDF5, damaged, or not laid out as the NIR specification says (a
 * missing {@code type}, an unknown node type, a parameter of the wrong kind, an array larger than the file
 * could hold). The message names the HDF5 path of the offending object (for example
 * {@code /node/nodes/lif1/tau}), the value found and what was expected; {@link #path()} gives the path to
 * programs. (HDF5 objects are found through the file's B-trees, so a path names the place better than a byte
 * offset.)
 */
public final class NirFormatException extends IOException {
    private final String path;

    /**
     * @param path    HDF5 path of the object being read ({@code "/"} for the file itself)
     * @param message what was found and what was expected
     */
    public NirFormatException(String path, String message) {
        super("NIR file, at " + path + ": " + message);
        this.path = path;
    }

    /**
     * @param path    HDF5 path of the object being read
     * @param message what was found and what was expected
     * @param cause   the HDF5 library's exception
     */
    public NirFormatException(String path, String message, Throwable cause) {
        super("NIR file, at " + path + ": " + message, cause);
        this.path = path;
    }

    /** The HDF5 path of the object that was rejected. */
    public String path() {
        return path;
    }
}
