#pragma once
// RFC 4180 CSV through libcsv, with editor line numbers for every record.
#include "io/diagnostic.hpp"

#include <cstddef>
#include <string>
#include <vector>

struct csv_parser;  // libcsv's, from <csv.h>

namespace staffnet {

struct CsvTable {
    std::string file;                             // as given, for diagnostics
    std::vector<std::string> header;              // trimmed column names
    int header_line = 1;                          // editor line of the header (after any blank lines)
    std::vector<std::vector<std::string>> rows;   // every row has header.size() fields
    std::vector<int> lines;                       // editor line where each row starts
    std::vector<int> columns;                     // editor column of each row when the table was built from
                                                  // another format (a graph file); empty for CSV files
    char delimiter = ',';

    /// Index of a column, or -1.
    int column(const std::string& name) const;
    /// The diagnostic at a row and 0-based field: file:line:field, or file:line:column when `columns` is set.
    Diagnostic at(std::size_t row, int column, std::string message, std::string fix = {}) const;
};

struct CsvOptions {
    char delimiter = ',';  // 0: detect ',', ';' or tab from the header line (spreadsheet exports)
    // Bounds that keep memory in check (a row costs about 150 bytes besides its text): 5 million
    // ties is a state-wide staff network, well past what the path metrics finish in an hour.
    std::size_t max_field_bytes = 1 << 20;
    std::size_t max_rows = 5'000'000;       // rows below the header
    std::size_t max_file_bytes = 512 << 20;  // read_csv only
    bool blank_corner = false;  // the first column may have no name (the corner of a matrix)
    bool pad_short_rows = false;  // a row with fewer fields than the header reads the missing trailing ones as blank
};

/// Reads a CSV file: UTF-8 (a byte-order mark is skipped), LF, CRLF or CR line ends, quoted fields
/// with embedded delimiters, quotes and newlines. Blank lines are skipped. Throws InputError naming every bad
/// line (up to DiagnosticList::max_items): a missing or empty file, a malformed quote, bad UTF-8, a
/// row with the wrong number of fields, an empty or repeated column name, a file, field or row count
/// over the limits of CsvOptions.
CsvTable read_csv(const std::string& path, const CsvOptions& options = {});

/// The same from text in memory; `name` is used in diagnostics.
CsvTable parse_csv(const std::string& name, std::string text, const CsvOptions& options = {});

/// The bytes of an input file. Throws InputError when it cannot be opened, is a folder, is not a
/// regular file (a device such as /dev/zero, or a pipe, which could be read forever) or is larger
/// than `max_bytes`.
std::string read_text_file(const std::string& path, std::size_t max_bytes = CsvOptions{}.max_file_bytes);

/// Before libcsv parses the next `line_bytes` bytes: libcsv grows a field's buffer by a fixed block
/// (128 bytes by default), so a field of n bytes costs n/128 reallocations and copies, quadratic
/// (a 2 MiB field: 16,000 copies, minutes under AddressSanitizer). A block the size of the line
/// keeps it to one or two.
void fit_field_buffer(csv_parser& parser, std::size_t line_bytes);

/// True when `text` is valid UTF-8.
bool valid_utf8(const std::string& text);

/// Offset of the first byte of `text` that is not UTF-8, or text.size() when all of it is.
std::size_t first_invalid_utf8(const std::string& text);

}  // namespace staffnet
