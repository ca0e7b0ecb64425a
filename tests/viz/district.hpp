#pragma once
// Small districts for the diagram and report tests: people with roles and schools, typed ties.
#include "config/analysis.hpp"
#include "engine/network.hpp"
#include "engine/schools.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace staffnet::test {

struct SmallDistrict {
    Network net;
    SchoolTable schools;
};

/// `people` as (name, role, school id); `ties` as (source, target, type index into
/// default_tie_types(): 0 shared_project (close), 1 past_collaboration (not close),
/// 2 contact_exchange (close), 3 social (close)); one school per distinct school id, named
/// "School " + id unless `school_names` gives the name.
inline SmallDistrict small_district(const std::vector<std::tuple<std::string, std::string, std::string>>& people,
                                    const std::vector<std::tuple<Vertex, Vertex, std::size_t>>& ties,
                                    const std::vector<std::pair<std::string, std::string>>& school_names = {}) {
    SmallDistrict d;
    std::vector<Person> list;
    for (std::size_t i = 0; i < people.size(); ++i) {
        const auto& [name, role, school] = people[i];
        Person p;
        p.id = "p" + std::to_string(i);
        p.name = name;
        p.role = role;
        p.school = school;
        p.responded = true;
        list.push_back(p);
        if (!school.empty() &&
            std::none_of(d.schools.schools.begin(), d.schools.schools.end(), [&](const School& s) { return s.id == school; })) {
            std::string label = "School " + school;
            for (const auto& [id, given] : school_names)
                if (id == school) label = given;
            d.schools.schools.push_back({school, label, {}, {}});
        }
    }
    std::vector<TieRow> rows;
    for (const auto& [a, b, type] : ties) rows.push_back({a, b, std::uint32_t(type), 0, 1.0});
    NetworkOptions options;
    options.types = default_tie_types();
    d.net = build_network(std::move(list), {}, rows, options);
    return d;
}

/// Two schools: A (leader 1, staff 2-4, staff 5 with no ties) and B (leader 6, staff 7-8), and a
/// district team of 0 (tied to A's leader by a shared project and to B's leader by past
/// collaboration only) and 9 (tied to 0). School B has no close tie to the district team.
inline SmallDistrict two_schools() {
    return small_district({{"Dana Team", "district_team", ""},
                           {"Ann Lead", "school_leader", "A"},
                           {"Bo Staff", "staff", "A"},
                           {"Cy Staff", "staff", "A"},
                           {"Di Staff", "staff", "A"},
                           {"Ed Alone", "staff", "A"},
                           {"Fay Lead", "school_leader", "B"},
                           {"Gus Staff", "staff", "B"},
                           {"Hal Staff", "staff", "B"},
                           {"Ivy Team", "district_team", ""}},
                          {{0, 1, 0}, {0, 1, 3}, {1, 2, 0}, {2, 3, 1}, {3, 4, 2}, {1, 4, 0}, {0, 6, 1}, {6, 7, 0}, {7, 8, 3}, {0, 9, 0}});
}

// n people in schools of 20 (the first 10 people are the district team), about 3 ties each, 85%
// inside the school; a fixed linear congruential generator keeps it the same on every platform.
inline SmallDistrict generated(std::size_t n) {
    std::uint64_t state = 12345;
    const auto next = [&](std::uint64_t bound) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % bound;
    };
    std::vector<std::tuple<std::string, std::string, std::string>> people;
    for (std::size_t v = 0; v < n; ++v)
        people.emplace_back("person " + std::to_string(v), v < 10 ? "district_team" : v % 20 == 0 ? "school_leader" : "staff",
                            v < 10 ? "" : "S" + std::to_string(v / 20));
    std::vector<std::tuple<Vertex, Vertex, std::size_t>> ties;
    for (Vertex v = 0; v < n; ++v)
        for (int k = 0; k < 3; ++k) {
            const Vertex u = next(100) < 85 ? Vertex(v / 20 * 20 + next(20)) : Vertex(next(n));
            if (u != v && u < n) ties.emplace_back(v, u, next(4));
        }
    return small_district(people, ties);
}

}  // namespace staffnet::test
