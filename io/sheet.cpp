#include "io/sheet.hpp"

#include "io/csv.hpp"
#include "io/output.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace staffnet {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// A name for comparing: lower case, runs of white space as one space, none at the ends.
std::string normalized(const std::string& name) {
    std::string out;
    for (char c : trim(name)) {
        const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (space && !out.empty() && out.back() == ' ') continue;
        out += space ? ' ' : char(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string display_name(const TieType& type) {
    std::string name = type.name;
    std::replace(name.begin(), name.end(), '_', ' ');
    return name;
}

// "P (shared project), C (past collaboration) or S (social)".
std::string code_choices(const std::vector<TieType>& types) {
    std::string out;
    for (std::size_t k = 0; k < types.size(); ++k)
        out += (k == 0 ? "" : k + 1 == types.size() ? " or " : ", ") + types[k].code + " (" + display_name(types[k]) + ")";
    return out;
}

// Spreadsheet column letters of a 0-based column: A-Z, then AA-AZ, BA...
std::string column_letters(std::size_t column) {
    std::string letters;
    for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), char('A' + (n - 1) % 26));
    return letters;
}

}  // namespace

SheetPeople sheet_people(const std::vector<Person>& people) {
    SheetPeople out;
    for (const Person& p : people) {
        if (p.role == "district_team") out.members.push_back(p);
        if (p.role == "school_leader") out.leaders.push_back(p);
    }
    std::sort(out.members.begin(), out.members.end(), [](const Person& a, const Person& b) { return a.id < b.id; });
    std::sort(out.leaders.begin(), out.leaders.end(),
              [](const Person& a, const Person& b) { return std::tie(a.school, a.id) < std::tie(b.school, b.id); });
    return out;
}

std::string member_label(const Person& member) { return member.display_name() + " (" + member.id + ")"; }

std::string leader_label(const Person& leader) {
    return leader.display_name() + " (" + (leader.school.get().empty() ? "" : leader.school.get() + ", ") + leader.id + ")";
}

std::string leader_label(const Person& leader, const std::map<std::string, std::string>& school_names) {
    const auto it = school_names.find(leader.school);
    if (it == school_names.end() || it->second.empty()) return leader_label(leader);
    return leader.display_name() + " (" + it->second + ", " + leader.id + ")";
}

std::string cell_name(std::size_t column, int row) { return column_letters(column) + std::to_string(row); }

void check_codes(const std::vector<TieType>& types, const std::string& config_file) {
    DiagnosticList problems;
    if (types.empty()) problems.error({config_file, 0, 0, "the config declares no tie types", "list them under tie_types"});
    const std::string fix = "give each type under tie_types in the config its own code of letters, such as 'code: P'";
    const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t k = 0; k < types.size(); ++k) {
        const std::string& code = types[k].code;
        if (code.empty() || !std::all_of(code.begin(), code.end(), letter))
            problems.error({config_file, 0, 0,
                            "tie type '" + types[k].name + "' has the worksheet code '" + code + "'; a code must be letters", fix});
        for (std::size_t j = 0; j < k; ++j)
            if (lower(types[j].code) == lower(code))
                problems.error({config_file, 0, 0,
                                "tie types '" + types[j].name + "' and '" + types[k].name + "' share the worksheet code '" + code + "'",
                                fix});
    }
    problems.check();
}

std::string code_legend(const std::vector<TieType>& types) {
    std::string out;
    for (const TieType& t : types) out += (out.empty() ? "" : ", ") + t.code + " = " + display_name(t);
    return out;
}

std::string cell_text(const std::vector<SheetTie>& ties, const std::vector<TieType>& types) {
    std::string out;
    for (std::size_t k = 0; k < types.size(); ++k)
        for (const SheetTie& t : ties)
            if (t.type == k) {
                out += (out.empty() ? "" : " ") + types[k].code;
                if (t.strength != 1) out += std::to_string(t.strength);
                break;
            }
    return out;
}

