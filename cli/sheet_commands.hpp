#pragma once
// The meeting workflow: `staffnet template` writes a worksheet, `staffnet import-sheet` reads it back.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace staffnet {

struct TemplateArgs {
    std::string config;      // "" = the bundled example
    std::string out;         // the worksheet to write
    bool force = false;      // replace `out` if it exists
    bool from_ties = false;  // fill in the district team - school leader ties of the config's ties.csv
};

/// Writes the worksheet of the config's district team members (rows) by school leaders (columns)
/// atomically to `args.out`, then prints what it wrote and the legend of codes to stdout. Throws
/// InputError for bad input (nothing written) and std::runtime_error when `out` exists (without
/// `force`) or is one of the config's input files.
void write_template(const TemplateArgs& args);

/// `staffnet template [CONFIG] --out SHEET.csv [--force] [--from-ties]`.
void add_template_command(CLI::App& app);

struct ImportSheetArgs {
    std::string sheet;   // the filled worksheet
    std::string config;  // "" = the bundled example
    std::string out;     // ties file to write; "" = stdout
    bool force = false;  // replace `out` if it exists
    bool merge = false;  // write into the config's ties file, replacing this worksheet's earlier ties
};

/// Reads a filled worksheet against the config's people and tie types and writes its ties as
/// ties.csv rows (`source,target,type,weight`) atomically to `args.out`, or to stdout, with a
/// one-line summary on the other stream. Throws InputError listing every problem in the sheet
/// (nothing written), std::runtime_error when `out` exists (without `force`) or is an input file.
void import_sheet(const ImportSheetArgs& args);

/// With `merge`, the ties go into the config's (first) ties file instead, replacing the rows an
/// earlier import of the same worksheet (by file name) wrote, with a copy of the old file kept as
/// `<ties>.bak`.
/// `staffnet import-sheet SHEET.csv [CONFIG] [--out ties.csv] [--force] [--merge]`.
void add_import_sheet_command(CLI::App& app);

/// Throws std::runtime_error when `out` is a folder, is one of `inputs` (even with `force`), or
/// already exists and `force` is false.
void check_output_file(const std::string& out, bool force, const std::vector<std::string>& inputs);

}  // namespace staffnet
