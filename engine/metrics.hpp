#pragma once
// The metric registry: the one list of per-person metrics, their YAML names, columns and options.
#include "engine/network.hpp"
#include "engine/progress.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace staffnet {

/// The kind of value a metric option takes. config/, the CLI and the Python module parse an
/// option's text into its kind once (parse_option); metrics read typed values.
enum class OptionKind {
    flag,      // true or false
    count,     // a whole number, 0 or more (samples, seed)
    fraction,  // a number strictly between 0 and 1 (alpha)
    positive,  // a number above 0 (resolution)
    choice,    // one of `choices` (direction, objective)
    text,      // any text (attribute: a people.csv column)
};

/// One option a metric declares: its YAML name and kind.
struct OptionSpec {
    std::string name;
    OptionKind kind = OptionKind::text;
    std::vector<std::string> choices = {};  // for OptionKind::choice
};

using OptionValue = std::variant<bool, double, std::string>;  // flag; count, fraction, positive; choice, text

/// Options given to one metric, already parsed to their kinds (see parse_option).
struct Options {
    std::map<std::string, OptionValue> values;
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
    std::string summary;  // what `staffnet metrics` prints
    std::vector<OptionSpec> options;
    std::function<VertexScores(const Network&, const Options&)> compute;

    /// The option of this name, or nullptr.
    const OptionSpec* option(std::string_view name) const;
    /// The option names, in declaration order.
    std::vector<std::string> option_names() const;
};

/// Parses an option's text as its kind. Throws std::invalid_argument whose what() says what the
/// value must be: "true or false", "a whole number, 0 or more", "a number between 0 and 1, such
/// as 0.85", "a number above 0, such as 1", "in or out", ...
OptionValue parse_option(const OptionSpec& spec, const std::string& text);

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
/// `known` (when given) may answer a metric from results the caller already has (for example one
/// shared all-pairs pass); it returns the scores or std::nullopt to have the metric computed.
using KnownScores = std::function<std::optional<VertexScores>(const Metric&, const Options&)>;
std::vector<MetricColumn> compute_metrics(const Network& net, const std::vector<MetricRequest>& requests,
                                          const std::function<void(const Metric&)>& starting = {},
                                          const KnownScores& known = {});

/// Every metric, in output-column order.
const std::vector<Metric>& metrics();

/// The metric with this YAML name, or nullptr.
const Metric* find_metric(std::string_view name);

/// Names of the metrics `analyze` computes when the config names none.
const std::vector<std::string>& default_metrics();

}  // namespace staffnet
