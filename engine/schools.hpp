#pragma once
// Schools and their SEL participation measures.
#include <cmath>
#include <string>
#include <vector>

namespace staffnet {

/// A school as read from schools.csv. `measures[k]` is the value of `SchoolTable::measure_names[k]`
/// (NaN when the cell is blank); `attributes[k]` of `SchoolTable::attribute_names[k]`.
struct School {
    std::string id;
    std::string name;
    std::vector<double> measures;
    std::vector<std::string> attributes;
};

struct SchoolTable {
    std::vector<std::string> measure_names;
    std::vector<std::string> attribute_names;
    std::vector<School> schools;
};

}  // namespace staffnet
