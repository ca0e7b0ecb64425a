#pragma once
// Readers for the district's input files: people.csv, ties.csv and schools.csv.
#include "engine/network.hpp"
#include "engine/schools.hpp"
#include "io/csv.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace staffnet {

/// The roles people.csv accepts.
const std::vector<std::string>& roles();

struct PeopleTable {
    std::string file;
    std::vector<Person> people;
    std::vector<std::string> attribute_names;
    std::vector<int> lines;          // editor line of each person
    int school_column = -1;          // 0-based field of `school`, -1 when absent
    std::unordered_map<std::string, Vertex> index;  // id -> vertex
    std::vector<Diagnostic> warnings;
};

// Every reader takes comma, semicolon or tab separated files (detected from the header line).

/// Reads people.csv: `id` is required and unique; `name`, `role`, `school` and `responded` are
/// optional; every other column is kept as an attribute. With `district_roles`, a role must be one
/// of roles(); otherwise (research data such as the Bank Wiring room) any role is kept as written.
/// Throws InputError listing every problem.
PeopleTable read_people(const std::string& path, bool district_roles = true);

/// The same checks on a table already read (from people.csv, or built from a graph file).
PeopleTable people_from_csv(const CsvTable& csv, bool district_roles = true);

struct TieReadOptions {
    bool require_type = true;      // false: a missing `type` column means every tie has type `default_type`
    bool declare_types = false;    // true: unknown types are added to `types`, not rejected
    bool drop_self_ties = false;   // true: self-ties are skipped with a warning instead of an error
    bool keep_self_ties = false;   // true: self-ties are kept (file conversion; the engine rejects them)
    std::string default_type = "tie";
};

struct TieTable {
    std::vector<TieRow> rows;
    std::vector<std::string> waves{""};  // labels of TieRow::wave in order of first use; 0 is blank
    std::vector<Diagnostic> warnings;
    int header_line = 1;   // editor line of the header
    int wave_column = -1;  // 0-based field of `wave`, -1 when absent
};

/// Reads ties.csv (`source,target,type[,weight][,wave][,date]`) against the people read before.
/// Unknown ids, self-ties, unknown types and weights that are not positive numbers are errors.
TieTable read_ties(const std::string& path, const PeopleTable& people, std::vector<TieType>& types,
                   const TieReadOptions& options = {});

/// The same checks on a table already read (from ties.csv, or built from a graph file).
TieTable ties_from_csv(const CsvTable& csv, const PeopleTable& people, std::vector<TieType>& types,
                       const TieReadOptions& options = {});

/// Reads schools.csv (`id,name,...`). Columns in `measures` must be numbers >= 0 (blank = missing);
/// when `measures` is empty, every column whose filled cells are all numbers is a measure. Other
/// columns are attributes.
SchoolTable read_schools(const std::string& path, const std::vector<std::string>& measures);

/// Parses a number the way every reader does: the whole field, finite. Throws a bare message.
double parse_number(const std::string& text);

}  // namespace staffnet