std::vector<std::pair<std::size_t, int>> parse_cell(const std::string& text, const std::vector<TieType>& types) {
    // A no-break space (U+00A0, pasted from web pages and Word) separates codes like a space.
    std::string cell;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool no_break_space = text.compare(i, 2, "\xC2\xA0") == 0;
        cell += no_break_space ? ' ' : text[i];
        i += no_break_space;
    }
    // Longest code first, so that with codes "S" and "SP" the cell "SP" is one code.
    std::vector<std::size_t> by_length(types.size());
    for (std::size_t k = 0; k < types.size(); ++k) by_length[k] = k;
    std::stable_sort(by_length.begin(), by_length.end(),
                     [&](std::size_t a, std::size_t b) { return types[a].code.size() > types[b].code.size(); });
    std::vector<std::string> words;  // for suggestions
    for (const TieType& t : types) words.push_back(t.code), words.push_back(t.name);

    std::vector<std::pair<std::size_t, int>> out;
    auto add = [&](std::size_t type, const std::string& digits, const std::string& written) {
        int strength = 1;
        if (!digits.empty()) {
            if (digits.size() != 1 || digits[0] < '1' || digits[0] > '3')
                throw std::invalid_argument("strength must be 1, 2 or 3, got '" + written + "'");
            strength = digits[0] - '0';
        }
        for (const auto& [seen, s] : out)
            if (seen == type) throw std::invalid_argument("'" + trim(text) + "' gives " + display_name(types[type]) + " twice");
        out.emplace_back(type, strength);
    };
    const std::string separators = " \t\r\n,;+/";
    for (std::size_t start = cell.find_first_not_of(separators); start != std::string::npos;
         start = cell.find_first_not_of(separators, start)) {
        const std::size_t end = std::min(cell.find_first_of(separators, start), cell.size());
        const std::string token = cell.substr(start, end - start);
        start = end;
        // A type's full name, such as "social" or "social2".
        const std::size_t name_end = token.find_last_not_of("0123456789") + 1;
        const auto named = std::find_if(types.begin(), types.end(),
                                        [&](const TieType& t) { return lower(t.name) == lower(token.substr(0, name_end)); });
        if (name_end > 0 && named != types.end()) {
            add(std::size_t(named - types.begin()), token.substr(name_end), token);
            continue;
        }
        for (std::size_t i = 0; i < token.size();) {
            if (is_digit(token[i]))
                throw std::invalid_argument("strength '" + token.substr(i, 1) + "' has no code before it");
            const auto code = std::find_if(by_length.begin(), by_length.end(), [&](std::size_t k) {
                return lower(token.substr(i, types[k].code.size())) == lower(types[k].code);
            });
            if (code == by_length.end()) {
                // "socail" is a misspelt type name rather than the code S followed by "ocail".
                const std::string suggestion = did_you_mean(token, words);
                throw std::invalid_argument(i == 0 || !suggestion.empty() ? "unknown code '" + token + "'" + suggestion
                                                                          : "unknown code '" + token.substr(i) + "' in '" + token + "'");
            }
            const std::size_t code_end = i + types[*code].code.size();
            std::size_t digits_end = code_end;
            while (digits_end < token.size() && is_digit(token[digits_end])) ++digits_end;
            add(*code, token.substr(code_end, digits_end - code_end), token.substr(i, digits_end - i));
            i = digits_end;
        }
    }
    return out;
}

std::string sheet_csv(const SheetPeople& people, const std::vector<TieType>& types, const std::vector<SheetTie>& filled) {
    std::map<std::pair<std::string, std::string>, std::vector<SheetTie>> cells;
    for (const SheetTie& t : filled) cells[{t.member, t.leader}].push_back(t);
    std::vector<std::vector<std::string>> rows(1, {text_cell(sheet_corner)});
    for (const Person& leader : people.leaders) rows[0].push_back(text_cell(leader_label(leader, people.school_names)));
    for (const Person& member : people.members) {
        std::vector<std::string>& row = rows.emplace_back(1, text_cell(member_label(member)));
        for (const Person& leader : people.leaders) {
            const auto it = cells.find({member.id, leader.id});
            row.push_back(it == cells.end() ? "" : text_cell(cell_text(it->second, types)));
        }
    }
    return "\xEF\xBB\xBF" + csv_lines(rows);
}

