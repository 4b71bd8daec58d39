/**
 * Persistence: the versioned binary model file ({@link org.snn4j.io.ModelFile}, {@link org.snn4j.io.ModelData})
 * with typed errors giving the byte offset ({@link org.snn4j.io.ModelFileException}), and
 * {@link org.snn4j.io.AtomicFiles}, which writes a temporary file and moves it into place.
 */
package org.snn4j.io;
