#!/usr/bin/env python3
"""Writes the NIR test fixtures of snn4j-nir with h5py, in the layout of the NIR reference implementation
(neuromorphs/NIR, nir.write): /version, /node/type = "NIRGraph", /node/edges ([E, 2] variable-length strings),
/node/nodes/NAME/type and one dataset per parameter, gzip-compressed arrays. Written without the nir package
(it is not on this machine), from the specification's parameter names.

Run: python3 make_fixtures.py   (Debian: apt-get install python3-h5py). The output files are committed, so the
tests need no Python.

mlp_snntorch_style.nir   Input[4] -> Affine[3x4] -> LIF (snnTorch's export convention, seconds: tau = dt/(1-beta),
                         r = tau/dt, dt = 1 ms) -> Linear[2x3] -> IF -> Output[2]
mlp_expected.csv         that network run on a fixed input with the ONE_STEP_PULSE discretisation (exact
                         exponential decay per step, a spike adds r*w*dt/tau, the bias gives v_inf = v_leak + r*b):
                         rows "step,layer,neuron" of every output spike
cnn_sinabs_style.nir     Input[1,6,6] -> Conv2d(2,1,3,3, padding 1) -> IF -> SumPool2d 2x2 -> Flatten -> Affine[3x18]
                         -> LIF -> Output[3]
"""
import h5py
import numpy as np

STR = h5py.string_dtype()


def write(path, nodes, edges):
    with h5py.File(path, "w") as f:
        f.create_dataset("version", data="1.0.7", dtype=STR)
        g = f.create_group("node")
        g.create_dataset("type", data="NIRGraph", dtype=STR)
        g.create_dataset("edges", data=np.array(edges, dtype=object), dtype=STR)
        ns = g.create_group("nodes")
        for name, params in nodes.items():
            n = ns.create_group(name)
            for k, v in params.items():
                if isinstance(v, str):
                    n.create_dataset(k, data=v, dtype=STR)
                elif isinstance(v, np.ndarray):
                    n.create_dataset(k, data=v, dtype=v.dtype, compression="gzip")
                else:
                    n.create_dataset(k, data=v)
        meta = g.create_group("metadata")
        meta.create_dataset("written_by", data="snn4j-nir make_fixtures.py", dtype=STR)


rng = np.random.default_rng(15)
f32 = np.float32

# --- MLP, snnTorch-style parameters (seconds) ---
dt = 1e-3
beta = f32(0.9)
tau = f32(dt / (1 - beta))
w1 = rng.uniform(0.0, 0.6, size=(3, 4)).astype(f32)
b1 = np.array([0.05, 0.0, 0.02], dtype=f32)
w2 = rng.uniform(0.2, 0.9, size=(2, 3)).astype(f32)
lif = {"type": "LIF", "tau": np.full(3, tau, f32), "r": np.full(3, f32(tau / dt), f32),
       "v_leak": np.zeros(3, f32), "v_threshold": np.full(3, f32(0.7), f32), "v_reset": np.zeros(3, f32)}
if_ = {"type": "IF", "r": np.full(2, f32(1.0 / dt), f32), "v_threshold": np.full(2, f32(0.95), f32),
       "v_reset": np.zeros(2, f32)}
write("mlp_snntorch_style.nir",
      {"input": {"type": "Input", "shape": np.array([4], np.int64)},
       "fc1": {"type": "Affine", "weight": w1, "bias": b1},
       "lif1": lif,
       "fc2": {"type": "Linear", "weight": w2},
       "if2": if_,
       "output": {"type": "Output", "shape": np.array([2], np.int64)}},
      [("input", "fc1"), ("fc1", "lif1"), ("lif1", "fc2"), ("fc2", "if2"), ("if2", "output")])

# the input used by NirFixtureTest: neuron i fires at every step t with (t + i) % (i + 2) == 0, 40 steps
T = 40
x = np.array([[1.0 if (t + i) % (i + 2) == 0 else 0.0 for i in range(4)] for t in range(T)])
# reference simulation (float64), ONE_STEP_PULSE, NIR's strict v > threshold
d = np.exp(-dt / float(tau))
g1 = float(lif["r"][0]) * dt / float(tau)
v1 = np.zeros(3)
v2 = np.zeros(2)
rows = []
for t in range(T):
    vinf = 0.0 + float(lif["r"][0]) * b1.astype(np.float64)
    v1 = vinf + (v1 - vinf) * d + g1 * (w1.astype(np.float64) @ x[t])
    s1 = v1 > 0.7
    v1[s1] = 0.0
    v2 = v2 + float(if_["r"][0]) * dt * (w2.astype(np.float64) @ s1.astype(np.float64))
    s2 = v2 > 0.95
    v2[s2] = 0.0
    rows += [(t, 0, i) for i in np.flatnonzero(s1)] + [(t, 1, i) for i in np.flatnonzero(s2)]
with open("mlp_expected.csv", "w") as f:
    f.write("step,layer,neuron\n")
    for r in rows:
        f.write("%d,%d,%d\n" % r)

# --- small CNN, Sinabs-style (IF after conv, sum pooling, dimensionless r = 1, times in ms) ---
wc = rng.uniform(-0.2, 0.8, size=(2, 1, 3, 3)).astype(f32)
wf = rng.uniform(0.0, 0.5, size=(3, 18)).astype(f32)
write("cnn_sinabs_style.nir",
      {"input": {"type": "Input", "shape": np.array([1, 6, 6], np.int64)},
       "conv": {"type": "Conv2d", "weight": wc, "bias": np.zeros(2, f32), "stride": np.array([1, 1], np.int64),
                "padding": np.array([1, 1], np.int64), "dilation": np.array([1, 1], np.int64), "groups": 1,
                "input_shape": np.array([6, 6], np.int64)},
       "spk1": {"type": "IF", "r": np.ones((2, 6, 6), f32), "v_threshold": np.ones((2, 6, 6), f32),
                "v_reset": np.zeros((2, 6, 6), f32)},
       "pool": {"type": "SumPool2d", "kernel_size": np.array([2, 2], np.int64),
                "stride": np.array([2, 2], np.int64), "padding": np.array([0, 0], np.int64)},
       "flat": {"type": "Flatten", "start_dim": 0, "end_dim": -1, "input_type": np.array([2, 3, 3], np.int64)},
       "fc": {"type": "Affine", "weight": wf, "bias": np.zeros(3, f32)},
       "spk2": {"type": "LIF", "tau": np.full(3, f32(10.0), f32), "r": np.full(3, f32(10.0), f32),
                "v_leak": np.zeros(3, f32), "v_threshold": np.full(3, f32(0.5), f32), "v_reset": np.zeros(3, f32)},
       "output": {"type": "Output", "shape": np.array([3], np.int64)}},
      [("input", "conv"), ("conv", "spk1"), ("spk1", "pool"), ("pool", "flat"), ("flat", "fc"), ("fc", "spk2"),
       ("spk2", "output")])