std::vector<SheetTie> sheet_ties(const std::vector<TieRow>& rows, const std::vector<Person>& people,
                                 const std::vector<TieType>& types, const std::string& ties_file) {
    // The largest weight per (member, leader, type), whichever way round ties.csv has the pair.
    std::map<std::tuple<std::string, std::string, std::size_t>, double> weights;
    for (const TieRow& row : rows) {
        const Person& a = people.at(row.source);
        const Person& b = people.at(row.target);
        const Person* member = a.role == "district_team" ? &a : b.role == "district_team" ? &b : nullptr;
        const Person* leader = a.role == "school_leader" ? &a : b.role == "school_leader" ? &b : nullptr;
        if (!member || !leader) continue;
        double& w = weights[{member->id, leader->id, row.type}];
        w = std::max(w, row.weight);
    }
    std::vector<SheetTie> out;
    DiagnosticList problems;
    for (const auto& [key, weight] : weights) {
        const auto& [member, leader, type] = key;
        if (weight != 1.0 && weight != 2.0 && weight != 3.0) {
            problems.error({ties_file, 0, 0,
                            fmt::format("the {} tie between {} and {} has weight {}, which a worksheet cannot hold",
                                        types.at(type).name, member, leader, number_cell(weight)),
                            "worksheets record strengths 1, 2 or 3; change the weight to one of them first"});
            continue;
        }
        out.push_back({member, leader, type, int(weight)});
    }
    problems.check();
    return out;
}

namespace {

// One line of the sheet as the spreadsheet shows it.
struct Record {
    std::vector<std::string> cells;
    int line = 0;  // editor line where it starts
    int row = 0;   // spreadsheet row: the editor line less the line breaks inside earlier cells
};

struct RecordParse {
    std::vector<Record> records;
    std::vector<std::string> cells;
    int line = 0;              // the editor line being fed
    int record_start = 1;      // the line the current record began on
    int breaks = 0;            // line breaks inside cells of earlier records
    int record_breaks = 0;     // ... and of the current one

    int row() const { return record_start - breaks; }
};

int line_breaks(const std::string& text) {
    int n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) n += text[i] == '\n' || (text[i] == '\r' && text.compare(i, 2, "\r\n") != 0);
    return n;
}

void on_cell(void* data, std::size_t len, void* user) {
    auto* p = static_cast<RecordParse*>(user);
    p->cells.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
    p->record_breaks += line_breaks(p->cells.back());
}

void on_record(int, void* user) {
    auto* p = static_cast<RecordParse*>(user);
    // Spreadsheets save rows of empty cells for rows that were only formatted: skip them.
    if (std::any_of(p->cells.begin(), p->cells.end(), [](const std::string& c) { return !trim(c).empty(); }))
        p->records.push_back({std::move(p->cells), p->record_start, p->row()});
    p->cells.clear();
    p->breaks += p->record_breaks;
    p->record_breaks = 0;
}

// The separator is the first comma, semicolon or tab after the top-left cell. Counting them, as
// the other readers do, fails here: Excel in a semicolon locale leaves "Name (S01, P001)"
// unquoted, so the header holds as many commas as semicolons.
char detect_separator(const std::string& text) {
    bool quoted = false;
    for (char c : text.substr(text.find_first_not_of("\r\n"))) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == ',' || c == ';' || c == '\t') return c;
        if (c == '\n' || c == '\r') break;
    }
    return ',';
}

const std::string template_hint = "make a new one with 'staffnet template CONFIG --out sheet.csv'";

