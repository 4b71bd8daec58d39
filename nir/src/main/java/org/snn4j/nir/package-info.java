/**
 * NIR, the neuromorphic intermediate representation (Pedersen et al. 2024, Nature Communications 15, 8122,
 * DOI 10.1038/s41467-024-52259-9): {@link org.snn4j.nir.NirFile} reads and writes the HDF5 files that
 * snnTorch, Norse, Sinabs, Rockpool, Lava-DL, SpikingJelly and neuromorphic chips exchange;
 * {@link org.snn4j.nir.NirImport} turns a graph into a snn4j network and {@link org.snn4j.nir.NirExport} a
 * network into a graph. Units: snn4j's are ms and mV; NIR time constants are read in the unit given by
 * {@link org.snn4j.nir.NirOptions#timeUnitMs()}. The supported primitives and peers' conventions are in
 * {@code docs/nir.md}.
 */
package org.snn4j.nir;
