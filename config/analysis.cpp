#include "config/analysis.hpp"

#include "io/csv.hpp"
#include "io/diagnostic.hpp"
#include "io/readers.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>

namespace staffnet {

std::vector<TieType> default_tie_types() {
    return {{"shared_project", 1.0, true, "P"},
            {"past_collaboration", 1.0, false, "C"},
            {"contact_exchange", 1.0, true, "X"},
            {"social", 1.0, true, "S"}};
}

namespace {

// Reads one YAML document, collecting problems with their positions.
struct Reader {
    std::string file;
    DiagnosticList problems;

    Diagnostic at(const YAML::Mark& mark, std::string message, std::string fix = {}) const {
        return {file, mark.line + 1, mark.column + 1, std::move(message), std::move(fix)};  // yaml-cpp counts from 0
    }
    Diagnostic at(const YAML::Node& node, std::string message, std::string fix = {}) const {
        return at(node.Mark(), std::move(message), std::move(fix));
    }

    // Reports keys of `map` not in `allowed` and keys given twice (yaml-cpp would silently use the
    // first); returns false when `map` is not a mapping.
    bool keys(const YAML::Node& map, const std::string& where, const std::vector<std::string>& allowed) {
        if (!map.IsMap()) {
            problems.error(at(map, where + " must be a mapping of keys to values",
                              where == "the config" ? "write one 'key: value' per line, starting with a key such as 'network:'"
                                                    : "indent its keys under '" + where + ":'"));
            return false;
        }
        std::map<std::string, int> seen;  // key -> line
        for (const auto& kv : map) {
            if (!kv.first.IsScalar()) {
                problems.error(at(kv.first, "a key in " + where + " must be a plain name", "write it as 'name: value'"));
                continue;
            }
            const std::string key = kv.first.as<std::string>();
            if (const auto [first, fresh] = seen.try_emplace(key, kv.first.Mark().line + 1); !fresh)
                problems.error(at(kv.first, "key '" + key + "' appears twice in " + where + ", first on line " + std::to_string(first->second),
                                  "keep one and merge their settings"));
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                std::string valid;
                for (const std::string& a : allowed) valid += (valid.empty() ? "" : ", ") + a;
                problems.error(at(kv.first, "unknown key '" + key + "' in " + where + did_you_mean(key, allowed),
                                  allowed.empty() ? "remove it, as " + where + " takes no options" : "valid keys are " + valid));
            }
        }
        return true;
    }

    template <typename T>
    void scalar(const YAML::Node& map, const std::string& key, T& value, const std::string& expected) {
        const YAML::Node node = map[key];
        if (!node) return;
        try {
            if (!node.IsScalar()) throw YAML::Exception(node.Mark(), "not a scalar");
            value = node.as<T>();
        } catch (const YAML::Exception&) {
            // A missing value is marked where the next token starts, often the next line: point at its key.
            YAML::Mark mark = node.Mark();
            for (const auto& kv : map)
                if (node.IsNull() && kv.first.IsScalar() && kv.first.Scalar() == key) mark = kv.first.Mark();
            const std::string got = node.IsNull() ? "nothing" : "'" + YAML::Dump(node) + "'";
            problems.error(at(mark, key + " must be " + expected + ", got " + got, "write '" + key + ":' followed by " + expected));
        }
    }

