#!/usr/bin/env python3
"""Re-makes cnn_sinabs.nir, the N-MNIST CNN of the NIR paper (Pedersen et al. 2024, Nature Communications 15,
8122) as Sinabs exported it, from the paper's pretrained ANN weights, with h5py only (no Sinabs, no nir package).

Sources (both from neuromorphs/NIR, commit 7232ada, BSD 3-Clause licence, see cnn_sinabs.README.md):
  pretrained_ann_weights.pth   paper/02_cnn/ann_pretraining/pretrained_ann_weights.pth (a torch state dict:
                               0.weight [16,2,5,5], 2.weight [16,16,3,3], 5.weight [8,16,3,3], 9.weight [256,128],
                               11.weight [10,256]; the ANN has no biases)
  the original file            paper/02_cnn/cnn_sinabs.nir, written by the paper's script paper/02_cnn/sinabs.py:
                               Sinabs from_model(ann, spike_threshold=1, min_v_mem=-1) -> sinabs.nir.to_nir ->
                               nir.write (NIR 0.2.0)

What Sinabs writes, and this script therefore writes (the NIR reference layout: /version, /node/type,
/node/edges as [E, 2] variable-length strings, /node/nodes/NAME/{type, parameters}; uncompressed arrays):
  input   Input shape [2, 34, 34]
  0       Conv2d 2->16, 5x5, stride 2, padding 1, bias zeros, input_shape [34, 34]
  1       IF r = 1, v_threshold = 1 per neuron [16, 16, 16] (Sinabs IAF: reset by subtraction, not in the file)
  2       Conv2d 16->16, 3x3, stride 1, padding 1, bias zeros, input_shape [16, 16]
  3       IF [16, 16, 16]
  4       SumPool2d kernel 2, stride 2, padding 0
  5       Conv2d 16->8, 3x3, stride 1, padding 1, bias zeros, input_shape [8, 8]
  6       IF [8, 8, 8]
  7       SumPool2d kernel 2, stride 2, padding 0
  8       Flatten start_dim 0, end_dim -1, input_type [8, 4, 4]
  9       Affine 128->256, bias zeros
  10      IF [256]
  11      Affine 256->10, bias zeros
  12      IF [10]
  output  Output shape [10]

Run (needs torch to read the .pth, and h5py):
  python3 make_cnn_sinabs.py [pretrained_ann_weights.pth] [cnn_sinabs.nir] [--compare ORIGINAL.nir]
With --compare it checks that every dataset of the written file equals the original's (type, shape, dtype and
values bit for bit) and that both have the same set of edges (Sinabs writes them in set order). The committed
cnn_sinabs.nir was written by this script and passed that check against the Sinabs-written original.
"""
import sys

import h5py
import numpy as np
import torch

STR = h5py.string_dtype()
F32 = np.float32
I64 = np.int64


def conv(weight, stride, padding, input_hw):
    out_c = weight.shape[0]
    return {"type": "Conv2d", "weight": weight, "bias": np.zeros(out_c, F32),
            "stride": np.array(stride, I64), "padding": np.array(padding, I64),
            "dilation": np.array([1, 1], I64), "groups": np.int64(1), "input_shape": np.array(input_hw, I64)}


def iaf(shape):
    return {"type": "IF", "r": np.ones(shape, F32), "v_threshold": np.ones(shape, F32)}


def sumpool():
    return {"type": "SumPool2d", "kernel_size": np.array([2, 2], I64), "stride": np.array([2, 2], I64),
            "padding": np.array([0, 0], I64)}


def graph(w):
    nodes = {
        "input": {"type": "Input", "shape": np.array([2, 34, 34], I64)},
        "0": conv(w["0.weight"], [2, 2], [1, 1], [34, 34]),
        "1": iaf((16, 16, 16)),
        "2": conv(w["2.weight"], [1, 1], [1, 1], [16, 16]),
        "3": iaf((16, 16, 16)),
        "4": sumpool(),
        "5": conv(w["5.weight"], [1, 1], [1, 1], [8, 8]),
        "6": iaf((8, 8, 8)),
        "7": sumpool(),
        "8": {"type": "Flatten", "start_dim": np.int64(0), "end_dim": np.int64(-1),
              "input_type": np.array([8, 4, 4], I64)},
        "9": {"type": "Affine", "weight": w["9.weight"], "bias": np.zeros(256, F32)},
        "10": iaf((256,)),
        "11": {"type": "Affine", "weight": w["11.weight"], "bias": np.zeros(10, F32)},
        "12": iaf((10,)),
        "output": {"type": "Output", "shape": np.array([10], I64)},
    }
    chain = ["input"] + [str(k) for k in range(13)] + ["output"]
    return nodes, list(zip(chain[:-1], chain[1:]))


def write(path, nodes, edges):
    with h5py.File(path, "w") as f:
        f.create_dataset("version", data="0.2.0", dtype=STR)
        g = f.create_group("node")
        g.create_dataset("type", data="NIRGraph", dtype=STR)
        g.create_dataset("edges", data=np.array(edges, dtype=object), dtype=STR)
        ns = g.create_group("nodes")
        for name, params in nodes.items():
            n = ns.create_group(name)
            for k, v in params.items():
                if isinstance(v, str):
                    n.create_dataset(k, data=v, dtype=STR)
                else:
                    n.create_dataset(k, data=v)


def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                out[name] = obj[()]
        f.visititems(visit)
    return out


def compare(mine, original):
    a = datasets(mine)
    b = datasets(original)
    if set(a) != set(b):
        sys.exit("datasets differ: only here %s, only in the original %s" % (sorted(set(a) - set(b)),
                                                                            sorted(set(b) - set(a))))
    for name in sorted(a):
        x, y = a[name], b[name]
        if name == "node/edges":
            if {tuple(e) for e in x.tolist()} != {tuple(e) for e in y.tolist()}:
                sys.exit("the edges differ")
            continue
        x, y = np.asarray(x), np.asarray(y)
        if x.dtype != y.dtype or x.shape != y.shape or x.tobytes() != y.tobytes():
            sys.exit("%s differs: %s %s against %s %s" % (name, x.dtype, x.shape, y.dtype, y.shape))
    print("same datasets, shapes, dtypes and values as %s (%d datasets), same edges" % (original, len(a)))


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    original = None
    if "--compare" in argv:
        original = argv[argv.index("--compare") + 1]
        args.remove(original)
    pth = args[0] if len(args) > 0 else "pretrained_ann_weights.pth"
    out = args[1] if len(args) > 1 else "cnn_sinabs.nir"
    state = torch.load(pth, map_location="cpu")
    w = {k: v.detach().numpy().astype(F32) for k, v in state.items()}
    nodes, edges = graph(w)
    write(out, nodes, edges)
    print("wrote", out)
    if original is not None:
        compare(out, original)


if __name__ == "__main__":
    main(sys.argv[1:])
