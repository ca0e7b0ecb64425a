#include "benchmarks/graphs.hpp"
#include "engine/groups.hpp"

#include <benchmark/benchmark.h>

namespace staffnet::bench {
namespace {

void BM_component(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(component(net));
}
BENCHMARK(BM_component)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Building the graph from rows: what every analysis pays before any metric.
void BM_build_network(benchmark::State& state) {
    const EdgeList edges = staff_like(state.range(0), /*seed=*/42);
    for (auto _ : state) benchmark::DoNotOptimize(to_network(edges));
}
BENCHMARK(BM_build_network)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace staffnet::bench
