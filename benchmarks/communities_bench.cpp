#include "benchmarks/graphs.hpp"
#include "engine/communities.hpp"

#include <benchmark/benchmark.h>

namespace staffnet::bench {
namespace {

void BM_louvain(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(louvain(net));
}
BENCHMARK(BM_louvain)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_leiden(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(leiden(net));
}
BENCHMARK(BM_leiden)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace staffnet::bench
