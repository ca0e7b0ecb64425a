#include "benchmarks/graphs.hpp"
#include "engine/centrality.hpp"

#include <benchmark/benchmark.h>

namespace staffnet::bench {
namespace {

void BM_degree(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(degree(net));
}
BENCHMARK(BM_degree)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_strength(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(strength(net));
}
BENCHMARK(BM_strength)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_betweenness(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(betweenness(net));
}
BENCHMARK(BM_betweenness)->Arg(100)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_closeness(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(closeness(net));
}
BENCHMARK(BM_closeness)->Arg(100)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_harmonic(benchmark::State& state) {
    const Network net = to_network(staff_like(state.range(0), /*seed=*/42));
    for (auto _ : state) benchmark::DoNotOptimize(harmonic(net));
}
BENCHMARK(BM_harmonic)->Arg(100)->Arg(1'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace staffnet::bench
