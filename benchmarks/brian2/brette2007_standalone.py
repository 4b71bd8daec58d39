#!/usr/bin/python3
"""Brian2's C++ standalone mode (its fastest single-machine target) on the three simulator workloads of issue 14,
with the networks of brette2007_reference.py (coba, cuba) and of ../../shared/tools/peers/brian2_coba.py
(poisson_syn), dt 0.1 ms, 1 s. Reports per run (best of --runs):
  loop_s        Brian2's own time of the simulation loop (device._last_run_time; std::clock(), i.e. the CPU
                time of the process during the loop, so comparable with snn4j's cpu_s_median);
  binary_cpu_s  user + sys CPU time of the whole compiled binary (loop + network construction + writing results),
  binary_wall_s wall time of the binary;
  synaptic events (the sum over spikes of the spiking neuron's out-degree), events per loop second,
and the facts that decide how fast the generated code is: the g++ version, Brian2's compile flags
(prefs.codegen.cpp.extra_compile_args_gcc, by default -O3 -ffast-math -march=native) and whether the CPU has
AVX-512 (gcc 12 vectorises the neuron state update of COBA only with AVX-512: the double-to-int64 conversion of
the refractory check has no AVX2 instruction).

Usage: brette2007_standalone.py --workload coba|cuba|poisson_syn --dir BUILD_DIR [--runs 5] [--seed 12345]
Needs: apt-get install python3-brian g++ (Brian2 2.5.1, gcc 12.2 were used).
"""
import argparse, json, os, platform, resource, subprocess, sys, time
import numpy as np
import brian2 as b2

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import brette2007_reference as ref  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--workload", choices=["coba", "cuba", "poisson_syn"], required=True)
ap.add_argument("--dir", required=True)
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--seed", type=int, default=12345)
ap.add_argument("--peers", default=None,
                help="folder of brian2_coba.py (for poisson_syn); default: the first shared/tools/peers above this file")
a = ap.parse_args()

b2.set_device("cpp_standalone", directory=a.dir, build_on_run=False)
b2.seed(a.seed)
b2.defaultclock.dt = 0.1 * b2.ms
if a.workload == "poisson_syn":
    peers = a.peers
    d = here
    while peers is None and os.path.dirname(d) != d:
        d = os.path.dirname(d)
        if os.path.exists(os.path.join(d, "shared", "tools", "peers", "brian2_coba.py")):
            peers = os.path.join(d, "shared", "tools", "peers")
    sys.path.insert(0, os.path.abspath(peers or "."))
    import brian2_coba as bc  # noqa: E402
    objs, accounting = bc.BUILDERS["poisson_syn"]()
else:
    P, syn = ref.coba() if a.workload == "coba" else ref.cuba()
    mon = b2.SpikeMonitor(P)
    objs = [P, *syn, mon]
    # coba's synapses start at the subgroups P[:3200] (offset 0) and P[3200:] (offset 3200); cuba's at P
    offsets = [0, 3200] if a.workload == "coba" else [0, 0]
    accounting = [(mon, 4000, list(zip(syn, offsets)))]
net = b2.Network(*objs)
net.run(1 * b2.second)
t = time.perf_counter()
b2.device.build(directory=a.dir, compile=True, run=False)
compile_s = time.perf_counter() - t

runs = []
for rep in range(a.runs):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    b2.device.run(directory=a.dir, with_output=False, run_args=[])
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    loop = b2.device._last_run_time
    spikes, events = 0, 0
    for m, size, syn_list in accounting:
        counts = np.asarray(m.count[:])
        spikes += int(counts.sum())
        for s, offset in syn_list:
            outdeg = np.bincount(np.asarray(s.i[:]), minlength=len(s.source))
            events += int((counts[offset:offset + outdeg.size].astype(np.int64) * outdeg).sum())
    runs.append(dict(loop_s=round(loop, 4), binary_cpu_s=round((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), 3),
                     binary_wall_s=round(wall, 3), spikes=spikes, syn_events=events,
                     events_per_loop_s=round(events / loop)))

gxx = subprocess.run(["g++", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
flags = open("/proc/cpuinfo").read().split()
best = min(runs, key=lambda r: r["loop_s"])
loops = sorted(r["loop_s"] for r in runs)
rec = dict(workload=a.workload, target="cpp_standalone", threads=1, brian2=b2.__version__, gxx=gxx,
           compile_args=b2.prefs.codegen.cpp.extra_compile_args_gcc, avx512f="avx512f" in flags,
           cpu=platform.processor() or platform.machine(), compile_s=round(compile_s, 1),
           load_average=[round(x, 2) for x in os.getloadavg()], runs=runs,
           loop_s_median=loops[len(loops) // 2], best_events_per_loop_s=best["events_per_loop_s"],
           median_events_per_loop_s=round(best["syn_events"] / loops[len(loops) // 2]))
print(json.dumps(rec), flush=True)
