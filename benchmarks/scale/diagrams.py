#!/usr/bin/env python3
"""Time staffnet's diagrams on a generated district, and check that two runs give the same bytes.

    /usr/bin/python3 benchmarks/scale/diagrams.py build/staffnet WORK [--people 5000 --ties 50000 --schools 60]

Generates the district into WORK/district (generate.py, seed 8) unless it is there, then runs
`staffnet render --diagram all --size-by degree` (degree, so that the time is the diagrams') twice with OMP_NUM_THREADS=1 (everything laid out in one process)
and once with OMP_NUM_THREADS=2 (forked workers), and prints CPU seconds (the run and its
workers), wall seconds, and whether every file is byte-identical across the three runs.
Standard library only; a measurement, not a test.
"""

import argparse
import filecmp
import os
import resource
import subprocess
import sys
import time


def run(staffnet, config, out, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([staffnet, "render", config, "--diagram", "all", "--size-by", "degree", "--out", out, "--force"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def same_tree(a, b):
    files = []
    for root, _, names in os.walk(a):
        files += [os.path.relpath(os.path.join(root, n), a) for n in names]
    match, mismatch, errors = filecmp.cmpfiles(a, b, sorted(files), shallow=False)
    return not mismatch and not errors, len(match), mismatch + errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("staffnet")
    ap.add_argument("work")
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--ties", type=int, default=50000)
    ap.add_argument("--schools", type=int, default=60)
    args = ap.parse_args()
    district = os.path.join(args.work, "district")
    if not os.path.exists(os.path.join(district, "config.yaml")):
        here = os.path.dirname(os.path.abspath(__file__))
        subprocess.run([sys.executable, os.path.join(here, "generate.py"), district, "--people", str(args.people),
                        "--ties", str(args.ties), "--districts", "1", "--schools", str(args.schools)], check=True)
    config = os.path.join(district, "config.yaml")
    runs = []
    for name, threads in [("serial", 1), ("serial-again", 1), ("workers-2", 2)]:
        out = os.path.join(args.work, name)
        cpu, wall = run(args.staffnet, config, out, threads)
        runs.append(out)
        print(f"{name:13s} OMP_NUM_THREADS={threads}: {cpu:6.1f} CPU s, {wall:6.1f} wall s")
    for other in runs[1:]:
        same, count, differ = same_tree(runs[0], other)
        print(f"{os.path.basename(other)} vs serial: " + (f"{count} files, all identical" if same else f"differ: {differ[:5]}"))


if __name__ == "__main__":
    main()
