"""Independent numpy reference for the Mozafari 2019 input pipeline (FORMATS-AND-ORACLES 3c).

Written from the published description (not from SpykeTorch's code): DoG kernels (mean subtracted, divided
by max, centred in 13x13), cross-correlation with zero padding 6 in float32 (gather order), outputs < 50 set
to 0, local normalisation by the 17x17 window mean (zero padded, divisor = sum / 289) + 1e-12, then the
equal-count latency code with the remainder spread as floor(k * T / n).

Usage: python3 mozafari_reference.py ../../../../examples/data/mnist10k/train-images-idx3-ubyte.gz 12
Prints, per digit: index, non-zero count after threshold, sum of normalised maps (float64), and a hash of
the step assignment.
"""
import gzip
import hashlib
import math
import sys

import numpy as np


def dog(size, s1, s2):
    w = size // 2
    y, x = np.mgrid[-w:w + 1, -w:w + 1]
    r2 = (x * x + y * y).astype(np.float64)
    k = (np.exp(-r2 / (2 * s1 * s1)) / (s1 * s1) - np.exp(-r2 / (2 * s2 * s2)) / (s2 * s2)) / (2 * math.pi)
    k = k - k.mean()
    return (k / k.max()).astype(np.float32)


BANK = [(3, 3 / 9, 6 / 9), (3, 6 / 9, 3 / 9), (7, 7 / 9, 14 / 9), (7, 14 / 9, 7 / 9),
        (13, 13 / 9, 26 / 9), (13, 26 / 9, 13 / 9)]


def pipeline(img):
    img = img.astype(np.float32)
    padded = np.zeros((28 + 12, 28 + 12), np.float32)
    padded[6:34, 6:34] = img
    maps = np.zeros((6, 28, 28), np.float32)
    for c, (size, s1, s2) in enumerate(BANK):
        k = np.zeros((13, 13), np.float32)
        o = (13 - size) // 2
        k[o:o + size, o:o + size] = dog(size, s1, s2)
        acc = np.zeros((28, 28), np.float32)
        for i in range(13):
            for j in range(13):
                acc += k[i, j] * padded[i:i + 28, j:j + 28]
        maps[c] = acc
    maps[maps < 50] = 0
    norm = np.zeros_like(maps)
    for c in range(6):
        p = np.zeros((28 + 16, 28 + 16), np.float64)
        p[8:36, 8:36] = maps[c]
        s = np.zeros((28, 28), np.float64)
        for i in range(17):
            for j in range(17):
                s += p[i:i + 28, j:j + 28]
        mean = (s / 289).astype(np.float32)
        norm[c] = maps[c] / (mean + np.float32(1e-12))
    flat = norm.reshape(-1)
    idx = np.nonzero(flat > 0)[0]
    order = sorted(idx.tolist(), key=lambda i: (-float(flat[i]), i))
    n = len(order)
    steps = np.full(flat.shape, -1, np.int64)
    for k, i in enumerate(order):
        steps[i] = (k * 15) // n
    return int((maps > 0).sum()), float(norm.astype(np.float64).sum()), steps


def main():
    path, count = sys.argv[1], int(sys.argv[2])
    raw = gzip.open(path).read()
    n = int.from_bytes(raw[4:8], 'big')
    imgs = np.frombuffer(raw, np.uint8, offset=16).reshape(n, 28, 28)
    for d in range(count):
        nnz, total, steps = pipeline(imgs[d])
        h = hashlib.sha256(steps.astype('>i4').tobytes()).hexdigest()[:16]
        print(d, nnz, repr(total), h)


if __name__ == '__main__':
    main()
