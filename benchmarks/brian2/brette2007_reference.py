#!/usr/bin/python3
"""Reference statistics of the Brette et al. (2007) CUBA and COBA networks, run with Brian2 (runtime mode,
numpy target: no compiler needed) exactly as Brian2's examples / ../../shared/tools/peers/brian2_coba.py
state them. Prints one JSON line per (network, seed) and a summary line per network; the numbers (not any
Brian2 output file) are copied into BretteReferenceTest.

Usage: /usr/bin/python3 brette2007_reference.py [--seeds 5] [--target numpy|cython]
Needs: apt-get install python3-brian (Brian2 2.5.1 was used).
"""
import argparse, json
import numpy as np
import brian2 as b2
from brian2 import NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV, second, defaultclock, prefs


def coba():
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Ee, Ei = 60 * mV, -20 * mV
    eqs = """
    dv/dt = (-v + ge*(Ee - v) + gi*(Ei - v)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : 1
    dgi/dt = -gi / taui : 1
    """
    P = NeuronGroup(4000, eqs, threshold="v > 10*mV", reset="v = 0*mV", refractory=5 * ms, method="euler",
                    namespace=dict(taum=taum, taue=taue, taui=taui, Ee=Ee, Ei=Ei))
    Ce = Synapses(P[:3200], P, on_pre="ge += 0.6")
    Ci = Synapses(P[3200:], P, on_pre="gi += 6.7")
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
    P.v = "(randn()*5 - 5)*mV"
    P.ge = "randn()*1.5 + 4"
    P.gi = "randn()*12 + 20"
    return P, [Ce, Ci]


def cuba():
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = """
    dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : volt
    dgi/dt = -gi / taui : volt
    """
    P = NeuronGroup(4000, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method="exact",
                    namespace=dict(taum=taum, taue=taue, taui=taui, Vt=Vt, Vr=Vr, El=El))
    P.v = "Vr + rand() * (Vt - Vr)"
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    Ce = Synapses(P, P, on_pre="ge += we", namespace=dict(we=we))
    Ci = Synapses(P, P, on_pre="gi += wi", namespace=dict(wi=wi))
    Ce.connect("i<3200", p=0.02)
    Ci.connect("i>=3200", p=0.02)
    return P, [Ce, Ci]


def stats(counts, trains):
    q = np.percentile(counts, [10, 25, 50, 75, 90])
    cvs = []
    for tr in trains:
        if len(tr) >= 3:
            isi = np.diff(tr)
            cvs.append(isi.std() / isi.mean())
    return dict(mean_rate_hz=float(counts.mean()), exc_rate_hz=float(counts[:3200].mean()),
                inh_rate_hz=float(counts[3200:].mean()), sd_count=float(counts.std()),
                q10=float(q[0]), q25=float(q[1]), q50=float(q[2]), q75=float(q[3]), q90=float(q[4]),
                silent_fraction=float((counts == 0).mean()), mean_cv_isi=float(np.mean(cvs)) if cvs else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--target", default="numpy")
    a = ap.parse_args()
    prefs.codegen.target = a.target
    for name, build in (("coba", coba), ("cuba", cuba)):
        rows = []
        for seed in range(1, a.seeds + 1):
            b2.start_scope()
            b2.seed(seed)
            defaultclock.dt = 0.1 * ms
            P, syn = build()
            mon = SpikeMonitor(P)
            net = Network(P, *syn, mon)
            net.run(1 * second)
            counts = np.asarray(mon.count[:], dtype=float)
            trains = [np.asarray(v / second) for v in mon.spike_trains().values()]
            r = stats(counts, trains)
            r.update(network=name, seed=seed, spikes=int(counts.sum()),
                     synapses=int(sum(len(s.i[:]) for s in syn)), brian2=b2.__version__)
            rows.append(r)
            print(json.dumps(r), flush=True)
        keys = [k for k in rows[0] if isinstance(rows[0][k], float)]
        summary = {k: [round(float(np.mean([r[k] for r in rows])), 4), round(float(np.std([r[k] for r in rows])), 4)]
                   for k in keys}
        print(json.dumps(dict(network=name, summary_mean_sd_over_seeds=summary, seeds=a.seeds)), flush=True)


if __name__ == "__main__":
    main()
