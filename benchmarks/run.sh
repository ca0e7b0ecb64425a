#!/usr/bin/env bash
# Issue 3: builds build-bench (Release, with benchmarks) and prints the staffnet-vs-igraph table.
# Usage: benchmarks/run.sh [compare options]   e.g. --quick, --rows betweenness,closeness, --graph er
# Needs libigraph-dev and libbenchmark-dev. The full run takes about 10 minutes on 2 cores; run it on
# an otherwise idle machine, since the 2-thread speed-ups share the CPUs with everything else.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build-bench"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTAFFNET_BENCHMARKS=ON -DSTAFFNET_TESTS=OFF >/dev/null
cmake --build "$build" --target compare staffnet_bench
# igraph's BLAS (if an OpenBLAS is installed) must not start threads of its own.
export OPENBLAS_NUM_THREADS=1
exec "$build/benchmarks/compare" "$@"