    void choice(const YAML::Node& map, const std::string& key, std::string& value, const std::vector<std::string>& options) {
        std::string text = value;
        std::string list;
        for (const std::string& o : options) list += (list.empty() ? "" : ", ") + o;
        scalar(map, key, text, "one of " + list);
        if (std::find(options.begin(), options.end(), text) == options.end()) {
            const std::string suggestion = closest(text, options);
            problems.error(at(map[key], key + " must be one of " + list + ", got '" + text + "'" + did_you_mean(text, options),
                              "for example '" + key + ": " + (suggestion.empty() ? options.front() : suggestion) + "'"));
            return;
        }
        value = text;
    }
};

Combine combine_rule(const std::string& name) {
    static const std::vector<std::pair<std::string, Combine>> rules = {
        {"sum", Combine::sum}, {"max", Combine::max}, {"min", Combine::min},
        {"mean", Combine::mean}, {"count", Combine::count}, {"first", Combine::first}};
    for (const auto& [n, c] : rules)
        if (n == name) return c;
    return Combine::sum;
}

std::string resolve(const std::string& folder, const std::string& path) {
    if (path.empty()) return path;
    const std::filesystem::path p(path);
    return p.is_absolute() ? path : (std::filesystem::path(folder) / p).lexically_normal().string();
}

// A list of names: `[a, b]` or one name per line.
std::vector<std::string> read_names(Reader& r, const YAML::Node& node, const std::string& key) {
    std::vector<std::string> out;
    if (!node) return out;
    if (!node.IsSequence()) {
        r.problems.error(r.at(node, key + " must be a list of names", "write it like '" + key + ": [a, b]'"));
        return out;
    }
    for (const YAML::Node& item : node) {
        if (!item.IsScalar()) {
            r.problems.error(r.at(item, "each entry of " + key + " must be a single name"));
            continue;
        }
        out.push_back(item.Scalar());
    }
    return out;
}

void read_statistics(Reader& r, const YAML::Node& node, StatisticsConfig& out) {
    if (!r.keys(node, "statistics", {"permutations", "bootstrap", "min_group_size", "regressions"})) return;
    r.scalar(node, "permutations", out.permutations, "a whole number");
    r.scalar(node, "bootstrap", out.bootstrap, "a whole number");
    r.scalar(node, "min_group_size", out.min_group_size, "a whole number");
    const YAML::Node list = node["regressions"];
    if (!list) return;
    if (!list.IsSequence()) {
        r.problems.error(r.at(list, "regressions must be a list of models", "start each with '- outcome: <participation measure>'"));
        return;
    }
    for (const YAML::Node& item : list) {
        if (!r.keys(item, "a regression", {"outcome", "model", "predictors", "controls"})) continue;
        RegressionSpec spec;
        r.scalar(item, "outcome", spec.outcome, "a participation measure");
        if (spec.outcome.empty()) r.problems.error(r.at(item, "a regression needs an outcome", "add 'outcome: <participation measure>'"));
        r.choice(item, "model", spec.model, {"auto", "ols", "logistic"});
        spec.predictors = read_names(r, item["predictors"], "predictors");
        spec.controls = read_names(r, item["controls"], "controls");
        out.regressions.push_back(std::move(spec));
    }
}

void read_risk(Reader& r, const YAML::Node& node, AnalysisConfig& config) {
    if (!r.keys(node, "risk", {"isolate_rule", "tie_types", "weights", "high", "medium", "constraint_threshold", "contacts",
                                  "max_per_member"})) return;
    RiskOptions& risk = config.risk;
    std::string rule = rule_name(risk.rule);
    r.choice(node, "isolate_rule", rule, {"no_ties", "never_named", "cut_off", "peripheral"});
    for (const IsolateRule candidate : {IsolateRule::no_ties, IsolateRule::never_named, IsolateRule::cut_off, IsolateRule::peripheral})
        if (rule == rule_name(candidate)) risk.rule = candidate;
    config.risk_tie_types = read_names(r, node["tie_types"], "tie_types");
    for (const std::string& type : config.risk_tie_types) {
        std::vector<std::string> declared;
        for (const TieType& t : config.network.types) declared.push_back(t.name);
        if (std::find(declared.begin(), declared.end(), type) == declared.end())
            r.problems.error(r.at(node["tie_types"], "risk uses the tie type '" + type + "', which is not declared" + did_you_mean(type, declared),
                                  "use types listed under tie_types"));
    }
    r.scalar(node, "high", risk.high, "a number");
    r.scalar(node, "medium", risk.medium, "a number");
    r.scalar(node, "constraint_threshold", risk.constraint_threshold, "a number");
    r.scalar(node, "contacts", risk.contacts, "a whole number");
    r.scalar(node, "max_per_member", risk.max_per_member, "a whole number of people and schools per member (0: no cap)");
    const YAML::Node weights = node["weights"];
    RiskWeights& w = risk.weights;
    const std::vector<std::pair<std::string, double*>> fields = {
        {"isolated", &w.isolated}, {"one_tie", &w.one_tie}, {"outside_core", &w.outside_core},
        {"no_school_ties", &w.no_school_ties}, {"high_constraint", &w.high_constraint},
        {"no_district_tie", &w.no_district_tie},
        {"single_district_tie", &w.single_district_tie}, {"single_path", &w.single_path},
        {"far_from_district", &w.far_from_district}, {"school_no_district_tie", &w.school_no_district_tie},
        {"school_one_member", &w.school_one_member}, {"school_no_close_tie", &w.school_no_close_tie},
        {"school_leaders_unlinked", &w.school_leaders_unlinked}, {"school_staff_isolated", &w.school_staff_isolated},
        {"school_low_density", &w.school_low_density}};
    std::vector<std::string> names;
    for (const auto& [name, field] : fields) names.push_back(name);
    if (!weights || !r.keys(weights, "risk.weights", names)) return;
    for (const auto& [name, field] : fields) r.scalar(weights, name, *field, "a number (0 turns the reason off)");
}

void read_privacy(Reader& r, const YAML::Node& node, AnalysisConfig& config) {
    if (!r.keys(node, "privacy", {"key", "safe_attributes"})) return;
    r.scalar(node, "key", config.privacy_key, "a secret text");
    config.safe_attributes = read_names(r, node["safe_attributes"], "safe_attributes");
}

bool is_colour(const std::string& text) {
    return text.size() == 7 && text[0] == '#' &&
           std::all_of(text.begin() + 1, text.end(), [](unsigned char c) { return std::isxdigit(c); });
}

// `name: "#RRGGBB"` pairs under one key; names must be in `known` (roles, tie types).
void read_colours(Reader& r, const YAML::Node& node, const std::string& where, const std::vector<std::string>& known,
                  std::map<std::string, std::string>& out) {
    if (!node || !r.keys(node, where, known)) return;
    for (const auto& kv : node) {
        std::string colour;
        r.scalar(node, kv.first.Scalar(), colour, "a colour like \"#0072B2\"");
        if (is_colour(colour)) out[kv.first.Scalar()] = colour;
        else r.problems.error(r.at(kv.second, where + "." + kv.first.Scalar() + " must be a colour like \"#0072B2\", got '" + colour + "'",
                                   "write six hex digits after '#', in quotes"));
    }
}

void read_diagrams(Reader& r, const YAML::Node& node, AnalysisConfig& config) {
    DiagramConfig& d = config.diagrams;
    if (!r.keys(node, "diagrams", {"draw", "formats", "size_by", "labels", "large_network", "ties_per_person", "sociogram_limit", "school_limit", "colours"})) return;
    if (const YAML::Node draw = node["draw"]) {
        const std::vector<std::string> kinds = {"sociogram", "bridge_map", "schools"};
        const std::vector<std::string> names = read_names(r, draw, "draw");
        for (const std::string& name : names)
            if (std::find(kinds.begin(), kinds.end(), name) == kinds.end())
                r.problems.error(r.at(draw, "draw lists '" + name + "', which is not a diagram" + did_you_mean(name, kinds),
                                      "choose from sociogram, bridge_map, schools"));
        const auto has = [&](const char* kind) { return std::find(names.begin(), names.end(), kind) != names.end(); };
        d.sociogram = has("sociogram");
        d.bridge_map = has("bridge_map");
        d.school_diagrams = has("schools");
    }
    if (const YAML::Node formats = node["formats"]) {
        const std::vector<std::string> known = {"svg", "png", "pdf", "dot"};
        d.formats = read_names(r, formats, "formats");
        for (const std::string& f : d.formats)
            if (std::find(known.begin(), known.end(), f) == known.end())
                r.problems.error(r.at(formats, "formats lists '" + f + "', which staffnet cannot draw" + did_you_mean(f, known),
                                      "choose from svg, png, pdf, dot"));
    }
    r.scalar(node, "size_by", d.size_by, "a metric column such as betweenness, or none");
    if (d.size_by == "none") d.size_by.clear();
    r.choice(node, "labels", d.labels, {"none", "leaders", "everyone"});
    r.scalar(node, "large_network", d.large_network, "a whole number of people");
    r.scalar(node, "ties_per_person", d.ties_per_person, "a whole number");
    r.scalar(node, "sociogram_limit", d.sociogram_limit, "a whole number of people");
    r.scalar(node, "school_limit", d.school_limit, "a whole number of people");
    const YAML::Node colours = node["colours"];
    if (!colours || !r.keys(colours, "diagrams.colours", {"roles", "tie_types", "highlight"})) return;
    read_colours(r, colours["roles"], "colours.roles", roles(), d.role_colours);
    std::vector<std::string> types;
    for (const TieType& t : config.network.types) types.push_back(t.name);
    read_colours(r, colours["tie_types"], "colours.tie_types", types, d.tie_colours);
    if (colours["highlight"]) {
        r.scalar(colours, "highlight", d.highlight_colour, "a colour like \"#D55E00\"");
        if (!is_colour(d.highlight_colour))
            r.problems.error(r.at(colours["highlight"], "highlight must be a colour like \"#D55E00\", got '" + d.highlight_colour + "'",
                                  "write six hex digits after '#', in quotes"));
    }
}

void read_metrics(Reader& r, const YAML::Node& list, std::vector<MetricRequest>& out) {
    std::vector<std::string> names;
    for (const Metric& m : metrics()) names.push_back(m.name);
    if (!list.IsSequence()) {
        r.problems.error(r.at(list, "metrics must be a list", "write one metric per line, like '  - degree'"));
        return;
    }
    for (const YAML::Node& item : list) {
        MetricRequest request;
        const bool with_options = item.IsMap() && item.size() == 1;
        if (!with_options && !item.IsScalar()) {
            r.problems.error(r.at(item, "a metric must be a name or 'name: {option: value}'",
                                  "write '- degree', or '- betweenness: {normalized: false}' for a metric with options"));
            continue;
        }
        // Initialised, never assigned: assigning a YAML::Node rebinds the node it shares with `item`.
        const YAML::Node name_node = with_options ? item.begin()->first : item;
        const YAML::Node options = with_options ? item.begin()->second : YAML::Node();
        request.name = name_node.as<std::string>();
        const Metric* metric = find_metric(request.name);
        if (!metric) {
            r.problems.error(r.at(name_node, "unknown metric '" + request.name + "'" + did_you_mean(request.name, names),
                                  "run 'staffnet metrics --list' to see every metric"));
            continue;
        }
        if (options && !options.IsNull() && r.keys(options, request.name, metric->option_names())) {
            for (const auto& kv : options) {
                if (!kv.second.IsScalar()) {
                    r.problems.error(r.at(kv.second, "option '" + kv.first.as<std::string>() + "' must be a single value",
                                          "write it as '" + kv.first.as<std::string>() + ": value'"));
                    continue;
                }
                const std::string key = kv.first.as<std::string>(), value = kv.second.as<std::string>();
                if (!metric->option(key)) continue;  // an unknown key, reported by keys()
                try {
                    request.options.values[key] = parse_option(*metric->option(key), value);
                } catch (const std::invalid_argument& expected) {
                    r.problems.error(r.at(kv.second, request.name + " option '" + key + "' is '" + value + "'; it must be " + expected.what(),
                                          "write " + key + ": followed by " + expected.what()));
                }
            }
        }
        out.push_back(std::move(request));
    }
}

void read_tie_types(Reader& r, const YAML::Node& map, std::vector<TieType>& out) {
    if (!map.IsMap()) {
        r.problems.error(r.at(map, "tie_types must map each type name to its settings",
                              "for example 'social: {weight: 1, close: true, code: S}'"));
        return;
    }
    out.clear();
    std::map<std::string, int> declared;  // name as YAML resolves it (null: and ~: are both "null") -> line
    for (const auto& kv : map) {
        TieType type{kv.first.IsNull() ? "null" : kv.first.as<std::string>(), 1.0, false, ""};
        if (const auto [it, fresh] = declared.try_emplace(type.name, kv.first.Mark().line + 1); !fresh) {
            r.problems.error(r.at(kv.first, "tie type '" + type.name + "' is declared twice (first on line " + std::to_string(it->second) + ")",
                                  "keep one entry for each tie type"));
            continue;
        }
        type.code = type.name.substr(0, 1);
        if (kv.second && !kv.second.IsNull() && r.keys(kv.second, "tie_types." + type.name, {"weight", "close", "code"})) {
            r.scalar(kv.second, "weight", type.weight, "a positive number");
            if (type.weight <= 0)
                r.problems.error(r.at(kv.second["weight"],
                                      "weight must be a positive number, got '" + kv.second["weight"].as<std::string>() + "'",
                                      "use a number above 0, such as 1 or 0.5"));
            r.scalar(kv.second, "close", type.close, "true or false");
            r.scalar(kv.second, "code", type.code, "a short code such as P");
        }
        out.push_back(type);
    }
}

// True when line `line` (0-based) of `text` is indented with a tab, which YAML does not allow.
bool tab_indented(const std::string& text, int line) {
    std::istringstream in(text);
    std::string s;
    for (int i = 0; i <= line; ++i)
        if (!std::getline(in, s)) return false;
    return s.substr(0, s.find_first_not_of(" \t")).find('\t') != std::string::npos;
}

AnalysisConfig read_config(Reader& r, YAML::Node root, const std::string& folder) {
    AnalysisConfig config;
    config.file = r.file;
    config.network.types = default_tie_types();
    std::string people = "people.csv", ties = "ties.csv", schools = "schools.csv";
    if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    if (r.keys(root, "the config", {"data", "network", "tie_types", "participation", "metrics", "statistics", "sampling", "risk", "privacy", "diagrams", "seed",
                                        "district"})) {
        r.scalar(root, "district", config.district_name, "the district's name");
        if (const YAML::Node data = root["data"]; data && r.keys(data, "data", {"people", "ties", "network", "schools", "date", "database"})) {
            r.scalar(data, "date", config.data_date, "the date the data were collected, such as 2026-10-31");
            r.scalar(data, "database", config.database, "a file path");
            r.scalar(data, "people", people, "a file path");
            std::vector<std::string> more_ties;  // data: ties: [ties.csv, new_ties.csv]: read together
            if (data["ties"] && data["ties"].IsSequence()) {
                more_ties = read_names(r, data["ties"], "ties");
                if (more_ties.empty()) r.problems.error(r.at(data["ties"], "ties lists no files", "name at least one ties file"));
                else ties = more_ties.front(), config.tie_files = more_ties;
            } else {
                r.scalar(data, "ties", ties, "a file path");
            }
            r.scalar(data, "network", config.network_file, "a file path");
            r.scalar(data, "schools", schools, "a file path");
            for (const char* key : {"people", "ties", "network", "schools"})  // "" would name the config's own folder
                if (data[key] && data[key].IsScalar() && data[key].Scalar().empty())
                    r.problems.error(r.at(data[key], std::string("data: ") + key + " is an empty path",
                                          "give the path of the file, or remove the line to use the default"));
            if (data["network"] && (data["people"] || data["ties"]))
                r.problems.error(r.at(data["network"], "data: network holds both people and ties, so it replaces people and ties",
                                      "remove data: people and data: ties, or data: network"));
        }
        if (const YAML::Node net = root["network"];
            net && r.keys(net, "network", {"directed", "weighted", "weight_means", "duplicates", "combine", "self_ties"})) {
            r.scalar(net, "directed", config.network.directed, "true or false");
            config.directed_given = bool(net["directed"]);
            r.scalar(net, "weighted", config.network.weighted, "true or false");
            std::string means = "strength", duplicates = "max", combine = "sum", self_ties = "error";
            r.choice(net, "weight_means", means, {"strength", "distance"});
            r.choice(net, "duplicates", duplicates, {"max", "sum", "mean", "min", "first"});
            r.choice(net, "combine", combine, {"sum", "max", "min", "mean", "count"});
            r.choice(net, "self_ties", self_ties, {"error", "drop"});
            config.network.weight_is_distance = means == "distance";
            config.network.duplicates = combine_rule(duplicates);
            config.network.combine = combine_rule(combine);
            config.drop_self_ties = self_ties == "drop";
        }
        if (const YAML::Node types = root["tie_types"]) read_tie_types(r, types, config.network.types);
        if (const YAML::Node part = root["participation"]) {
            if (!part.IsMap()) {
                r.problems.error(r.at(part, "participation must map each schools.csv column to 'higher' or 'lower'",
                                      "for example 'pl_attendance_rate: higher'"));
            } else {
                for (const auto& kv : part) {
                    Participation p{kv.first.as<std::string>(), true};
                    std::string better = "higher";
                    YAML::Node holder;
                    holder[p.column] = kv.second;
                    r.choice(holder, p.column, better, {"higher", "lower"});
                    p.higher_is_better = better == "higher";
                    config.participation.push_back(p);
                }
            }
        }
        if (const YAML::Node list = root["metrics"]) read_metrics(r, list, config.metrics);
        if (const YAML::Node node = root["statistics"]) read_statistics(r, node, config.statistics);
        if (const YAML::Node node = root["sampling"]; node && r.keys(node, "sampling", {"above", "sources"})) {
            r.scalar(node, "above", config.sampling.above, "a whole number of people");
            r.scalar(node, "sources", config.sampling.sources, "a whole number (0 = always exact)");
        }
        if (const YAML::Node node = root["risk"]) read_risk(r, node, config);
        if (const YAML::Node node = root["privacy"]) read_privacy(r, node, config);
        if (const YAML::Node node = root["diagrams"]) read_diagrams(r, node, config);
        r.scalar(root, "seed", config.seed, "a whole number");
    }
    r.problems.check();
    if (config.metrics.empty())
        for (const std::string& m : default_metrics()) config.metrics.push_back({m, {}});
    // Only a size_by the user wrote is checked: the default (betweenness) falls back quietly in the diagrams.
    // (A default-constructed YAML::Node counts as defined, so the section's presence is tested first.)
    if (root["diagrams"] && root["diagrams"]["size_by"] && !config.diagrams.size_by.empty()) {
        const YAML::Node size_by = root["diagrams"]["size_by"];
        std::vector<std::string> columns;
        for (const MetricRequest& m : config.metrics)
            if (const Metric* metric = find_metric(m.name)) columns.push_back(metric->column);
        if (std::find(columns.begin(), columns.end(), config.diagrams.size_by) == columns.end())
            r.problems.error(r.at(size_by, "size_by names '" + config.diagrams.size_by +
                                  "', which is not a computed metric" + did_you_mean(config.diagrams.size_by, columns),
                                  "use one of the metrics listed under metrics:, or none"));
    }
    config.diagrams.seed = config.seed;
    r.problems.check();
    if (!config.network_file.empty()) people = ties = config.network_file = resolve(folder, config.network_file);
    if (!config.database.empty()) config.database = resolve(folder, config.database);
    config.people = resolve(folder, people);
    config.ties = resolve(folder, ties);
    for (std::string& file : config.tie_files) file = resolve(folder, file);
    if (config.tie_files.empty() && config.network_file.empty()) config.tie_files = {config.ties};
    // schools.csv is optional: a missing default file means "no schools".
    config.schools = resolve(folder, schools);
    if (!root["data"] || !root["data"]["schools"]) {
        if (!std::filesystem::exists(config.schools) && config.database.empty()) {
            if (!config.participation.empty())
                throw InputError(r.at(root["participation"], "participation needs a schools file, and there is no " + config.schools,
                                      "add schools.csv beside the config, give its path under data: schools:, or remove participation"));
            config.schools.clear();
        }
    }
    return config;
}

// What a config may be, checked before it is loaded: it is a few kilobytes, a few levels deep,
// with a handful of aliases. Beyond these, a file could exhaust the stack (yaml-cpp recurses once per
// level) or, through aliases that repeat aliases (a "billion laughs"), make every later step
// exponential.
constexpr std::size_t max_config_bytes = 1 << 20;
constexpr std::size_t max_config_depth = 32;
constexpr std::size_t max_config_values = 10'000;

struct TooBig {
    YAML::Mark mark;
    std::string message, fix;
};

// Walks the first document's parse events without building it, counting nesting depth and
// values, each alias counted as the values it stands for. Throws TooBig at the first limit.
class ConfigBounds : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnAnchor(const YAML::Mark&, const std::string& name) override { names_.push_back(name); }
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { value(mark, anchor); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string&) override {
        value(mark, anchor);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const auto size = sizes_.find(anchor);
        if (size == sizes_.end())
            throw TooBig{mark, "alias '*" + name(anchor) + "' stands for a node that contains it",
                         "an alias may only repeat a node that ends before it"};
        add(mark, size->second);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    std::size_t values_ = 0;
    std::vector<std::pair<YAML::anchor_t, std::size_t>> open_;  // open collections: anchor, values before
    std::map<YAML::anchor_t, std::size_t> sizes_;               // values each finished anchor stands for
    std::vector<std::string> names_;                            // anchor names, anchor n at n - 1

    std::string name(YAML::anchor_t anchor) const { return anchor >= 1 && anchor <= names_.size() ? names_[anchor - 1] : "?"; }
    void add(const YAML::Mark& mark, std::size_t n) {
        values_ += n;
        if (values_ > max_config_values)
            throw TooBig{mark, "aliases make the config more than " + std::to_string(max_config_values) + " values long",
                         "use fewer aliases (*name); a config needs only a few"};
    }
    void value(const YAML::Mark& mark, YAML::anchor_t anchor) {
        add(mark, 1);
        if (anchor) sizes_[anchor] = 1;
    }
    void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (open_.size() == max_config_depth)
            throw TooBig{mark, "the config nests more than " + std::to_string(max_config_depth) + " levels deep",
                         "a config needs only a few levels; check the indentation and the brackets"};
        open_.emplace_back(anchor, values_);
        add(mark, 1);
    }
    void close() {
        const auto [anchor, before] = open_.back();
        open_.pop_back();
        if (anchor) sizes_[anchor] = values_ - before;
    }
};

