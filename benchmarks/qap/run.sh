#!/usr/bin/env bash
# staffnet qap against R's sna on the same seeded 500-person district, with the same number of
# permutations: prints both tools' statistics side by side and the times with their ratio.
# Usage: benchmarks/qap/run.sh [PERMUTATIONS (1000)] [PEOPLE (500)]
# Needs Rscript with sna (Debian: r-cran-sna) and a built staffnet (STAFFNET=path to override
# build/staffnet). sna's netlm takes about 20 minutes at 1,000 permutations; run it on an idle
# machine, since staffnet uses every core and the ratio assumes they are free.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
staffnet="${STAFFNET:-$root/build/staffnet}"
permutations="${1:-1000}"
people="${2:-500}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

Rscript "$here/make_data.R" "$work" "$people"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# Wall-clock seconds of one command, its stdout kept in a file.
timed() {
    local out="$1" start end
    shift
    start=$(date +%s.%N)
    "$@" >"$out"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
qap=(qap "$work/config.yaml" --relation all --permutations "$permutations" --seed 1)
t_qap=$(timed "$work/qap.csv" "$staffnet" "${qap[@]}" --predictors same:school,diff:hire_date)
t_mrqap=$(timed "$work/mrqap.csv" "$staffnet" "${qap[@]}" --method mrqap --predictors same:school,diff:hire_date)
t_qap1=$(OMP_NUM_THREADS=1 timed /dev/null "$staffnet" "${qap[@]}" --predictors same:school,diff:hire_date)
t_mrqap1=$(OMP_NUM_THREADS=1 timed /dev/null "$staffnet" "${qap[@]}" --method mrqap --predictors same:school,diff:hire_date)

THREADS="$(nproc)" Rscript "$here/compare.R" "$work" "$permutations" "$work/qap.csv" "$work/mrqap.csv" \
    "$t_qap" "$t_mrqap" "$t_qap1" "$t_mrqap1"
