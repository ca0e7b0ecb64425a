#include "io/readers.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace staffnet {

SchoolTable read_schools(const std::string& path, const std::vector<std::string>& measures) {
    const CsvTable csv = read_csv(path, {.delimiter = 0});
    SchoolTable out;
    DiagnosticList problems;
    const int id = csv.column("id"), name = csv.column("name");
    if (id < 0)
        problems.error({path, csv.header_line, 0, "missing required column 'id'" + did_you_mean("id", csv.header),
                        "the header must start id,name then the participation measures"});
    for (const std::string& m : measures)
        if (csv.column(m) < 0)
            problems.error({path, csv.header_line, 0, "missing participation column '" + m + "'" + did_you_mean(m, csv.header),
                            "add the column, or remove it from participation in the config"});
    problems.check();

    const auto numeric = [&](int c) {
        bool any = false;
        for (const auto& row : csv.rows) {
            if (row[c].empty()) continue;
            any = true;
            try {
                parse_number(row[c]);
            } catch (const std::invalid_argument&) {
                return false;
            }
        }
        return any;
    };
    std::vector<int> measure_columns, attribute_columns;
    for (int c = 0; c < int(csv.header.size()); ++c) {
        if (c == id || c == name) continue;
        const bool is_measure = measures.empty() ? numeric(c)
                                                 : std::find(measures.begin(), measures.end(), csv.header[c]) != measures.end();
        (is_measure ? measure_columns : attribute_columns).push_back(c);
    }
    for (int c : measure_columns) out.measure_names.push_back(csv.header[c]);
    for (int c : attribute_columns) out.attribute_names.push_back(csv.header[c]);

    std::map<std::string, int> seen;  // id -> line
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const auto& row = csv.rows[r];
        School s{row[id], name >= 0 ? row[name] : row[id], {}, {}};
        if (s.id.empty()) problems.error(csv.at(r, id, "id is empty", "give every school a unique id"));
        else if (const auto [it, fresh] = seen.try_emplace(s.id, csv.lines[r]); !fresh)
            problems.error(csv.at(r, id, "duplicate school id '" + s.id + "', first used on line " + std::to_string(it->second),
                                  "give each school one row"));
        for (int c : measure_columns) {
            double x = std::nan("");
            if (!row[c].empty()) {
                try {
                    x = parse_number(row[c]);
                    if (x < 0) throw std::invalid_argument("'" + row[c] + "'");
                } catch (const std::invalid_argument& e) {
                    problems.error(csv.at(r, c, csv.header[c] + " must be a number >= 0, got " + e.what(),
                                          "write a number, or leave the cell blank if it is unknown"));
                }
            }
            s.measures.push_back(x);
        }
        for (int c : attribute_columns) s.attributes.push_back(row[c]);
        out.schools.push_back(std::move(s));
    }
    if (out.schools.empty() && !problems.has_errors())
        problems.error({path, csv.header_line, 0, "no schools in the file", "add one row per school below the header"});
    problems.check();
    return out;
}

}  // namespace staffnet
