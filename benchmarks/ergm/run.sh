#!/usr/bin/env bash
# Times `staffnet ergm` on the directed Lazega advice network (71 lawyers, 892 ties) with
#   edges + mutual + nodematch(office) + gwesp(0.5, fixed) + gwidegree(0.5, fixed)
# at statnet's MCMC defaults (sample size 1024, interval 1024, burn-in 16384), on 2 threads and on
# 1, and checks that both print the same bytes. Target: under 10 s on 2 cores.
# Usage: benchmarks/ergm/run.sh [SEED (1)]   (STAFFNET=path overrides build/staffnet)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
staffnet="${STAFFNET:-$root/build/staffnet}"
data="$(cd "$root/../shared/data/lazega_lawfirm" && pwd)"
seed="${1:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/config.yaml" <<YAML
data:
  people: $data/people.csv
  ties: $data/ties.csv
network:
  directed: true
tie_types:
  advice: {weight: 1.0, close: true}
  cowork: {weight: 1.0, close: true}
  friendship: {weight: 1.0, close: true}
seed: $seed
YAML
model="edges + mutual + nodematch(office) + gwesp(0.5, fixed) + gwidegree(0.5, fixed)"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
timed() {  # wall-clock seconds of one command, its stdout kept in a file
    local out="$1" start end
    shift
    start=$(date +%s.%N)
    "$@" >"$out" 2>"$out.err"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}
args=(ergm "$work/config.yaml" --relation advice --model "$model" --format json)
t2=$(OMP_NUM_THREADS=2 timed "$work/two.json" "$staffnet" "${args[@]}")
t1=$(OMP_NUM_THREADS=1 timed "$work/one.json" "$staffnet" "${args[@]}")
cmp -s "$work/one.json" "$work/two.json" && same="identical" || same="DIFFERENT"
"$staffnet" ergm "$work/config.yaml" --relation advice --model "$model" 2>/dev/null
echo "2 threads: ${t2} s   1 thread: ${t1} s   output on 1 and 2 threads: $same"
