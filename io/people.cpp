#include "io/readers.hpp"
#include "io/unicode.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace staffnet {

const std::vector<std::string>& roles() {
    static const std::vector<std::string> names = {"district_team", "school_leader", "staff", "other"};
    return names;
}

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::optional<bool> parse_responded(const std::string& text) {
    const std::string v = lower(text);
    if (v == "yes" || v == "y" || v == "true" || v == "1") return true;
    if (v == "no" || v == "n" || v == "false" || v == "0") return false;
    throw std::invalid_argument("responded must be yes or no, got '" + text + "'");
}

}  // namespace

PeopleTable read_people(const std::string& path, bool district_roles) {
    return people_from_csv(read_csv(path, {.delimiter = 0}), district_roles);
}

PeopleTable people_from_csv(const CsvTable& csv, bool district_roles) {
    const std::string& path = csv.file;
    PeopleTable out;
    out.file = path;
    DiagnosticList problems;
    const int id = csv.column("id");
    if (id < 0) {
        problems.error({path, csv.header_line, 0, "missing required column 'id'" + did_you_mean("id", csv.header),
                        "the header must include id (and may include name, role, school, responded)"});
        problems.check();
    }
    const int name = csv.column("name"), role = csv.column("role"), school = csv.column("school"),
              responded = csv.column("responded");
    out.school_column = school;
    std::vector<int> attribute_columns;
    for (int c = 0; c < int(csv.header.size()); ++c)
        if (c != id && c != name && c != role && c != school && c != responded) {
            attribute_columns.push_back(c);
            out.attribute_names.push_back(csv.header[c]);
        }

    // Ids as compared: two that print the same (NFC, invisible characters, spaces at the ends)
    // are one id typed two ways, which would make one person two.
    std::unordered_map<std::string, Vertex> keys;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const auto& row = csv.rows[r];
        Person p;
        p.id = row[id];
        if (p.id.empty()) {
            problems.error(csv.at(r, id, "id is empty", "give every person a unique id"));
            continue;
        }
        if (const auto [it, fresh] = out.index.try_emplace(p.id, Vertex(out.people.size())); !fresh) {
            problems.error(csv.at(r, id, "duplicate id '" + p.id + "', first used on line " +
                                             std::to_string(out.lines[it->second]),
                                  "give each person one row with a unique id"));
            continue;
        }
        if (const auto [it, fresh] = keys.try_emplace(comparison_key(p.id), Vertex(out.people.size())); !fresh) {
            const std::string& first = out.people[it->second].id;
            problems.error(csv.at(r, id, "id '" + p.id + "' looks the same as '" + first + "' on line " +
                                             std::to_string(out.lines[it->second]) + ": they differ only by " +
                                             lookalike_reason(p.id, first),
                                  "write the id the same way in both rows if they are one person, or give them ids that differ visibly"));
            out.index.erase(p.id);
            continue;
        }
        p.name = name >= 0 ? row[name] : p.id;
        if (role >= 0) {
            std::string text = lower(row[role]);
            std::replace(text.begin(), text.end(), ' ', '_');
            p.role = text.empty() ? "other" : text;
            if (district_roles && std::find(roles().begin(), roles().end(), p.role) == roles().end())
                problems.error(csv.at(r, role, "unknown role '" + row[role] + "'" + did_you_mean(p.role, roles()),
                                      "use one of district_team, school_leader, staff, other"));
        }
        if (school >= 0) p.school = row[school];
        if (responded >= 0 && !row[responded].empty()) {
            try {
                p.responded = parse_responded(row[responded]);
            } catch (const std::invalid_argument& e) {
                problems.error(csv.at(r, responded, e.what(), "write yes, no, or leave it blank if unknown"));
            }
        }
        for (int c : attribute_columns) p.attributes.push_back(row[c]);
        out.people.push_back(std::move(p));
        out.lines.push_back(csv.lines[r]);
    }
    if (out.people.empty() && !problems.has_errors())
        problems.error({path, csv.header_line, 0, "no people in the file", "add one row per person below the header"});
    out.warnings = problems.check();
    return out;
}

}  // namespace staffnet
