#include "io/table.hpp"

#include "io/output.hpp"

namespace staffnet {

std::string people_csv(const Network& net, const std::vector<ScoreColumn>& columns) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {"id", "name", "role", "school"};
    for (const auto& [name, scores] : columns) header.push_back(name);
    rows.push_back(header);
    for (std::size_t v = 0; v < net.size(); ++v) {
        const Person& p = net.people[v];
        std::vector<std::string> row = {text_cell(p.id), text_cell(p.name), text_cell(p.role), text_cell(p.school)};
        for (const auto& [name, scores] : columns) row.push_back(number_cell(scores.at(v)));
        rows.push_back(std::move(row));
    }
    return csv_lines(rows);
}

}  // namespace staffnet
