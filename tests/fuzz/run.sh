#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, AddressSanitizer + UBSan) into ./build-fuzz and runs each
# for SECONDS (default 60), seeded from the test fixtures, the example district and ../shared/data.
# Exits 1 when any harness finds a crash, a leak, a hang (over 10 s) or memory above 2 GB; the
# input is kept in build-fuzz/crashes/<target>/ and the log in build-fuzz/logs/<target>.log.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      e.g. tests/fuzz/run.sh 120 config people
#
# Reproduce one input: build-fuzz/tests/fuzz/<target>_fuzz FILE. Keep it as a regression test by
# copying it to tests/fuzz/regressions/<target>/ with its expected diagnostics (see the README there).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift $(($# > 0 ? 1 : 0))

cxx=${CXX_FUZZ:-clang++}
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "fuzz: needs clang: sudo apt-get install clang" >&2
  exit 2
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' >"$probe/probe.cpp"
if ! "$cxx" -fsanitize=fuzzer "$probe/probe.cpp" -o "$probe/probe" 2>"$probe/error"; then
  major=$("$cxx" -dumpversion | cut -d. -f1)
  echo "fuzz: $cxx cannot link -fsanitize=fuzzer (libFuzzer is missing):" >&2
  cat "$probe/error" >&2
  echo "fuzz: on Debian 12 install it with: sudo apt-get install libclang-rt-$major-dev" >&2
  exit 2
fi

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER="$cxx" "${launcher[@]}" \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DSTAFFNET_TESTS=OFF -DSTAFFNET_FUZZ=ON
fi
cmake --build build-fuzz --parallel 2 --target fuzzers

targets=("$@")
if ((${#targets[@]} == 0)); then
  for harness in tests/fuzz/*_fuzz.cpp; do
    name=$(basename "$harness" _fuzz.cpp)
    targets+=("$name")
  done
fi

export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=()
printf '%-10s %10s %8s %8s %8s %8s  %s\n' target executions exec/s coverage features corpus result
for name in "${targets[@]}"; do
  harness=tests/fuzz/${name}_fuzz.cpp
  seeds=build-fuzz/seeds/$name corpus=build-fuzz/corpus/$name crashes=build-fuzz/crashes/$name
  rm -rf "$seeds"
  mkdir -p "$seeds" "$corpus" "$crashes" build-fuzz/logs
  # The harness names its seeds on its `// seeds:` line, as globs from the repository root; the
  # inputs kept from earlier crashes seed it too.
  for pattern in $(sed -n 's|^// seeds: ||p' "$harness") "tests/fuzz/regressions/$name/*"; do
    for file in $pattern; do
      [ -f "$file" ] && [[ $file != *.expected ]] && cp "$file" "$seeds/$(echo "$file" | tr '/' '_')"
    done
  done
  dict=()
  [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
  log=build-fuzz/logs/$name.log
  status=0
  "build-fuzz/tests/fuzz/${name}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "${dict[@]}" "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  coverage=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  features=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  result=clean
  if ((status != 0)); then
    result="FAILED (exit $status): $(grep -m1 -E '^==[0-9]+==ERROR|^SUMMARY|ALARM|out-of-memory|leak|terminate' "$log" || echo "see $log")"
    failed+=("$name")
  fi
  printf '%-10s %10s %8s %8s %8s %8s  %s\n' "$name" "${executions:-?}" "${rate:-?}" "${coverage:-?}" "${features:-?}" \
    "$(find "$corpus" -type f | wc -l)" "$result"
done
if ((${#failed[@]})); then
  echo "fuzz: ${failed[*]} failed; inputs in build-fuzz/crashes/, logs in build-fuzz/logs/" >&2
  exit 1
fi
