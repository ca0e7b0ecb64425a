#!/usr/bin/env bash
# The whole-run benchmark (issue "One analysis, computed once"): `staffnet analyze` on a generated
# district against igraph's betweenness alone on the same graph, as ratios from one run.
#
#   benchmarks/analyze/run.sh            # the 5k district row and the 10k metrics row (~2 min)
#   benchmarks/analyze/run.sh --state    # also the 100,000-person state row (several minutes)
#
# Rows:
#   district-5k  analyze CPU seconds / igraph betweenness CPU seconds   target <= 2
#   metrics-10k  `staffnet metrics` (every default metric) wall / igraph betweenness wall, on a
#                10k-person Barabási–Albert graph                         target <= 1
#   state-100k   analyze wall seconds (target <= 90) and peak memory (target <= 1 GiB)
# Uses build/staffnet (bash .ci/setup builds it) and Debian's python3-igraph.
set -euo pipefail
cd "$(dirname "$0")/../.."
staffnet=${STAFFNET:-build/staffnet}
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x "$staffnet" ] || { echo "build staffnet first (bash .ci/setup)"; exit 1; }
$py -c "import igraph" 2>/dev/null || { echo "needs python3-igraph (apt-get install python3-igraph)"; exit 1; }

# CPU (user+sys) seconds, wall seconds and peak RSS (MiB) of a command, from GNU time.
measure() {  # measure NAME command...
    /usr/bin/time -f "%U %S %e %M" -o "$work/$1.time" "${@:2}" >"$work/$1.out" 2>"$work/$1.err"
    read -r user sys wall rss <"$work/$1.time"
    cpu=$(echo "$user + $sys" | bc)
    echo "$cpu $wall $((rss / 1024))"
}

# igraph's betweenness on a ties file's pairs (types combined, as staffnet builds the network).
igraph_betweenness() {  # FILE -> "cpu wall"
    $py - "$1" <<'PY'
import csv, sys, time, igraph
rows = csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))
index, edges = {}, set()
for r in rows:
    a, b = r['source'], r['target']
    if a == b: continue
    i, j = index.setdefault(a, len(index)), index.setdefault(b, len(index))
    edges.add((min(i, j), max(i, j)))
g = igraph.Graph(n=len(index), edges=sorted(edges))
c0, w0 = time.process_time(), time.perf_counter()
g.betweenness(directed=False)
print(f"{time.process_time() - c0:.3f} {time.perf_counter() - w0:.3f}")
PY
}

printf '%-12s %10s %10s %10s %12s %8s %s\n' row staffnet_cpu wall_s peak_MiB igraph_bc_cpu ratio target
row_district() {  # NAME PEOPLE TIES SCHOOLS
    $py benchmarks/scale/generate.py --people "$2" --ties "$3" --districts 1 --schools "$4" "$work/$1" >/dev/null
    read -r cpu wall rss < <(measure "$1" "$staffnet" analyze "$work/$1/config.yaml" --out "$work/$1-out" --force)
    read -r icpu iwall < <(igraph_betweenness "$work/$1/ties.csv")
    ratio=$(echo "scale=2; $cpu / $icpu" | bc)
    verdict=$([ "$(echo "$ratio <= 2" | bc)" = 1 ] && echo PASS || echo MISS)
    printf '%-12s %10s %10s %10s %12s %8s %s\n' "$1" "$cpu" "$wall" "$rss" "$icpu" "${ratio}x" "<= 2x CPU: $verdict"
}
row_district district-5k 5000 50000 60

# metrics-10k: every default metric from the command line against igraph's betweenness alone.
$py - "$work/ba.csv" <<'PY'
import sys, igraph
igraph.set_random_number_generator(__import__('random').Random(42))
g = igraph.Graph.Barabasi(10000, 5)
with open(sys.argv[1], 'w') as f:
    f.write('source,target\n')
    for a, b in g.get_edgelist(): f.write(f'v{a},v{b}\n')
PY
read -r cpu wall rss < <(measure metrics "$staffnet" metrics "$work/ba.csv")
read -r icpu iwall < <(igraph_betweenness "$work/ba.csv")
ratio=$(echo "scale=2; $wall / $iwall" | bc)
verdict=$([ "$(echo "$ratio <= 1" | bc)" = 1 ] && echo PASS || echo MISS)
printf '%-12s %10s %10s %10s %12s %8s %s\n' metrics-10k "$cpu" "$wall" "$rss" "$iwall(wall)" "${ratio}x" "<= 1x wall: $verdict"

if [ "${1:-}" = "--state" ]; then
    $py benchmarks/scale/generate.py "$work/state" >/dev/null
    read -r cpu wall rss < <(measure state "$staffnet" analyze "$work/state/config.yaml" --out "$work/state-out" --force)
    verdict=$([ "$(echo "$wall <= 90" | bc)" = 1 ] && [ "$rss" -le 1024 ] && echo PASS || echo MISS)
    printf '%-12s %10s %10s %10s %12s %8s %s\n' state-100k "$cpu" "$wall" "$rss" - - "wall <= 90 s, peak <= 1024 MiB: $verdict"
fi
