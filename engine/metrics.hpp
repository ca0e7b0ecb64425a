#pragma once
// The metric registry: the one list of per-person metrics, their YAML names, columns and options.
#include "engine/network.hpp"
#include "engine/progress.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace staffnet {

/// Options given to one metric in the config, already checked against `Metric::options`.
struct Options {
    std::map<std::string, std::string> values;
    unsigned seed = 42;  // the run's seed, for metrics with a random step and no `seed` option
    ProgressFn progress;  // for metrics that report progress (the path metrics)
    bool flag(const std::string& key, bool fallback) const;
    double number(const std::string& key, double fallback) const;
    std::string text(const std::string& key, const std::string& fallback) const;
};

/// One registered metric: one output column. A score of NaN means "not defined for this person"
/// (for example constraint of someone with no ties) and is written as an empty cell.
struct Metric {
    std::string name;     // the YAML name
    std::string column;   // the people.csv column
    std::string summary;  // what `staffnet metrics --list` prints
    std::vector<std::string> options;
    std::function<VertexScores(const Network&, const Options&)> compute;
};

/// A metric asked for by name, with its options.
struct MetricRequest {
    std::string name;
    Options options;
};

/// A computed column.
struct MetricColumn {
    const Metric* metric;
    VertexScores scores;
};

/// Computes the requested metrics, returned in registry (output-column) order whatever the
/// request order; a metric named twice is computed once with its last options. `starting` (when
/// given) is told of each metric before it runs, for progress reports.
std::vector<MetricColumn> compute_metrics(const Network& net, const std::vector<MetricRequest>& requests,
                                          const std::function<void(const Metric&)>& starting = {});

/// Every metric, in output-column order.
const std::vector<Metric>& metrics();

/// The metric with this YAML name, or nullptr.
const Metric* find_metric(std::string_view name);

/// Checks one option value before anything runs (options mean the same in every metric): returns ""
/// when `value` suits option `key`, else what it should be ("true or false", "a whole number", ...).
std::string option_problem(const std::string& key, const std::string& value);

/// Names of the metrics `analyze` computes when the config names none.
const std::vector<std::string>& default_metrics();

}  // namespace staffnet