// Throws TooBig when `yaml` is beyond the limits above, and YAML::ParserException when it is not YAML.
void check_bounds(const std::string& yaml) {
    if (yaml.size() > max_config_bytes)
        throw TooBig{YAML::Mark::null_mark(), "the config is larger than 1 MiB",
                     "a config is a few kilobytes; check that this is the right file"};
    std::istringstream in(yaml);
    YAML::Parser parser(in);
    ConfigBounds bounds;
    parser.HandleNextDocument(bounds);
}

}  // namespace

AnalysisConfig parse_analysis(const std::string& name, const std::string& yaml, const std::string& folder) {
    Reader r{name, {}};
    YAML::Node root;
    try {
        check_bounds(yaml);
        root = YAML::Load(yaml);
    } catch (const TooBig& e) {
        throw InputError(Diagnostic{name, e.mark.line + 1, e.mark.column + 1, e.message, e.fix});
    } catch (const YAML::ParserException& e) {
        throw InputError(Diagnostic{name, e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + e.msg,
                                    tab_indented(yaml, e.mark.line) ? "indent with spaces, as YAML does not allow tabs"
                                                                    : "check the indentation and quoting on this line"});
    }
    try {
        return read_config(r, root, folder);
    } catch (const YAML::Exception& e) {  // a value none of the checks above expected, such as a list used as a key
        throw InputError(Diagnostic{name, e.mark.line + 1, e.mark.column + 1, "cannot read this value (" + e.msg + ")",
                                    "compare it with the example config in examples/district/config.yaml"});
    }
}

