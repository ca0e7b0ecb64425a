#include "cli/commands.hpp"
#include "cli/sheet_commands.hpp"
#include "config/analysis.hpp"
#include "io/district.hpp"
#include "io/output.hpp"
#include "io/readers.hpp"
#include "io/sheet.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace staffnet {
namespace fs = std::filesystem;

void check_output_file(const std::string& out, bool force, const std::vector<std::string>& inputs) {
    if (!fs::exists(out)) return;
    if (fs::is_directory(out))
        throw std::runtime_error(out + " is a folder; give --out a file name, such as " + (fs::path(out) / "sheet.csv").string());
    for (const std::string& input : inputs)
        if (!input.empty() && fs::exists(input) && fs::equivalent(input, out))
            throw std::runtime_error("refusing to overwrite the input file " + input + "; choose another --out");
    if (!force) throw std::runtime_error(out + " already exists; choose another --out, or add --force to replace it");
}

void write_template(const TemplateArgs& args) {
    const AnalysisConfig config = load_analysis(args.config.empty() ? default_config() : args.config);
    const std::vector<TieType>& types = config.network.types;
    check_codes(types, config.file);
    const PeopleTable people = load_people(config);
    for (const Diagnostic& w : people.warnings) std::cerr << format(w) << '\n';
    SheetPeople sheet = sheet_people(people.people);
    if (!config.schools.empty())  // column headings name the school, not its id
        for (const School& s : read_schools(config.schools, {}).schools) sheet.school_names[s.id] = s.name;
    DiagnosticList problems;
    if (sheet.members.empty())
        problems.error({config.people, 0, 0, "no one has the role district_team",
                        "the worksheet's rows are the district team; mark them in the role column"});
    if (sheet.leaders.empty())
        problems.error({config.people, 0, 0, "no one has the role school_leader",
                        "the worksheet's columns are school leaders; mark them in the role column"});
    problems.check();

    std::vector<SheetTie> filled;
    if (args.from_ties) {
        std::vector<TieType> read_types = types;
        const TieTable ties = load_ties(config, people, read_types);
        filled = sheet_ties(ties.rows, people.people, read_types, config.ties);
    }
    check_output_file(args.out, args.force, {config.file, config.people, config.ties, config.schools});
    write_atomically(args.out, sheet_csv(sheet, types, filled));

    std::cout << fmt::format("wrote {}: {} district team members (rows) by {} school leaders (columns)", args.out,
                             sheet.members.size(), sheet.leaders.size());
    if (args.from_ties) std::cout << fmt::format(", with the {} ties already in {}", filled.size(), config.ties);
    // An example cell from the first and last codes, such as "P S".
    const std::string example = types.front().code + (types.size() > 1 ? " " + types.back().code : "");
    std::cout << "\ncodes: " << code_legend(types) << '\n'
              << "in each cell write the codes that apply, like '" << example << "'; a digit 1 (weak) to 3 (strong) after a code "
              << "gives the strength, like '" << types.front().code << "2' (no digit means 1); leave the cell blank when there is no tie\n"
              << "then save it as CSV and run: staffnet import-sheet " << args.out << (args.config.empty() ? "" : " " + args.config)
              << " --merge\n"
              << "(--merge adds the ties to the config's ties file, replacing those of an earlier import of the same worksheet)\n";
}

void add_template_command(CLI::App& app) {
    auto args = std::make_shared<TemplateArgs>();
    auto* cmd =
        app.add_subcommand("template", "write a meeting worksheet: district team members by school leaders, to fill with tie codes");
    cmd->add_option("config", args->config, "config.yaml (default: the bundled example district)");
    cmd->add_option("-o,--out", args->out, "the worksheet to write, such as sheet.csv")->required();
    cmd->add_flag("--force", args->force, "replace the worksheet if the file exists");
    cmd->add_flag("--from-ties", args->from_ties,
                  "fill in the district team - school leader ties already in the config's ties file");
    cmd->callback([args] { write_template(*args); });
}

}  // namespace staffnet
