#include "app/outputs.hpp"

#include "io/results.hpp"
#include "io/risk_tables.hpp"
#include "io/table.hpp"
#include "viz/outreach.hpp"
#include "viz/render.hpp"
#include "viz/report.hpp"

#include <algorithm>
#include <cmath>

namespace staffnet {
namespace {

// The path measures estimated on a large network.
constexpr const char* kSampledMeasures[] = {"betweenness", "closeness", "harmonic", "diameter", "average_path_length",
                                            "betweenness_centralization", "closeness_centralization"};

nlohmann::ordered_json ei_json(const EIIndex& ei) {
    nlohmann::ordered_json j;
    j["network"] = json_number(ei.network);
    j["expected"] = json_number(ei.expected);
    j["p_greater"] = ei.p_greater;
    j["p_less"] = ei.p_less;
    j["permutations"] = ei.permutations;
    for (const auto& [group, value] : ei.groups) j["groups"][group.empty() ? "(no school)" : group] = json_number(value);
    return j;
}

nlohmann::ordered_json sampling_json(const PathSamplingInfo& sampling) {
    nlohmann::ordered_json j;
    j["sampled"] = sampling.sampled;
    j["above"] = sampling.above;
    if (sampling.sampled) {
        j["sources"] = sampling.sources;
        j["measures"] = kSampledMeasures;
    }
    return j;
}

// "" when the whole district fits a sociogram; otherwise why not, and what network.svg holds.
std::string sociogram_left_out(const Network& net, const DiagramConfig& config, bool has_schools) {
    DiagramConfig whole = config;
    whole.sociogram = true;
    const std::string too_large = sociogram_note(net, whole);
    if (too_large.empty()) return "";
    return too_large + (has_schools ? "; network.svg holds the bridge map instead" : "; network.svg is not written either");
}

ReportData report_data(const Analysis& a, const DrawnSet& drawn, const DiagramConfig& config) {
    ReportData r;
    r.people_columns = a.people;
    r.diagram_config = config;
    r.source = a.source;
    r.network = a.network();
    r.schools = a.schools();
    r.seed = a.seed;
    r.people_risk = a.people_risk;
    r.school_risk = a.school_risk;
    r.flagged_schools = a.flagged_schools;
    r.outreach_plan = a.outreach_plan;
    r.isolate_rule = a.how.rule;
    r.risk_tie_types = a.how.tie_types;
    if (!a.schools().schools.empty()) {
        r.school_measures = a.school_measures;
        r.participation = a.participation;
        r.correlations = a.correlations;
    }
    r.patterns = a.patterns;
    r.min_group_size = a.min_group_size;
    r.graph_measures = a.whole;
    r.diagrams = drawn.diagrams;
    r.sociogram = drawn.sociogram;
    r.notes = a.notes;
    r.notes.insert(r.notes.end(), drawn.notes.begin(), drawn.notes.end());
    return r;
}

}  // namespace

nlohmann::ordered_json json_number(double value) {
    if (std::isnan(value)) return nullptr;  // undefined, for example assortativity of a single group
    if (value == std::floor(value) && std::abs(value) < 1e15) return static_cast<long long>(value);
    return value;
}

nlohmann::ordered_json measures_json(const GraphMeasures& measures) {
    nlohmann::ordered_json j;
    for (const auto& [name, value] : measures) j[name] = json_number(value);
    return j;
}

nlohmann::ordered_json summary_json(const Analysis& a, const std::vector<std::string>& notes) {
    const Network& net = a.network();
    nlohmann::ordered_json j = measures_json(a.whole);
    j["ei_index_school"] = ei_json(a.ei_school);
    j["directed"] = net.directed();
    j["weighted"] = net.weighted();
    j["schools"] = a.schools().schools.size();
    j["tie_types"] = nlohmann::ordered_json::array();
    for (const TieType& t : net.options.types) j["tie_types"].push_back(t.name);
    j["seed"] = a.seed;
    j["path_sampling"] = sampling_json(a.sampling);
    j["notes"] = notes;
    j["community_algorithm"] = "louvain";
    for (const auto& [name, measures] : a.layers) j["layers"][name] = measures_json(measures);
    j["staffnet_version"] = STAFFNET_VERSION;
    j["diagram_layout"] = layout_environment();  // what the diagrams' bytes depend on besides the input and seed
    return j;
}

std::vector<std::string> district_notes(const District& district, const AnalysisConfig& config) {
    std::vector<std::string> notes;
    for (std::string note : {sampling_note(district.network, config),
                             sociogram_left_out(district.network, config.diagrams, !district.schools.schools.empty())})
        if (!note.empty()) notes.push_back(std::move(note));
    return notes;
}

DrawnSet draw_analysis_diagrams(const Analysis& a, const DiagramConfig& config, const ProgressFn& progress) {
    const Network& net = a.network();
    DrawnSet out;
    const std::string left_out = sociogram_left_out(net, config, !a.schools().schools.empty());
    const bool whole_drawn = left_out.empty();
    const bool bridge_instead = !whole_drawn && !a.schools().schools.empty();
    if (!whole_drawn) out.notes.push_back(left_out);
    DiagramConfig diagrams = config;
    diagrams.sociogram = true;
    diagrams.bridge_map = config.bridge_map || bridge_instead;
    const DiagramMarks marks = diagram_marks(net, a.people, a.people_risk, diagrams);
    if (whole_drawn) out.sociogram = std::make_shared<const LaidOutSociogram>(lay_out_sociogram(net, a.schools(), marks, diagrams));
    out.diagrams = draw_diagrams(net, a.schools(), marks, diagrams, progress, out.sociogram.get());
    const std::string network_svg = whole_drawn ? "diagrams/sociogram" : "diagrams/bridge_map";
    for (const DrawnDiagram& drawn : out.diagrams)
        if (drawn.name == network_svg) out.network_svg = drawn.formats.at("svg");
    std::erase_if(out.diagrams, [&](const DrawnDiagram& drawn) {
        return (drawn.name == "diagrams/sociogram" && !config.sociogram) || (drawn.name == "diagrams/bridge_map" && !config.bridge_map);
    });
    return out;
}

OutputSet analysis_outputs(const Analysis& a, const DrawnSet& drawn, const DiagramConfig& config) {
    const Network& net = a.network();
    const SchoolTable& schools = a.schools();
    OutputSet outputs;
    outputs.add("isolation_risk.csv", isolation_risk_csv(net, a.people_risk, a.how));
    if (!schools.schools.empty()) {
        outputs.add("schools_at_risk.csv", schools_at_risk_csv(net, schools, a.school_risk, a.how));
        outputs.add("outreach_plan.csv", outreach_plan_csv(net, schools, a.outreach_plan, a.flagged_schools));
    }
    outputs.add("outreach.html", outreach_sheet_html(net, schools, a.people_risk, a.school_risk, a.how.rule, {a.district_name, a.data_date}));
    outputs.add("people.csv", people_csv(net, a.people));
    if (!schools.schools.empty()) {
        outputs.add("schools.csv", schools_csv(schools, a.school_measures));
        outputs.add("correlations.csv", correlations_csv(a.correlations));
        outputs.add("regression.csv", regression_csv(a.regressions));
        outputs.add("regression.json", regression_json(a.regressions));
    }
    outputs.add("patterns.csv", patterns_csv(a.patterns, a.min_group_size));
    std::vector<std::string> notes = a.notes;
    notes.insert(notes.end(), drawn.notes.begin(), drawn.notes.end());
    outputs.add("summary.json", summary_json(a, notes).dump(2) + "\n");
    if (!drawn.network_svg.empty()) outputs.add("network.svg", drawn.network_svg);
    for (const auto& [name, content] : diagram_files(drawn.diagrams, config)) outputs.add(name, content);
    outputs.add("report.html", report_html(report_data(a, drawn, config)));
    return outputs;
}

}  // namespace staffnet
