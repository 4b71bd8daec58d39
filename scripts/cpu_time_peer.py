#!/usr/bin/python3
"""Runs a peer's Python benchmark script unchanged, with time.perf_counter replaced by time.thread_time (the
calling thread's CPU time), so that its rate can be compared with snn4j's CPU-time rates on a shared machine.
Usage: /usr/bin/python3 scripts/cpu_time_peer.py PEER_SCRIPT [ARGS...]
e.g.   /usr/bin/python3 scripts/cpu_time_peer.py ../shared/tools/peers/nmnist_numpy_decode.py examples/data/events/sample_nmnist.bin
"""
import runpy, sys, time

if len(sys.argv) < 2:
    sys.exit("usage: cpu_time_peer.py PEER_SCRIPT [ARGS...]")
time.perf_counter = time.thread_time
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
