#pragma once
// RFC 4180 CSV through libcsv, with editor line numbers for every record.
#include "io/diagnostic.hpp"

#include <cstddef>
#include <string>
#include <vector>

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
    std::size_t max_field_bytes = 1 << 20;
    std::size_t max_rows = 20'000'000;
    bool blank_corner = false;  // the first column may have no name (the corner of a matrix)
};

/// Reads a CSV file: UTF-8 (a byte-order mark is skipped), LF, CRLF or CR line ends, quoted fields
/// with embedded delimiters, quotes and newlines. Blank lines are skipped. Throws InputError naming every bad
/// line: a missing or empty file, a malformed quote, bad UTF-8, a row with the wrong number of
/// fields, an empty or repeated column name.
CsvTable read_csv(const std::string& path, const CsvOptions& options = {});

/// The same from text in memory; `name` is used in diagnostics.
CsvTable parse_csv(const std::string& name, std::string text, const CsvOptions& options = {});

/// True when `text` is valid UTF-8.
bool valid_utf8(const std::string& text);

/// Offset of the first byte of `text` that is not UTF-8, or text.size() when all of it is.
std::size_t first_invalid_utf8(const std::string& text);

/// The bytes of a file. Throws InputError ("cannot open the file") when it cannot be read.
std::string read_text_file(const std::string& path);

}  // namespace staffnet
