#include "benchmarks/graphs.hpp"
#include "engine/cohesion.hpp"

#include <benchmark/benchmark.h>

namespace staffnet::bench {
namespace {

void BM_clustering(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(clustering(net));
}
BENCHMARK(BM_clustering)->Arg(100)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_core_number(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(core_number(net));
}
BENCHMARK(BM_core_number)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace staffnet::bench
