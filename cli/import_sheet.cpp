#include "cli/commands.hpp"
#include "cli/sheet_commands.hpp"
#include "config/analysis.hpp"
#include "io/csv.hpp"
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

void import_sheet(const ImportSheetArgs& args) {
    const AnalysisConfig config = load_analysis(args.config.empty() ? default_config() : args.config);
    const std::vector<TieType>& types = config.network.types;
    check_codes(types, config.file);
    const PeopleTable people = load_people(config);
    for (const Diagnostic& w : people.warnings) std::cerr << format(w) << '\n';
    const std::vector<SheetTie> ties = read_sheet(args.sheet, people.people, types);

    std::vector<std::size_t> per_type(types.size(), 0);
    for (const SheetTie& t : ties) ++per_type[t.type];
    std::string counts;
    for (std::size_t k = 0; k < types.size(); ++k)
        if (per_type[k] > 0) counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", per_type[k], types[k].name);
    const std::string summary = fmt::format("{} ties ({})", ties.size(), counts.empty() ? "the sheet is blank" : counts);
    if (args.merge) {
        if (!args.out.empty()) throw std::runtime_error("--merge writes into the config's ties file; leave out --out");
        if (!config.network_file.empty())
            throw std::runtime_error("the config reads its ties from " + config.network_file + "; --merge needs a ties.csv under data: ties:");
        const std::string name = fs::path(args.sheet).filename().string();
        const std::string existing = fs::exists(config.ties) ? read_text_file(config.ties) : "";
        const SheetMerge merge = merge_sheet_ties(config.ties, existing, name, ties, types);
        if (fs::exists(config.ties)) write_atomically(config.ties + ".bak", existing);
        write_atomically(config.ties, merge.text);
        std::cout << fmt::format("merged {} from {} into {} (replacing the {} ties an earlier import of {} wrote; {} other ties kept); "
                                 "the previous file is {}.bak\n",
                                 summary, args.sheet, config.ties, merge.replaced, name, merge.kept, config.ties);
        return;
    }
    if (args.out.empty()) {
        std::cout << ties_csv(ties, types);
        std::cerr << "read " << summary << " from " << args.sheet << '\n';
        return;
    }
    check_output_file(args.out, args.force, {args.sheet, config.file, config.people, config.ties, config.schools});
    write_atomically(args.out, ties_csv(ties, types));
    std::cout << "wrote " << summary << " from " << args.sheet << " to " << args.out << '\n';
}

void add_import_sheet_command(CLI::App& app) {
    auto args = std::make_shared<ImportSheetArgs>();
    auto* cmd = app.add_subcommand("import-sheet", "turn a filled meeting worksheet into ties.csv rows");
    cmd->add_option("sheet", args->sheet, "the filled worksheet, saved as CSV")->required();
    cmd->add_option("config", args->config, "config.yaml (default: the bundled example district)");
    cmd->add_option("-o,--out", args->out, "the ties file to write (default: print the rows)");
    cmd->add_flag("--force", args->force, "replace the ties file if it exists");
    cmd->add_flag("--merge", args->merge,
                  "write the ties into the config's ties file, replacing those an earlier import of this worksheet wrote (keeps a .bak)");
    cmd->callback([args] { import_sheet(*args); });
}

}  // namespace staffnet
