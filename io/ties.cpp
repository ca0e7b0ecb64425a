#include "io/readers.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace staffnet {

namespace {
// The largest tie weight ties.csv may hold (README, "Hostile and broken input"): a million times
// the usual 1 keeps every weighted metric, sums over a state's ties included, far from overflow
// and from precision loss.
constexpr double max_tie_weight = 1e6;
}  // namespace

double parse_number(const std::string& text) {
    std::size_t used = 0;
    double x = 0;
    try {
        x = std::stod(text, &used);
    } catch (const std::exception&) {
        throw std::invalid_argument("'" + text + "'");  // also a blank field: stod finds no digits
    }
    while (used < text.size() && (text[used] == ' ' || text[used] == '\t')) ++used;
    // strtod also reads hexadecimal ("0x10" as 16, "0x1p4"), which no spreadsheet writes for a number.
    const bool hex = text.find_first_of("xX") != std::string::npos;
    if (used != text.size() || !std::isfinite(x) || hex) throw std::invalid_argument("'" + text + "'");
    return x;
}

namespace {

std::vector<std::string> type_names(const std::vector<TieType>& types) {
    std::vector<std::string> names;
    for (const TieType& t : types) names.push_back(t.name);
    return names;
}

std::string list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::vector<std::string> ids_of(const PeopleTable& people) {
    std::vector<std::string> ids;
    for (const Person& p : people.people) ids.push_back(p.id);
    return ids;
}

}  // namespace

TieTable read_ties(const std::string& path, const PeopleTable& people, std::vector<TieType>& types,
                   const TieReadOptions& options) {
    // Rows pasted without the optional trailing columns (weight, wave, date) read them as blank.
    return ties_from_csv(read_csv(path, {.delimiter = 0, .pad_short_rows = true}), people, types, options);
}

TieTable ties_from_csv(const CsvTable& csv, const PeopleTable& people, std::vector<TieType>& types,
                       const TieReadOptions& options) {
    const std::string& path = csv.file;
    TieTable out;
    DiagnosticList problems;
    const int source = csv.column("source"), target = csv.column("target"), type = csv.column("type"),
              weight = csv.column("weight"), wave = csv.column("wave");
    for (const auto& [name, col] : {std::pair{"source", source}, {"target", target}, {"type", type}}) {
        if (col >= 0 || (std::string(name) == "type" && !options.require_type)) continue;
        problems.error({path, csv.header_line, 0, std::string("missing required column '") + name + "'" + did_you_mean(name, csv.header),
                        "the header must be source,target,type (then optional weight, wave, date)"});
    }
    problems.check();
    if (!options.require_type && type < 0 && types.empty()) types.push_back({options.default_type, 1.0, false, ""});

    const std::vector<std::string> ids = ids_of(people);
    std::unordered_map<std::string, std::uint32_t> wave_index{{"", 0}};
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const auto& row = csv.rows[r];
        TieRow tie;
        bool ok = true;
        for (const auto& [col, end] : {std::pair{source, &tie.source}, {target, &tie.target}}) {
            const auto it = people.index.find(row[col]);
            if (row[col].empty()) {
                problems.error(csv.at(r, col, csv.header[col] + " is empty", "write the id of a person in " + people.file));
                ok = false;
            } else if (it == people.index.end()) {
                problems.error(csv.at(r, col, "unknown person '" + row[col] + "'" + did_you_mean(row[col], ids),
                                      "add them to " + people.file + " or correct the id"));
                ok = false;
            } else {
                *end = it->second;
            }
        }
        const std::string type_name = type >= 0 ? row[type] : options.default_type;
        auto known = std::find_if(types.begin(), types.end(), [&](const TieType& t) { return t.name == type_name; });
        if (known == types.end() && options.declare_types && !type_name.empty()) {
            types.push_back({type_name, 1.0, false, ""});
            known = types.end() - 1;
        }
        if (known == types.end()) {
            problems.error(csv.at(r, type, "unknown tie type '" + type_name + "'" + did_you_mean(type_name, type_names(types)),
                                  "use one of " + list(type_names(types)) + ", or declare it under tie_types in the config"));
            ok = false;
        } else {
            tie.type = std::uint32_t(known - types.begin());
        }
        if (weight >= 0 && !row[weight].empty()) {
            try {
                tie.weight = parse_number(row[weight]);
                if (tie.weight <= 0) throw std::invalid_argument("'" + row[weight] + "'");
                if (tie.weight > max_tie_weight) {
                    problems.error(csv.at(r, weight, "weight '" + row[weight] + "' is above the largest staffnet reads, 1000000",
                                          "use weights between 0 and 1000000 (rescale them if they come from another scale)"));
                    ok = false;
                }
            } catch (const std::invalid_argument& e) {
                problems.error(csv.at(r, weight, std::string("weight must be a positive number, got ") + e.what(),
                                      "write a number above 0 (for example 1, 2 or 0.5), or leave it blank for 1"));
                ok = false;
            }
        }
        if (wave >= 0) {
            const auto [it, added] = wave_index.try_emplace(row[wave], std::uint32_t(out.waves.size()));
            if (added) out.waves.push_back(row[wave]);
            tie.wave = it->second;
        }
        if (ok && tie.source == tie.target && !options.keep_self_ties) {
            Diagnostic d = csv.at(r, target, "self-tie: '" + row[source] + "' is tied to themselves",
                                  options.drop_self_ties ? "the row is skipped" : "remove the row, or set network.self_ties: drop in the config");
            if (options.drop_self_ties) {
                problems.warn(std::move(d));
                continue;
            }
            problems.error(std::move(d));
            ok = false;
        }
        if (ok) out.rows.push_back(tie);
        if (problems.errors > DiagnosticList::max_items) break;  // enough to act on
    }
    out.warnings = problems.check();
    out.header_line = csv.header_line;
    out.wave_column = wave;
    return out;
}

}  // namespace staffnet
