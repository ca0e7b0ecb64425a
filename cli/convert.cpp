#include "cli/commands.hpp"
#include "cli/sheet_commands.hpp"
#include "io/graph_formats.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace staffnet {
namespace fs = std::filesystem;

namespace {

struct ConvertArgs {
    std::string in, out;
    std::string from, to;  // format names; "" = by the file's ending
    std::string people;    // for a ties.csv input
    bool directed = false;
    bool force = false;
};

// Every file the conversion reads, so that none is overwritten.
std::vector<std::string> inputs(const ConvertArgs& args) {
    const fs::path in(args.in);
    return {args.in, (in / "ties.csv").string(), (in / "people.csv").string(), (in.parent_path() / "people.csv").string(), args.people};
}

void run_convert(const ConvertArgs& args) {
    const GraphFormat from = args.from.empty() ? format_for_path(args.in) : format_named(args.from, "--from");
    const GraphFormat to = args.to.empty() ? format_for_path(args.out) : format_named(args.to, "--to");
    if (to == GraphFormat::staffnet_csv) check_output_folder(args.out, args.force);
    if (from != GraphFormat::staffnet_csv && (args.directed || !args.people.empty()))
        throw InputError(Diagnostic{args.directed ? "--directed" : "--people", 0, 0,
                                    "only a ties.csv input takes " + std::string(args.directed ? "--directed" : "--people"),
                                    "a " + format_name(from) + " file says itself who the people are and whether ties are directed"});
    const GraphFile graph = read_graph_file(args.in, from, {.people = args.people, .directed = args.directed});
    for (const Diagnostic& w : graph.warnings) std::cerr << format(w) << '\n';

    std::vector<std::string> dropped;
    if (to == GraphFormat::staffnet_csv && !is_folder_path(args.out)) {  // out.csv: one edge list, as `metrics` reads
        const std::string text = write_edge_list_csv(graph, dropped);
        check_output_file(args.out, args.force, inputs(args));
        write_atomically(args.out, text);
    } else if (to == GraphFormat::staffnet_csv) {
        const StaffnetCsv files = write_staffnet_csv(graph, dropped);
        OutputSet outputs;
        outputs.add("people.csv", files.people);
        outputs.add("ties.csv", files.ties);
        commit(outputs, args.out, {.force = args.force, .inputs = inputs(args), .fault = {}});
    } else {
        const std::string text = write_graph(to, graph, dropped);
        check_output_file(args.out, args.force, inputs(args));
        write_atomically(args.out, text);
    }
    for (const std::string& d : dropped) std::cerr << "staffnet: note: " << d << '\n';
    std::cout << fmt::format("wrote {} ({}): {} people, {} ties, {}\n", args.out, format_name(to), graph.nodes.size(), graph.ties.size(),
                             graph.directed ? "directed" : "undirected");
}

}  // namespace

void add_convert_command(CLI::App& app) {
    auto args = std::make_shared<ConvertArgs>();
    auto* cmd = app.add_subcommand("convert", "convert a network between GraphML, GEXF, Pajek, UCINET DL, adjacency CSV, JSON and "
                                              "people.csv + ties.csv");
    cmd->add_option("in", args->in, "the network to read: .graphml .gexf .net .dl .json .adj.csv, a ties.csv, or a folder "
                                    "holding people.csv and ties.csv")
        ->required();
    cmd->add_option("out,-o,--out", args->out, "the file to write, by the same endings; .csv gets one edge list (source,target,weight[,type][,wave]); a "
                                           "folder (no ending, or ending in /) gets people.csv and ties.csv")
        ->required();
    cmd->add_option("--from", args->from, "the input's format when its ending does not say: csv, graphml, gexf, pajek, dl, adjacency, json");
    cmd->add_option("--to", args->to, "the output's format when its ending does not say (same names)");
    cmd->add_option("--people", args->people, "people.csv for a ties.csv input (default: people.csv beside it, else the ids in it)");
    cmd->add_flag("--directed", args->directed, "the ties.csv input is directed (source names target)");
    cmd->add_flag("--force", args->force, "replace the output if it exists");
    cmd->callback([args] { run_convert(*args); });
}

}  // namespace staffnet