// The sheet's non-empty rows. Throws InputError for an empty file or malformed quotes.
std::vector<Record> read_records(const std::string& name, std::string text) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    if (text.find_first_not_of(" \t\r\n,;") == std::string::npos)
        throw InputError(Diagnostic{name, 0, 0, "the sheet is empty", template_hint});
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
    csv_set_delim(&parser, static_cast<unsigned char>(detect_separator(text)));
    RecordParse p;
    std::optional<Diagnostic> problem;
    const std::string fix = "quote the whole cell and double each quote inside it, like \"say \"\"hi\"\"\"";
    for (std::size_t pos = 0; pos < text.size();) {
        // One editor line at a time: LF, CRLF or a lone CR ends it.
        std::size_t end = text.find_first_of("\r\n", pos);
        end = end == std::string::npos ? text.size() : end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
        ++p.line;
        // libcsv's parser state is ROW_NOT_BEGUN (0) between records: a record starts on this line.
        if (parser.pstate == 0) p.record_start = p.line;
        fit_field_buffer(parser, end - pos);
        if (csv_parse(&parser, text.data() + pos, end - pos, on_cell, on_record, &p) != end - pos) {
            const std::string where = "cell " + cell_name(p.cells.size(), p.row()) + ": ";
            if (csv_error(&parser) != CSV_EPARSE)
                problem = Diagnostic{name, p.line, 0, std::string("cannot read the sheet: ") + csv_strerror(csv_error(&parser)), ""};
            else if (parser.quoted)
                problem = Diagnostic{name, p.line, int(p.cells.size()) + 1, where + "malformed CSV: text after the closing quote", fix};
            else
                problem = Diagnostic{name, p.line, int(p.cells.size()) + 1,
                                     where + "malformed CSV: a quote (\") inside a cell that does not start with one", fix};
            break;
        }
        pos = end;
    }
    if (!problem && csv_fini(&parser, on_cell, on_record, &p) != 0)
        problem = Diagnostic{name, p.record_start, int(p.cells.size()) + 1,
                             "cell " + cell_name(p.cells.size(), p.row()) + ": a quoted cell is never closed",
                             "add the closing quote (\") at the end of the cell"};
    csv_free(&parser);
    if (problem) throw InputError(*problem);
    if (p.records.empty()) throw InputError(Diagnostic{name, 0, 0, "the sheet is empty", template_hint});
    return p.records;
}

// Matches row or column labels to the people on one side of the sheet.
struct Side {
    std::string role;  // district_team or school_leader
    std::string noun;  // "district team member"
    const std::vector<Person>& candidates;
    std::string (*label)(const Person&);
    const std::unordered_map<std::string, const Person*>& by_id;  // everyone in people.csv
    const std::vector<Person>& everyone;
};

// A label the template would write, for fixes.
std::string example(const Side& side) {
    if (!side.candidates.empty()) return side.label(side.candidates.front());
    return side.role == "district_team" ? "Name (D01)" : "Name (S01, P001)";
}

std::string role_phrase(const std::string& role) {
    if (role == "district_team") return "is a district team member";
    if (role == "school_leader") return "is a school leader";
    if (role == "staff") return "is staff";
    return "has role '" + role + "'";
}

// What a label names: an index into side.candidates, or what is wrong and how to fix it.
struct LabelMatch {
    std::size_t index = 0;
    std::string error, fix;
};

LabelMatch match(const std::string& label, const Side& side) {
    const auto found = [&](const Person* p) -> LabelMatch {
        if (p->role != side.role)
            return {0, "'" + label + "' " + role_phrase(p->role) + ", not a " + side.noun,
                    "rows are district team members and columns school leaders; remove this one or change its role in the "
                    "people file"};
        for (std::size_t i = 0; i < side.candidates.size(); ++i)
            if (side.candidates[i].id == p->id) return {i, "", ""};
        throw std::logic_error("a " + side.noun + " missing from the sheet's people");
    };
    const bool utf8 = valid_utf8(label);
    std::string name = label, id;
    if (label.back() == ')' && label.find('(') != std::string::npos) {
        const std::size_t open = label.rfind('(');
        const std::string inside = label.substr(open + 1, label.size() - open - 2);
        const std::size_t comma = inside.rfind(',');
        id = trim(comma == std::string::npos ? inside : inside.substr(comma + 1));
        name = trim(label.substr(0, open));
        // text_cell() guards a name such as "-Ann" from spreadsheets as "'-Ann".
        if (name.size() > 1 && name[0] == '\'' && std::string("=+-@").find(name[1]) != std::string::npos) name.erase(0, 1);
        if (const auto it = side.by_id.find(id); it != side.by_id.end()) {
            const Person* p = it->second;
            // Excel's plain "CSV" saves in a Windows code page, not UTF-8: the id is still plain text.
            if (utf8 && !name.empty() && normalized(name) != normalized(p->display_name()))
                return {0, "'" + label + "': " + p->id + " is " + p->display_name() + ", not " + name, "correct the name or the id"};
            return found(p);
        }
    }
    if (!utf8)
        return {0, "the label is not UTF-8 text and has no known id in parentheses",
                "save the sheet as 'CSV UTF-8', or add the id in parentheses, like '" + example(side) + "'"};
    // A name, or a whole label whose parentheses belong to the name, such as "Ann Lee (Annie)".
    std::vector<const Person*> named;
    for (const Person& p : side.everyone)
        if (normalized(p.display_name()) == normalized(label)) named.push_back(&p);
    const auto mine = std::count_if(named.begin(), named.end(), [&](const Person* p) { return p->role == side.role; });
    if (mine > 1) {
        std::string ids;
        for (const Person* p : named)
            if (p->role == side.role) ids += (ids.empty() ? "" : ", ") + p->id;
        const Person& first = **std::find_if(named.begin(), named.end(), [&](const Person* p) { return p->role == side.role; });
        return {0, fmt::format("{} {}s are named '{}' ({})", mine, side.noun, label, ids),
                "add the id in parentheses, like '" + side.label(first) + "'"};
    }
    for (const Person* p : named)
        if (mine == 0 || p->role == side.role) return found(p);

    // Suggest by name, and quote the whole label the template would write.
    std::vector<std::string> names;
    for (const Person& p : side.candidates) names.push_back(p.display_name());
    std::string suggestion;
    if (const std::string close = closest(name, names); !close.empty()) {
        const auto at = std::find(names.begin(), names.end(), close) - names.begin();
        suggestion = " (did you mean '" + side.label(side.candidates[at]) + "'?)";
    }
    // Someone new to the team or a school: the people file comes first, then a new template.
    const std::string fix = "if they are new, add them to the people file first (role " + side.role +
                            "), then make a new template; otherwise correct the label";
    if (!id.empty()) return {0, "no one in the people file has the id '" + id + "' of '" + label + "'" + suggestion, fix};
    return {0, "'" + label + "' is not a " + side.noun + " in the people file" + suggestion, fix};
}

}  // namespace