AnalysisConfig load_analysis(const std::string& path) {
    // An ifstream opens a folder and reads nothing, which would look like an empty config.
    if (std::filesystem::is_directory(path))
        throw InputError(Diagnostic{path, 0, 0, "this is a folder, not a config file",
                                    "give the config file in it, such as " + (std::filesystem::path(path) / "config.yaml").string()});
    if (!std::filesystem::exists(path)) throw InputError(Diagnostic{path, 0, 0, "cannot open the config file", "check the path"});
    const std::string text = read_text_file(path, max_config_bytes);
    const std::string folder = std::filesystem::path(path).parent_path().string();
    return parse_analysis(path, text, folder.empty() ? "." : folder);
}

DistrictSources district_sources(const AnalysisConfig& config) {
    DistrictSources out{.file = config.file, .people = config.people, .ties = config.ties, .tie_files = config.tie_files,
                        .schools = config.schools,
                        .network_file = config.network_file, .directed_given = config.directed_given,
                        .network = config.network, .drop_self_ties = config.drop_self_ties, .participation = {}};
    for (const Participation& p : config.participation) out.participation.push_back(p.column);
    return out;
}

District load_district(const AnalysisConfig& config) { return load_district(district_sources(config)); }

std::vector<District> load_waves(const AnalysisConfig& config, const std::vector<std::string>& waves) {
    return load_waves(district_sources(config), waves);
}

PeopleTable load_people(const AnalysisConfig& config) { return load_people(district_sources(config)); }

TieTable load_ties(const AnalysisConfig& config, const PeopleTable& people, std::vector<TieType>& types) {
    return load_ties(district_sources(config), people, types);
}

}  // namespace staffnet
