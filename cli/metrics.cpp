#include "app/analysis.hpp"
#include "cli/commands.hpp"

#include "engine/graph_measures.hpp"
#include "engine/metrics.hpp"
#include "io/edgelist.hpp"
#include "io/graph_formats.hpp"
#include "io/output.hpp"
#include "io/table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>

namespace staffnet {
namespace {

struct MetricsArgs {
    std::string ties;
    EdgeListOptions input;
    bool directed = false, undirected = false;
    CLI::Option* directed_option = nullptr;  // to tell --directed=false from no --directed
    std::string format = "csv";
    bool summary = false;
    bool list = false;
    std::vector<std::string> only;
    std::string layer;
    unsigned seed = 42;
};

void list_metrics() {
    for (const Metric& m : metrics()) {
        std::string options;
        for (const OptionSpec& o : m.options) options += (options.empty() ? " [options: " : ", ") + o.name;
        std::cout << fmt::format("{:<26} {}{}\n", m.name, m.summary, options.empty() ? "" : options + "]");
    }
}

nlohmann::json json_number(double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); }

// A CSV edge list takes its people from people.csv beside it, as `convert` does, so that people
// without ties count (isolates, density); said on stderr, since it changes the results.
std::string people_beside(const std::string& ties) {
    namespace fs = std::filesystem;
    GraphFormat format = GraphFormat::ucinet_dl;
    try {
        format = format_for_path(ties);
    } catch (const InputError&) {  // an edge list saved as .txt: no people file is guessed
    }
    if (format != GraphFormat::staffnet_csv) return "";
    const fs::path beside = fs::path(ties).parent_path() / "people.csv";
    if (fs::path(ties).filename() == "people.csv" || !fs::is_regular_file(beside)) return "";
    std::cerr << "staffnet: note: people from " << beside.string()
              << " (beside the edge list), people without ties included; pass --people FILE to use another file\n";
    return beside.string();
}

void run_metrics(const MetricsArgs& args) {
    if (args.list) return list_metrics();
    if (args.ties.empty()) throw CLI::RequiredError("TIES.csv");
    EdgeListOptions input = args.input;
    // --directed=false is read as --undirected (a flag CLI11 sets to false would otherwise go unnoticed).
    if (args.undirected || (args.directed_option->count() > 0 && !args.directed)) input.directed = false;
    if (args.directed) input.directed = true;
    if (input.people.empty()) input.people = people_beside(args.ties);
    std::vector<Diagnostic> warnings;
    Network net = read_edge_list(args.ties, input, warnings);
    for (const Diagnostic& w : warnings) std::cerr << format(w) << '\n';
    if (!args.layer.empty()) {
        std::size_t type = net.options.types.size();
        for (std::size_t t = 0; t < net.options.types.size(); ++t)
            if (net.options.types[t].name == args.layer) type = t;
        if (type == net.options.types.size())
            throw InputError(Diagnostic{args.ties, 0, 0, "no ties of type '" + args.layer + "'", "check --layer against the type column"});
        net = layer(net, type);
    }
    std::vector<MetricRequest> requests;
    for (const std::string& name : args.only.empty() ? default_metrics() : args.only) {
        if (!find_metric(name)) {
            std::vector<std::string> names;
            for (const Metric& m : metrics()) names.push_back(m.name);
            throw InputError(Diagnostic{"--metrics", 0, 0, "unknown metric '" + name + "'" + did_you_mean(name, names),
                                        "run 'staffnet metrics --list'"});
        }
        Options options;
        options.seed = args.seed;
        requests.push_back({name, options});
    }
    if (args.summary)
        for (const std::string& note : graph_measure_notes(net)) std::cerr << "staffnet: note: " << note << '\n';
    // The analysis layer's metric step: one shared path pass for the path metrics and the summary.
    NetworkMetrics computed = network_metrics(net, requests, {.samples = 0, .seed = args.seed, .progress = {}}, args.summary);
    const std::vector<ScoreColumn>& columns = computed.columns;

    if (args.format == "json") {
        nlohmann::ordered_json out;
        out["nodes"] = nlohmann::ordered_json::array();
        for (std::size_t v = 0; v < net.size(); ++v) {
            nlohmann::ordered_json row;
            row["id"] = net.people[v].id;
            for (const auto& [name, scores] : columns) row[name] = json_number(scores[v]);
            out["nodes"].push_back(row);
        }
        if (args.summary)
            for (const auto& [name, value] : computed.whole) out["summary"][name] = json_number(value);
        std::cout << out.dump(2) << '\n';
        return;
    }
    std::cout << people_csv(net, columns);
    if (args.summary) {
        // A second table after one blank line: measure,value.
        std::cout << "\nmeasure,value\n";
        for (const auto& [name, value] : computed.whole) std::cout << name << ',' << number_cell(value) << '\n';
    }
}

}  // namespace

void add_metrics_command(CLI::App& app) {
    auto args = std::make_shared<MetricsArgs>();
    auto* cmd = app.add_subcommand("metrics", "metrics of a plain edge list, one CSV row per person on stdout");
    cmd->add_option("ties", args->ties, "edge list: source,target[,weight][,type]; or a .graphml .gexf .net .dl .json .adj.csv file");
    cmd->add_option("--people", args->input.people, "people.csv (default: people.csv beside the edge list, else the ids in it)");
    args->directed_option = cmd->add_flag("--directed", args->directed, "source names target (a network file: overrides its direction)");
    cmd->add_flag("--undirected", args->undirected, "ties have no direction, whatever the file says (arcs both ways are one tie)")
        ->excludes(args->directed_option);
    cmd->add_flag("--weighted", args->input.weighted, "use weights (as strength; path length = 1/weight)");
    cmd->add_flag("--drop-self-ties", args->input.drop_self_ties, "skip rows that tie a person to themselves");
    cmd->add_option("--format", args->format, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
    cmd->add_flag("--summary", args->summary, "also print the graph-level measures");
    cmd->add_option("--metrics", args->only, "only these metrics (comma separated)")->delimiter(',');
    cmd->add_option("--layer", args->layer, "only ties of this type");
    cmd->add_option("--seed", args->seed, "seed for Louvain and sampled betweenness")->capture_default_str();
    cmd->add_flag("--list", args->list, "list every metric with its options and exit");
    cmd->callback([args] { run_metrics(*args); });
}

}  // namespace staffnet
