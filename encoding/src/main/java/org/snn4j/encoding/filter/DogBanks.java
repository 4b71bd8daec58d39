package org.snn4j.encoding.filter;

import java.util.List;

/**
 * Difference-of-Gaussians banks of published networks (values from FORMATS-AND-ORACLES 3c, as used in
 * SpykeTorch's {@code MozafariDeep.py} and {@code KheradpishehDeep.py}).
 */
public final class DogBanks {
    private DogBanks() {
    }

    /**
     * The 6-kernel bank of Mozafari et al. 2019 (doi:10.1016/j.patcog.2019.05.015): (size, sigma1, sigma2)
     * = (3, 3/9, 6/9), (3, 6/9, 3/9), (7, 7/9, 14/9), (7, 14/9, 7/9), (13, 13/9, 26/9), (13, 26/9, 13/9);
     * ON and OFF centre at three scales, in that channel order.
     */
    public static List<Kernel> mozafari() {
        return List.of(
                Kernel.dog(3, 3 / 9.0, 6 / 9.0), Kernel.dog(3, 6 / 9.0, 3 / 9.0),
                Kernel.dog(7, 7 / 9.0, 14 / 9.0), Kernel.dog(7, 14 / 9.0, 7 / 9.0),
                Kernel.dog(13, 13 / 9.0, 26 / 9.0), Kernel.dog(13, 26 / 9.0, 13 / 9.0));
    }

    /**
     * The 2-kernel bank of Kheradpisheh et al. 2018 (Neural Networks 99:56,
     * doi:10.1016/j.neunet.2017.12.005) as in SpykeTorch: (7, 1, 2) ON-centre and (7, 2, 1) OFF-centre.
     */
    public static List<Kernel> kheradpisheh() {
        return List.of(Kernel.dog(7, 1, 2), Kernel.dog(7, 2, 1));
    }

    /** Mozafari's DoG stage: the 6-kernel bank, padding 6, outputs {@code < 50} set to 0 (pixels 0..255). */
    public static Convolution mozafariFilter() {
        return new Convolution(mozafari(), 6, 50f);
    }

    /** Kheradpisheh's DoG stage: the 2-kernel bank, padding 3, outputs {@code < 50} set to 0 (pixels 0..255). */
    public static Convolution kheradpishehFilter() {
        return new Convolution(kheradpisheh(), 3, 50f);
    }
}
