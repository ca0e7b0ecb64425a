#!/usr/bin/env bash
# Times `staffnet ergm` on the directed Lazega advice network (71 lawyers, 892 ties) with
#   edges + mutual + nodematch(office) + gwesp(0.5, fixed) + gwidegree(0.5, fixed)
# at statnet's MCMC defaults (sample size 1024, interval 1024, burn-in 16384), for several seeds:
# each on 2 threads and on 1, checking that both print the same bytes. The time of one fit depends
# on the seed (how soon a sample at the estimate shows every |t| < 0.1), so the median and the
# largest are reported. Target: under 10 s on 2 cores.
# Usage: benchmarks/ergm/run.sh [SEED...]   (default seeds 1 to 10; STAFFNET=path overrides build/staffnet)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
staffnet="${STAFFNET:-$root/build/staffnet}"
data="$(cd "$root/../shared/data/lazega_lawfirm" && pwd)"
seeds=("${@:-}")
[ -n "${seeds[0]}" ] || seeds=(1 2 3 4 5 6 7 8 9 10)
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
times=()
for seed in "${seeds[@]}"; do
    args=(ergm "$work/config.yaml" --relation advice --model "$model" --format json --seed "$seed")
    t2=$(OMP_NUM_THREADS=2 timed "$work/two.json" "$staffnet" "${args[@]}")
    t1=$(OMP_NUM_THREADS=1 timed "$work/one.json" "$staffnet" "${args[@]}")
    cmp -s "$work/one.json" "$work/two.json" && same="identical" || same="DIFFERENT"
    grep -q '"converged": *true' "$work/two.json" && converged="converged" || converged="NOT CONVERGED"
    iterations=$(sed -n 's/.*"iterations": *\([0-9]*\).*/\1/p' "$work/two.json" | head -1)
    echo "seed $seed: 2 threads ${t2} s, 1 thread ${t1} s, output on 1 and 2 threads $same, $converged after $iterations iterations"
    times+=("$t2")
done
printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END {
    median = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "2 threads over %d seeds: median %.2f s, fastest %.2f s, slowest %.2f s (target: under 10 s)\n", NR, median, t[1], t[NR] }'
"$staffnet" ergm "$work/config.yaml" --relation advice --model "$model" --seed "${seeds[0]}" 2>/dev/null
