#pragma once
// Writing results: CSV cells, atomic files, and an output folder that never clobbers user files.
#include <functional>
#include <string>
#include <string_view>
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
/// folder as it was (see commit).
struct OutputSet {
    std::vector<std::pair<std::string, std::string>> files;  // (name inside the folder, content)
    void add(std::string name, std::string content) { files.emplace_back(std::move(name), std::move(content)); }
};

struct WriteOptions {
    bool force = false;               // write into a non-empty folder staffnet did not create
    std::vector<std::string> inputs;  // files that must never be overwritten
    /// Test hook, called before each step that changes the disk ("stage people.csv", "stage
    /// .staffnet", "swap", "move people.csv", ...); a throw from it is that step failing.
    std::function<void(std::string_view step)> fault;
};
using CommitOptions = WriteOptions;

/// Writes every staged file into `folder`, creating it, so that the folder holds either the whole
/// old set or the whole new set, whatever fails and even after a kill -9:
/// - When the folder is new, empty, or holds only what the last run listed in its `.staffnet`
///   marker, the new set (marker included) is written and flushed into a hidden folder beside it,
///   `.NAME.staffnet-stage-PID`, which then replaces the folder in one atomic exchange
///   (renameat2 RENAME_EXCHANGE; two renames where the file system lacks it). The old outputs
///   are removed with the old folder.
/// - When it holds other files too (the user's, or written before markers listed files, or it
///   is the working directory or a mount point), those are never touched: the new files are
///   staged in `.staffnet-stage-PID` inside it, a journal is written, and each old output is
///   moved to `.staffnet-old-PID` before its new one takes its place. A failure moves every old
///   file back; a kill leaves the journal, and the next run into the folder rolls back first.
/// The marker lists the files written (so the next run knows which are its own). Staging debris
/// is removed on failure, and at the start of the next run into the folder (see
/// check_output_folder). Refuses (std::runtime_error, nothing written) when the folder holds
/// files but no `.staffnet` marker (unless forced), when an output would replace an input file
/// or is a folder, or when an output's name would leave the folder (absolute, or through "..") or
/// has a part longer than 255 bytes.
void commit(const OutputSet& outputs, const std::string& folder, const WriteOptions& options = {});

/// Checks, before any analysis, that `folder` can take the outputs: throws InputError (file
/// "--out", a plain message, at most 500 bytes of the path) when it is a file, a symbolic-link
/// loop, too long, below a file, or not writable; std::runtime_error as commit() when it holds
/// files staffnet did not write and `force` is off. Removes the debris of an earlier run that
/// failed or was killed (rolling its journal back first), so the folder is as that run left it.
void check_output_folder(const std::string& folder, bool force = false);

}  // namespace staffnet