std::vector<SheetTie> parse_sheet(const std::string& name, std::string text, const std::vector<Person>& people,
                                  const std::vector<TieType>& types) {
    const std::vector<Record> records = read_records(name, std::move(text));
    const SheetPeople sides = sheet_people(people);
    std::unordered_map<std::string, const Person*> by_id;
    for (const Person& p : people) by_id.emplace(p.id, &p);
    const Side rows_side{"district_team", "district team member", sides.members, member_label, by_id, people};
    const Side columns_side{"school_leader", "school leader", sides.leaders, leader_label, by_id, people};

    DiagnosticList problems;
    const Record& header = records.front();
    auto at = [&](const Record& r, std::size_t c, const std::string& message, std::string fix) {
        return Diagnostic{name, r.line, int(c) + 1, "cell " + cell_name(c, r.row) + ": " + message, std::move(fix)};
    };
    const std::size_t width = header.cells.size();
    if (width < 2) problems.error({name, header.line, 0, "the sheet has no school leader columns", template_hint});
    if (records.size() < 2) problems.error({name, header.line, 0, "the sheet has no district team rows", template_hint});
    problems.check();

    // Column c's leader (an index into sides.leaders), or -1 for a blank or bad label.
    std::vector<long> leader_of(width, -1);
    std::map<std::size_t, std::size_t> column_of;  // leader -> first column
    for (std::size_t c = 1; c < width; ++c) {
        const std::string label = trim(header.cells[c]);
        if (label.empty()) {
            // A blank label is a leftover column when it has no codes.
            for (const Record& r : records)
                if (&r != &header && r.cells.size() == width && !trim(r.cells[c]).empty()) {
                    problems.error(at(header, c, "the column has codes (first in " + cell_name(c, r.row) + ") but no school leader",
                                      "write the school leader's label, like '" + example(columns_side) + "', in " +
                                          cell_name(c, header.row)));
                    break;
                }
            continue;
        }
        const LabelMatch leader = match(label, columns_side);
        if (!leader.error.empty())
            problems.error(at(header, c, leader.error, leader.fix));
        else if (const auto [it, fresh] = column_of.try_emplace(leader.index, c); !fresh)
            problems.error(at(header, c, "school leader '" + label + "' already has column " + column_letters(it->second),
                              "move this column's codes into that column and delete this one"));
        else
            leader_of[c] = long(leader.index);
    }

    const std::string code_fix = "use " + code_choices(types) + ", each optionally followed by a strength 1, 2 or 3, like " +
                                 (types.empty() ? "P" : types.front().code) + "2";
    std::vector<SheetTie> ties;
    std::map<std::size_t, int> row_of;  // member -> first row
    for (std::size_t r = 1; r < records.size() && problems.items.size() <= 200; ++r) {
        const Record& record = records[r];
        if (record.cells.size() != width) {
            problems.error({name, record.line, 0,
                            fmt::format("row {} has {} cells but the header row has {}", record.row, record.cells.size(), width),
                            "every row needs one cell per column; in a text editor, put quotes around a cell that holds the separator"});
            continue;
        }
        long member = -1;
        const std::string label = trim(record.cells[0]);
        if (label.empty()) {
            problems.error(at(record, 0, "the row has codes but no district team member",
                              "write the team member's label, like '" + example(rows_side) + "', in " + cell_name(0, record.row)));
        } else {
            const LabelMatch m = match(label, rows_side);
            if (!m.error.empty())
                problems.error(at(record, 0, m.error, m.fix));
            else if (const auto [it, fresh] = row_of.try_emplace(m.index, record.row); !fresh)
                problems.error(at(record, 0, "district team member '" + label + "' already has row " + std::to_string(it->second),
                                  "move this row's codes into that row and delete this one"));
            else
                member = long(m.index);
        }
        for (std::size_t c = 1; c < width; ++c) {
            if (trim(record.cells[c]).empty()) continue;
            try {
                for (const auto& [type, strength] : parse_cell(record.cells[c], types))
                    if (member >= 0 && leader_of[c] >= 0)
                        ties.push_back({sides.members[member].id, sides.leaders[leader_of[c]].id, type, strength});
            } catch (const std::invalid_argument& e) {
                problems.error(at(record, c, e.what(), code_fix));
            }
        }
    }
    problems.check();
    return ties;
}

