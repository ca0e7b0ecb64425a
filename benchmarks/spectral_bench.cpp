#include "benchmarks/graphs.hpp"
#include "engine/spectral.hpp"

#include <benchmark/benchmark.h>

namespace staffnet::bench {
namespace {

void BM_pagerank(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(pagerank(net));
}
BENCHMARK(BM_pagerank)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_eigenvector(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(eigenvector(net));
}
BENCHMARK(BM_eigenvector)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace staffnet::bench
