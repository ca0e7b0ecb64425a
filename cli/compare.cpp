#include "app/analysis.hpp"
#include "app/outputs.hpp"
#include "app/store.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/change.hpp"
#include "engine/graph_measures.hpp"
#include "io/change_tables.hpp"
#include "io/privacy.hpp"
#include "viz/change.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <iostream>
#include <memory>

namespace staffnet {
namespace {

struct CompareArgs {
    std::vector<std::string> configs;
    std::string waves;  // "A,B": two waves of one ties file
    OutputFlags output;
};

// One wave: its settings (for both waves, the first config's analysis settings), its district and
// what `analyze` would compute from it.
struct Wave {
    std::string wave;  // the wave column's value, or "" when the ties carry none or several
    AnalysisConfig config;
    District district;  // as loaded; moved into `analysis` by analyse()
    Analysis analysis;
    RiskView risk;

    std::string label() const { return wave.empty() ? config.file : "wave " + wave; }
};

std::vector<std::string> wave_labels(const std::string& text) {
    std::vector<std::string> labels(1);
    for (char ch : text) {
        if (ch == ',') labels.emplace_back();
        else if (ch != ' ') labels.back() += ch;
    }
    if (labels.size() != 2 || labels[0].empty() || labels[1].empty() || labels[0] == labels[1])
        throw InputError(Diagnostic{"--waves", 0, 0, "--waves needs two different waves separated by a comma, got '" + text + "'",
                                    "write the earlier wave first, for example --waves 1,2"});
    return labels;
}

// The second config supplies its wave's data (files and participation measures, and any tie types
// the first does not declare); every analysis setting comes from the first, so both waves are
// measured the same way.
AnalysisConfig second_wave_config(const AnalysisConfig& first, const AnalysisConfig& second) {
    AnalysisConfig used = first;
    used.file = second.file;
    used.people = second.people;
    used.ties = second.ties;
    used.tie_files = second.tie_files;
    used.schools = second.schools;
    used.participation = second.participation;
    used.drop_self_ties = second.drop_self_ties;
    for (const TieType& t : second.network.types)
        if (std::none_of(first.network.types.begin(), first.network.types.end(), [&](const TieType& f) { return f.name == t.name; }))
            used.network.types.push_back(t);
    const NetworkOptions &a = first.network, &b = second.network;
    if (a.directed != b.directed || a.weighted != b.weighted || a.weight_is_distance != b.weight_is_distance ||
        a.duplicates != b.duplicates || a.combine != b.combine)
        std::cerr << format(Diagnostic{second.file, 0, 0, "its network settings differ from " + first.file + "'s",
                                       "both waves are built with those of " + first.file, true})
                  << '\n';
    return used;
}

std::array<Wave, 2> load(const CompareArgs& args) {
    std::array<Wave, 2> w;
    if (args.configs.size() == 2 && !args.waves.empty())
        throw InputError(Diagnostic{"--waves", 0, 0, "--waves chooses two waves of one config's ties file, and two configs were given",
                                    "give one config with --waves A,B, or one config per wave without --waves"});
    if (args.configs.size() == 2) {
        const AnalysisConfig first = load_analysis(args.configs[0]);
        w[0].config = first;
        w[1].config = second_wave_config(first, load_analysis(args.configs[1]));
        for (Wave& wave : w) {
            wave.district = load_input(wave.config);
            if (wave.district.waves.size() == 1) wave.wave = wave.district.waves[0];
        }
    } else {
        if (args.waves.empty())
            throw InputError(Diagnostic{args.configs[0], 0, 0, "compare needs two waves, and one config was given without --waves",
                                        "give each wave its own config (staffnet compare wave1.yaml wave2.yaml), or name two "
                                        "values of the ties' wave column (--waves 1,2)"});
        const std::vector<std::string> labels = wave_labels(args.waves);
        const AnalysisConfig config = load_analysis(args.configs[0]);
        std::vector<District> districts = load_input_waves(config, labels);
        for (std::size_t i = 0; i < 2; ++i) {
            w[i].wave = labels[i];
            w[i].config = config;
            w[i].district = std::move(districts[i]);
        }
    }
    for (Wave& wave : w) {
        if (args.output.pseudonymize || args.output.research)  // stderr follows the files
            pseudonymize_messages(wave.district.warnings, wave.district.network, pseudonym_key(wave.config));
        report_loaded(wave.district, wave.config.file + (wave.wave.empty() ? "" : " (wave " + wave.wave + ")"));
    }
    return w;
}

// What `analyze` computes for one wave (without the layers and the E-I test), from the analysis layer.
void analyse(Wave& w) {
    AnalysisParts parts;
    parts.layers = false;
    parts.ei_test = false;
    w.analysis = staffnet::analyse(std::make_shared<const District>(std::move(w.district)), w.config, {}, parts);
    w.risk = risk_view(w.analysis.network(), w.config);
}

std::vector<ScoreChange> people_scores(const Wave& before, const Wave& after, const Matching& people) {
    std::vector<ScoreChange> out;
    for (const auto& [name, scores] : before.analysis.people) {
        const VertexScores* later = after.analysis.column_of(name);
        out.push_back(score_change(name, scores, later ? *later : VertexScores{}, people, name == "component" || name == "community"));
    }
    return out;
}

// Connectedness measures, then participation measures as read (the earlier wave's, then any new).
std::vector<ScoreChange> school_scores(const Wave& before, const Wave& after, const Matching& schools) {
    std::vector<ScoreChange> out;
    const auto& first = before.analysis.school_measures;
    for (const SchoolColumn& m : first.empty() ? after.analysis.school_measures : first) {
        std::vector<double> values[2];
        for (int i = 0; i < 2; ++i)
            for (const SchoolColumn& c : (i == 0 ? before : after).analysis.school_measures)
                if (c.name == m.name) values[i] = c.values;
        out.push_back(score_change(m.name, values[0], values[1], schools));
    }
    std::vector<std::string> names = before.analysis.schools().measure_names;
    for (const std::string& n : after.analysis.schools().measure_names)
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    for (const std::string& name : names) {
        std::vector<double> values[2];
        for (int i = 0; i < 2; ++i) {
            const SchoolTable& t = (i == 0 ? before : after).analysis.schools();
            const auto it = std::find(t.measure_names.begin(), t.measure_names.end(), name);
            if (it != t.measure_names.end())
                for (const School& s : t.schools) values[i].push_back(s.measures[std::size_t(it - t.measure_names.begin())]);
        }
        out.push_back(score_change(name, values[0], values[1], schools));
    }
    return out;
}

nlohmann::ordered_json counts_json(const TieCounts& c) {
    return {{"before", c.before},     {"after", c.after},           {"stable", c.stable},
            {"new", c.added},         {"dissolved", c.dissolved},   {"new_person", c.new_person},
            {"person_left", c.person_left}, {"strengthened", c.strengthened}, {"weakened", c.weakened},
            {"jaccard", json_number(c.jaccard())}};
}

nlohmann::ordered_json summary_json(const std::array<Wave, 2>& w, const Matching& people, const Matching& schools, const TieDiff& diff,
                                    const std::vector<IsolationChange>& isolation) {
    nlohmann::ordered_json j;
    for (std::size_t i = 0; i < 2; ++i)
        j[i == 0 ? "before" : "after"] = {{"wave", w[i].wave}, {"config", w[i].config.file}, {"people", w[i].analysis.network().size()},
                                          {"ties", w[i].analysis.network().ties.size()}, {"schools", w[i].analysis.schools().schools.size()}};
    std::size_t both = 0, left = 0;
    for (std::size_t i = 0; i < people.size(); ++i) both += people.in_both(i), left += people.after[i] == not_in_wave;
    j["people"] = {{"in_both", both}, {"joined", people.size() - both - left}, {"left", left}};
    std::size_t schools_both = 0;
    for (std::size_t i = 0; i < schools.size(); ++i) schools_both += schools.in_both(i);
    j["schools_in_both"] = schools_both;
    j["ties"]["combined"] = counts_json(diff.combined);
    j["ties"]["all_types"] = counts_json(diff.all_types);
    for (std::size_t t = 0; t < diff.types.size(); ++t) j["ties"]["by_type"][diff.types[t]] = counts_json(diff.per_type[t]);
    auto& iso = j["isolation"];
    iso["isolate_rule"] = w[0].risk.how.rule;
    iso["tie_types"] = w[0].risk.how.tie_types;
    for (const char* change : {"into_isolation", "still_isolated", "out_of_isolation", "not_comparable"})
        iso[change] = std::count_if(isolation.begin(), isolation.end(), [&](const IsolationChange& c) { return c.change == change; });
    const nlohmann::ordered_json measures[2] = {measures_json(w[0].analysis.whole), measures_json(w[1].analysis.whole)};
    for (const auto& [name, value] : measures[0].items()) {
        const auto later = measures[1].find(name);
        const nlohmann::ordered_json after = later == measures[1].end() ? nlohmann::ordered_json() : *later;
        nlohmann::ordered_json change = nullptr;
        if (value.is_number() && after.is_number()) change = json_number(after.get<double>() - value.get<double>());
        j["network"][name] = {{"before", value}, {"after", after}, {"change", change}};
    }
    j["directed"] = w[0].analysis.network().directed();
    j["seed"] = w[0].config.seed;
    j["staffnet_version"] = STAFFNET_VERSION;
    return j;
}

std::vector<std::string> school_ids(const SchoolTable& t) {
    std::vector<std::string> ids;
    for (const School& s : t.schools) ids.push_back(s.id);
    return ids;
}

void run_compare(const CompareArgs& args) {
    check_output_folder(args.output.out_dir, args.output.force);
    std::array<Wave, 2> w = load(args);
    apply_privacy(args.output, w[0].config, {&w[0].district.network, &w[1].district.network});
    for (Wave& wave : w) analyse(wave);
    const Network &before = w[0].analysis.network(), &after = w[1].analysis.network();
    const AnalysisConfig& config = w[0].config;

    const Matching people = match_people(before, after);
    const TieDiff diff = diff_ties(before, after, people);
    const Network merged = merged_network(before, after, people);
    const std::vector<IsolationChange> isolation = isolation_changes(w[0].risk.network, w[1].risk.network, people, config.risk.rule);
    const SchoolTable &schools_before = w[0].analysis.schools(), &schools_after = w[1].analysis.schools();
    const Matching schools = match_ids(school_ids(schools_before), school_ids(schools_after));

    OutputSet outputs;
    outputs.add("change_summary.json", summary_json(w, people, schools, diff, isolation).dump(2) + "\n");
    outputs.add("tie_changes.csv", tie_changes_csv(merged, diff));
    outputs.add("people_change.csv", people_change_csv(before, after, people, people_scores(w[0], w[1], people)));
    outputs.add("isolation_changes.csv", isolation_changes_csv(merged, isolation, w[0].risk.how));
    std::vector<ScoreChange> school_changes;
    std::vector<CorrelationChange> correlations;
    if (schools.size() > 0) {
        school_changes = school_scores(w[0], w[1], schools);
        outputs.add("schools_change.csv", schools_change_csv(schools_before, schools_after, schools, school_changes));
        const auto& stats = config.statistics;
        correlations = correlation_changes(
            {&schools_before, &w[0].analysis.school_measures, &w[0].analysis.correlations},
            {&schools_after, &w[1].analysis.school_measures, &w[1].analysis.correlations},
            schools, {.permutations = stats.permutations, .bootstrap = stats.bootstrap, .seed = config.seed});
        outputs.add("correlations_change.csv", correlations_change_csv(correlations));
    }
    // diagrams/change.svg and .dot always, and any other format the config's diagrams: asks for.
    const DiagramConfig& diagrams = config.diagrams;
    const Diagram change = change_diagram(merged, schools_after.schools.empty() ? schools_before : schools_after, diff, isolation,
                                          {w[0].label(), w[1].label()}, diagrams);
    std::vector<std::string> formats = {"svg", "dot"};
    for (const std::string& f : diagrams.formats)
        if (std::find(formats.begin(), formats.end(), f) == formats.end()) formats.push_back(f);
    const std::vector<std::string> drawn = render(change, formats);
    for (std::size_t i = 0; i < formats.size(); ++i) outputs.add("diagrams/change." + formats[i], drawn[i]);
    // change.html: the same in plain words, for the team.
    ChangeReport page{{w[0].label(), w[1].label()}, &merged, schools_after.schools.empty() ? &schools_before : &schools_after, &schools,
                      nullptr, isolation, correlations, {}, drawn[0], diff.combined};
    for (const ScoreChange& c : school_changes)
        if (c.name == "district_ties") page.district_ties = &c;
    for (const SchoolColumn& m : w[0].analysis.school_measures) page.connection[m.name] = m.connection;
    outputs.add("change.html", change_html(page));

    std::vector<std::string> inputs;
    for (const Wave& wave : w) inputs.insert(inputs.end(), {wave.config.file, wave.config.people, wave.config.ties, wave.config.schools});
    write_outputs(outputs, args.output.out_dir, args.output.force, inputs);
}

}  // namespace

void add_compare_command(CLI::App& app) {
    auto args = std::make_shared<CompareArgs>();
    auto* cmd = app.add_subcommand("compare", "change between two waves: ties made and lost, people, schools, isolation");
    cmd->add_option("configs", args->configs, "one config per wave (earlier first), or one config with --waves")
        ->required()
        ->expected(1, 2)
        ->type_name("CONFIG [CONFIG]");
    cmd->add_option("--waves", args->waves, "two values of the ties' wave column, earlier first: --waves 1,2");
    add_output_flags(*cmd, args->output);
    cmd->callback([args] { run_compare(*args); });
}

}  // namespace staffnet