std::vector<SheetTie> read_sheet(const std::string& path, const std::vector<Person>& people, const std::vector<TieType>& types) {
    return parse_sheet(path, read_text_file(path), people, types);
}

std::string ties_csv(const std::vector<SheetTie>& ties, const std::vector<TieType>& types) {
    std::vector<std::vector<std::string>> rows = {{"source", "target", "type", "weight"}};
    for (const SheetTie& t : ties)
        rows.push_back({text_cell(t.member), text_cell(t.leader), text_cell(types.at(t.type).name), std::to_string(t.strength)});
    return csv_lines(rows);
}

SheetMerge merge_sheet_ties(const std::string& ties_file, const std::string& existing, const std::string& sheet_name,
                            const std::vector<SheetTie>& ties, const std::vector<TieType>& types) {
    CsvTable table;
    if (!existing.empty()) table = parse_csv(ties_file, existing, {.delimiter = 0, .pad_short_rows = true});
    if (table.header.empty()) table.header = {"source", "target", "type", "weight"};
    for (const char* added : {"weight", "sheet"})
        if (table.column(added) < 0) {
            table.header.push_back(added);
            for (auto& row : table.rows) row.emplace_back();
        }
    const auto column = [&](const char* name) { return table.column(name); };
    for (const char* required : {"source", "target", "type"})
        if (column(required) < 0)
            throw InputError(Diagnostic{ties_file, table.header_line, 0, std::string("missing required column '") + required + "'",
                                        "the header must be source,target,type (then optional weight, wave, date)"});
    SheetMerge merge;
    std::vector<std::vector<std::string>> rows(1);
    for (const std::string& h : table.header) rows[0].push_back(text_cell(h));
    for (const auto& row : table.rows) {
        if (row[std::size_t(column("sheet"))] == sheet_name) {
            ++merge.replaced;
            continue;
        }
        ++merge.kept;
        std::vector<std::string>& out = rows.emplace_back();
        for (const std::string& cell : row) out.push_back(text_cell(cell));
    }
    for (const SheetTie& t : ties) {
        std::vector<std::string> row(table.header.size());
        row[std::size_t(column("source"))] = text_cell(t.member);
        row[std::size_t(column("target"))] = text_cell(t.leader);
        row[std::size_t(column("type"))] = text_cell(types.at(t.type).name);
        row[std::size_t(column("weight"))] = std::to_string(t.strength);
        row[std::size_t(column("sheet"))] = text_cell(sheet_name);
        rows.push_back(std::move(row));
    }
    merge.text = csv_lines(rows);
    return merge;
}

}  // namespace staffnet
