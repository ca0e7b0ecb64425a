#include "io/csv.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <filesystem>
#include <fstream>

namespace staffnet {

int CsvTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return int(i);
    return -1;
}

Diagnostic CsvTable::at(std::size_t row, int col, std::string message, std::string fix) const {
    return {file, lines.at(row), columns.empty() ? col + 1 : columns.at(row), std::move(message), std::move(fix)};
}

namespace {

// The text with each byte that is not UTF-8 written as \xNN, cut to about 60 bytes, for messages.
std::string escape_bytes(const std::string& text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size() && out.size() < 60) {
        if (const std::size_t len = utf8_length(text, i)) {
            out.append(text, i, len);
            i += len;
        } else {
            out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i++]));
        }
    }
    return i < text.size() ? out + "..." : out;
}

}  // namespace

std::size_t first_invalid_utf8(const std::string& text) {
    for (std::size_t i = 0, len = 0; i < text.size(); i += len)
        if ((len = utf8_length(text, i)) == 0) return i;
    return text.size();
}

bool valid_utf8(const std::string& text) { return first_invalid_utf8(text) == text.size(); }

void fit_field_buffer(csv_parser& parser, std::size_t line_bytes) { csv_set_blk_size(&parser, std::max<std::size_t>(line_bytes, 4096)); }

