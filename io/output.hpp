#pragma once
// Writing results: CSV cells, atomic files, and an output folder that never clobbers user files.
#include <string>
#include <vector>

namespace staffnet {

/// A number as the shortest text that reads back to the same double; NaN (not defined) as "".
std::string number_cell(double x);

/// Text for a CSV cell, quoted when needed (RFC 4180), and also when it holds a semicolon or a tab
/// (separators of other spreadsheet locales). A cell that a spreadsheet would run as a formula
/// (starting with = + - @, tab or carriage return, or with = + - @ after spaces) is prefixed with
/// a single quote. Every text cell of every CSV output goes through here.
std::string text_cell(const std::string& text);

/// Joins already-formatted cells into CSV lines (LF line ends).
std::string csv_lines(const std::vector<std::vector<std::string>>& rows);

/// Writes `content` to a temporary file beside `path`, flushes it to disk and renames it over
/// `path`, so readers see the old file or the new one, never half of one.
void write_atomically(const std::string& path, const std::string& content);

/// Output files staged in memory and written only once all of them exist, so a failure leaves the
/// folder as it was.
struct OutputSet {
    std::vector<std::pair<std::string, std::string>> files;  // (name inside the folder, content)
    void add(std::string name, std::string content) { files.emplace_back(std::move(name), std::move(content)); }
};

struct WriteOptions {
    bool force = false;               // write into a non-empty folder staffnet did not create
    std::vector<std::string> inputs;  // files that must never be overwritten
};

/// Writes every staged file into `folder`, creating it: all of them to temporary files first, then
/// each renamed into place, so a failed write leaves every earlier file as it was. Refuses
/// (std::runtime_error, nothing written) when the folder holds files but no `.staffnet` marker
/// (unless forced), when an output would replace an input file or is a folder, or when an output's
/// name would leave the folder (absolute, or through "..") or has a part longer than 255 bytes.
void commit(const OutputSet& outputs, const std::string& folder, const WriteOptions& options = {});

}  // namespace staffnet