namespace {

struct Parse {
    const CsvOptions* options;
    std::vector<std::vector<std::string>> records;
    std::vector<int> record_lines;
    std::vector<std::string> current;
    int line = 0;           // the physical line being fed
    int record_start = 1;   // the line the current record began on
    std::pair<int, int> too_long{0, 0};  // line and field of the first field over max_field_bytes
};

void on_field(void* data, std::size_t len, void* user) {
    auto* p = static_cast<Parse*>(user);
    if (len > p->options->max_field_bytes) {
        if (p->too_long.first == 0) p->too_long = {p->record_start, int(p->current.size()) + 1};
        len = 0;
    }
    p->current.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
}

void on_record(int, void* user) {
    auto* p = static_cast<Parse*>(user);
    p->records.push_back(std::move(p->current));
    p->record_lines.push_back(p->record_start);
    p->current.clear();
}

// The records of `text` if it is well-formed CSV, or fewer: line ends outside quoted fields that
// end a line with more than spaces and tabs (libcsv skips blank lines). Counts at memchr speed, so
// that a file with far too many rows is refused before any is stored.
std::size_t count_records(const std::string& text) {
    std::size_t records = 0;
    bool quoted = false, blank = true;
    for (const char c : text) {
        if (c == '"') quoted = !quoted;
        if (!quoted && (c == '\n' || c == '\r')) {
            records += !blank;
            blank = true;
        } else if (c != ' ' && c != '\t') {
            blank = false;
        }
    }
    return records + !blank;
}

Diagnostic too_many_rows(const std::string& name, const CsvOptions& options) {
    return {name, 0, 0, "more than " + std::to_string(options.max_rows) + " rows",
            "staffnet reads at most " + std::to_string(options.max_rows) + " rows from one file; check that this is the right file"};
}

char detect_delimiter(const std::string& text) {
    std::size_t counts[3] = {0, 0, 0};
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        counts[0] += c == ',';
        counts[1] += c == ';';
        counts[2] += c == '\t';
    }
    if (counts[1] > counts[0] && counts[1] >= counts[2]) return ';';
    if (counts[2] > counts[0] && counts[2] > counts[1]) return '\t';
    return ',';
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

CsvTable parse_csv(const std::string& name, std::string text, const CsvOptions& options) {
    CsvTable table;
    table.file = name;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    // UTF-16 (Excel's "Unicode text"): a byte-order mark, or ASCII with a zero byte beside each.
    const bool utf16_bom = text.rfind("\xFF\xFE", 0) == 0 || text.rfind("\xFE\xFF", 0) == 0;
    if (utf16_bom || (text.size() >= 4 && ((text[0] != '\0' && text[1] == '\0' && text[2] != '\0' && text[3] == '\0') ||
                                           (text[0] == '\0' && text[1] != '\0' && text[2] == '\0' && text[3] != '\0'))))
        throw InputError(Diagnostic{name, 0, 0, "the file is UTF-16, not UTF-8", "save the file as UTF-8 (in Excel: 'CSV UTF-8')"});
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InputError(Diagnostic{name, 0, 0, "the file is empty", "it needs a header line and at least one row"});
    table.delimiter = options.delimiter ? options.delimiter : detect_delimiter(text);

    if (count_records(text) > options.max_rows + 1) throw InputError(too_many_rows(name, options));

    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
    csv_set_delim(&parser, static_cast<unsigned char>(table.delimiter));
    Parse p{&options, {}, {}, {}, 0, 1, {}};
    DiagnosticList problems;
    std::size_t pos = 0;
    while (pos < text.size()) {
        // One editor line at a time: LF, CRLF or a lone CR ends it.
        std::size_t end = text.find_first_of("\r\n", pos);
        if (end == std::string::npos) end = text.size();
        else end += text.compare(end, 2, "\r\n") == 0 ? 2 : 1;
        ++p.line;
        // libcsv's parser state is ROW_NOT_BEGUN (0) between records: a record starts on this line.
        if (parser.pstate == 0) p.record_start = p.line;
        fit_field_buffer(parser, end - pos);
        if (const std::size_t used = csv_parse(&parser, text.data() + pos, end - pos, on_field, on_record, &p);
            used != end - pos) {
            // In strict mode libcsv stops at the offending byte: a quote in a field that does not start
            // with one, or text after a field's closing quote.
            const int field = int(p.current.size()) + 1;
            const std::string number = std::to_string(field);
            const std::string fix = "quote the whole field and double each quote inside it, like \"say \"\"hi\"\"\"";
            if (csv_error(&parser) != CSV_EPARSE)
                problems.error({name, p.line, field, std::string("cannot read the file: ") + csv_strerror(csv_error(&parser)),
                                "check that it is a CSV file"});
            else if (parser.quoted)
                problems.error({name, p.line, field,
                                "malformed CSV: '" + std::string(1, text[pos + used]) + "' after the closing quote of field " + number,
                                fix});
            else
                problems.error({name, p.line, field,
                                "malformed CSV: a quote (\") inside field " + number + ", which does not start with one", fix});
            break;
        }
        if (p.too_long.first > 0) {
            problems.error({name, p.too_long.first, p.too_long.second,
                            "field is longer than " + std::to_string(options.max_field_bytes) + " bytes",
                            "shorten it, or check that this is the right file"});
            break;
        }
        if (p.records.size() > options.max_rows + 1) {  // count_records() missed some: a malformed file
            problems.error(too_many_rows(name, options));
            break;
        }
        pos = end;
    }
    if (!problems.has_errors() && csv_fini(&parser, on_field, on_record, &p) != 0) {
        // The open field holds everything from its opening quote on: count back its line ends to the
        // line it starts on (a line end that closes the file starts no further line).
        const std::string open(reinterpret_cast<const char*>(parser.entry_buf), parser.entry_pos);
        int breaks = 0;
        for (std::size_t i = 0; i < open.size(); ++i)
            breaks += open[i] == '\n' || (open[i] == '\r' && open.compare(i, 2, "\r\n") != 0);
        const bool ends_with_break = text.back() == '\n' || text.back() == '\r';
        problems.error({name, p.line - breaks + (ends_with_break ? 1 : 0), int(p.current.size()) + 1,
                        "a quoted field is never closed", "add the closing quote (\") at the end of this field"});
    }
    csv_free(&parser);
    problems.check();
    if (p.records.empty()) throw InputError(Diagnostic{name, 0, 0, "the file is empty", "it needs a header line"});
    table.header_line = p.record_lines[0];

    for (std::size_t i = 0; i < p.records[0].size(); ++i) {
        const std::string column = trim(p.records[0][i]);
        if (!valid_utf8(column) || column.find('\0') != std::string::npos) {
            problems.error({name, table.header_line, int(i + 1), "column name '" + escape_bytes(column) + "' is not valid UTF-8",
                            "save the file as UTF-8 (in Excel: 'CSV UTF-8')"});
        } else if (column.empty() && !(i == 0 && options.blank_corner)) {
            problems.error({name, table.header_line, int(i + 1), "column " + std::to_string(i + 1) + " has no name",
                            "give every column a name in the header line"});
        } else if (table.column(column) >= 0) {
            problems.error({name, table.header_line, int(i + 1), "column '" + column + "' appears twice", "rename or remove one of them"});
        }
        table.header.push_back(column);
    }
    problems.check();
    for (std::size_t r = 1; r < p.records.size(); ++r) {
        auto& record = p.records[r];
        const int line = p.record_lines[r];
        if (options.pad_short_rows && record.size() < table.header.size()) record.resize(table.header.size());
        if (record.size() != table.header.size()) {
            problems.error({name, line, 0,
                            "expected " + std::to_string(table.header.size()) + " fields, found " + std::to_string(record.size()),
                            "check for a missing or extra '" + std::string(1, table.delimiter) + "', or quote fields that contain one"});
            continue;
        }
        bool ok = true;
        for (std::size_t c = 0; c < record.size(); ++c) {
            if (!valid_utf8(record[c])) {
                problems.error({name, line, int(c + 1), "field '" + escape_bytes(record[c]) + "' is not valid UTF-8",
                                "save the file as UTF-8 (in Excel: 'CSV UTF-8')"});
                ok = false;
            } else if (record[c].find('\0') != std::string::npos) {
                // A NUL would end the text in C libraries and in some viewers of the outputs.
                problems.error({name, line, int(c + 1), "field " + std::to_string(c + 1) + " holds a NUL byte (\\x00)",
                                "remove it; check that this is a text file saved as UTF-8"});
                ok = false;
            }
        }
        if (!ok) continue;
        table.rows.push_back(std::move(record));
        table.lines.push_back(line);
    }
    problems.check();
    return table;
}

std::string read_text_file(const std::string& path, std::size_t max_bytes) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    const auto problem = [&](std::string message, std::string fix) {
        return InputError(Diagnostic{path, 0, 0, std::move(message), std::move(fix)});
    };
    if (error.value() == ELOOP) throw problem("the path is a loop of symbolic links", "give the path of a file");
    if (error.value() == ENAMETOOLONG || path.size() >= PATH_MAX) throw problem("the path is too long", "give a shorter path to the file");
    if (fs::is_directory(status)) throw problem("this is a folder, not a file", "give the path of a file");
    // A device such as /dev/zero or a pipe could be read forever.
    if (fs::exists(status) && !fs::is_regular_file(status))
        throw problem("this is not a regular file (a device, pipe or socket)", "give the path of a file saved on disk");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw problem("cannot open the file", "check that the path is right and the file is readable");
    const std::uintmax_t size = fs::file_size(path, error);
    if (!error && size > max_bytes)
        throw problem("the file is larger than " + std::to_string(max_bytes >> 20) + " MiB",
                      "staffnet reads files up to " + std::to_string(max_bytes >> 20) + " MiB; check that this is the right file");
    std::string text(error ? 0 : std::size_t(size), '\0');
    in.read(text.data(), std::streamsize(text.size()));
    text.resize(std::size_t(in.gcount()));
    return text;
}

CsvTable read_csv(const std::string& path, const CsvOptions& options) {
    return parse_csv(path, read_text_file(path, options.max_file_bytes), options);
}

}  // namespace staffnet
