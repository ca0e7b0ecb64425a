// staffnet._core: the engine for Python (pybind11). The module staffnet (python/staffnet/__init__.py)
// turns these plain lists and tuples into pandas tables; everything here runs without the GIL once
// its arguments are converted, on at most `threads` OpenMP threads.
#include "app/analysis.hpp"
#include "app/outputs.hpp"
#include "engine/dyads.hpp"
#include "engine/graph_measures.hpp"
#include "engine/metrics.hpp"
#include "engine/qap.hpp"
#include "io/diagnostic.hpp"
#include "io/graph_formats.hpp"
#include "io/results.hpp"
#include "io/risk_tables.hpp"
#include "io/table.hpp"

#include <fmt/format.h>
#include <omp.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace py = pybind11;
using namespace staffnet;

namespace {

using NetworkPtr = std::shared_ptr<Network>;

/// Runs the engine on `threads` OpenMP threads (all cores when none) and restores the caller's
/// setting afterwards, also when the engine throws.
class ThreadLimit {
public:
    explicit ThreadLimit(std::optional<int> threads) : saved_(omp_get_max_threads()) {
        if (!threads) return;
        if (*threads < 1) throw std::invalid_argument("threads must be 1 or more, got " + std::to_string(*threads));
        omp_set_num_threads(*threads);
    }
    ~ThreadLimit() { omp_set_num_threads(saved_); }
    ThreadLimit(const ThreadLimit&) = delete;
    ThreadLimit& operator=(const ThreadLimit&) = delete;

private:
    int saved_;
};

std::vector<std::string> formatted(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics) out.push_back(format(d));
    return out;
}

py::object position(int x) { return x > 0 ? py::object(py::int_(x)) : py::object(py::none()); }

// A network from a file, the way `staffnet metrics` reads one (people and direction from the file;
// for ties.csv, people.csv beside it or `people`), with the reader's warnings.
std::pair<NetworkPtr, std::vector<std::string>> read_network(const std::string& path, const std::string& from,
                                                             const std::string& people, bool directed, bool weighted,
                                                             bool drop_self_ties) {
    const GraphFormat format = from.empty() ? format_for_path(path) : format_named(from, "format");
    const GraphFile graph = read_graph_file(path, format, {.people = people, .directed = directed});
    PeopleTable table = people_table(graph, false);
    std::vector<TieType> types;
    const TieTable ties = tie_table(graph, table, types, {.require_type = false, .declare_types = true, .drop_self_ties = drop_self_ties});
    std::vector<Diagnostic> warnings = graph.warnings;
    warnings.insert(warnings.end(), table.warnings.begin(), table.warnings.end());
    warnings.insert(warnings.end(), ties.warnings.begin(), ties.warnings.end());
    NetworkOptions options;
    options.directed = graph.directed;
    options.weighted = weighted;
    options.types = types;
    auto net = std::make_shared<Network>(build_network(std::move(table.people), std::move(table.attribute_names), ties.rows, options));
    return {net, formatted(warnings)};
}

// The people and ties given by from_networkx / from_igraph. `type_of[k]` indexes `types`.
struct NetworkInput {
    std::vector<std::string> ids, names, roles, schools;
    std::vector<std::string> attribute_names;
    std::vector<std::vector<std::string>> attributes;  // one row per person
    std::vector<std::size_t> sources, targets, type_of;
    std::vector<double> weights;
    std::vector<std::string> types;
    bool directed = false;
    bool weighted = false;
    bool drop_self_ties = false;
};

std::pair<NetworkPtr, std::vector<std::string>> build(NetworkInput in) {
    const std::size_t n = in.ids.size();
    std::set<std::string> seen;
    for (const std::string& id : in.ids)
        if (!seen.insert(id).second) throw std::invalid_argument("two people have the id '" + id + "'");
    std::vector<Person> people(n);
    for (std::size_t v = 0; v < n; ++v) {
        people[v].id = in.ids[v];
        people[v].name = in.names.at(v);
        people[v].role = in.roles.at(v);
        people[v].school = in.schools.at(v);
        people[v].attributes = in.attributes.at(v);
        if (people[v].attributes.size() != in.attribute_names.size())
            throw std::invalid_argument("person '" + in.ids[v] + "' has the wrong number of attribute values");
    }
    std::vector<std::string> warnings;
    std::vector<TieRow> rows;
    for (std::size_t k = 0; k < in.sources.size(); ++k) {
        const std::size_t s = in.sources[k], t = in.targets.at(k);
        if (s >= n || t >= n) throw std::invalid_argument("a tie names a person who is not in the network");
        const double w = in.weights.at(k);
        if (!(w > 0) || !std::isfinite(w))
            throw std::invalid_argument("the tie " + in.ids[s] + " - " + in.ids[t] + " has weight " + fmt::format("{}", w) +
                                        "; weights must be numbers above 0");
        if (s == t) {
            if (!in.drop_self_ties)
                throw std::invalid_argument("'" + in.ids[s] + "' is tied to themselves; pass drop_self_ties=True to leave such ties out");
            warnings.push_back("left out the tie of '" + in.ids[s] + "' to themselves");
            continue;
        }
        rows.push_back({Vertex(s), Vertex(t), std::uint32_t(in.type_of.at(k)), 0, w});
    }
    NetworkOptions options;
    options.directed = in.directed;
    options.weighted = in.weighted;
    for (const std::string& t : in.types) options.types.push_back({t, 1.0, false, ""});
    py::gil_scoped_release release;
    auto net = std::make_shared<Network>(build_network(std::move(people), std::move(in.attribute_names), std::move(rows), options));
    return {net, warnings};
}

// Metric requests as the config checks them: a known name, its own option keys, values that suit.
std::vector<MetricRequest> metric_requests(const std::vector<std::pair<std::string, std::map<std::string, std::string>>>& asked,
                                           unsigned seed) {
    std::vector<std::string> names;
    for (const Metric& m : metrics()) names.push_back(m.name);
    std::vector<MetricRequest> requests;
    for (const auto& [name, options] : asked) {
        const Metric* metric = find_metric(name);
        if (!metric) throw std::invalid_argument("unknown metric '" + name + "'" + did_you_mean(name, names) + "; staffnet.metric_list() names them all");
        MetricRequest request{name, {}};
        request.options.seed = seed;
        for (const auto& [key, value] : options) {
            const OptionSpec* spec = metric->option(key);
            if (!spec) {
                const std::vector<std::string> keys = metric->option_names();
                std::string valid;
                for (const std::string& o : keys) valid += (valid.empty() ? "" : ", ") + o;
                throw std::invalid_argument("unknown option '" + key + "' of " + name + did_you_mean(key, keys) + "; " +
                                            (valid.empty() ? name + " takes no options" : "its options are " + valid));
            }
            try {
                request.options.values[key] = parse_option(*spec, value);
            } catch (const std::invalid_argument& e) {  // as the config words it
                throw std::invalid_argument(name + " option '" + key + "' is '" + value + "'; it must be " + e.what());
            }
        }
        requests.push_back(std::move(request));
    }
    return requests;
}

std::vector<std::pair<std::string, std::vector<double>>> compute(const NetworkPtr& net, const std::vector<MetricRequest>& requests,
                                                                 std::optional<int> threads) {
    std::vector<std::pair<std::string, std::vector<double>>> out;
    py::gil_scoped_release release;
    const ThreadLimit limit(threads);
    for (MetricColumn& c : compute_metrics(*net, requests)) out.emplace_back(c.metric->column, std::move(c.scores));
    return out;
}

// The tie matrix of the combined network ("all") or of one tie type.
DyadMatrix ties_of(const Network& net, const std::string& type, bool valued) {
    if (type == "all") return tie_matrix(net, {.valued = valued});
    std::vector<std::string> names = {"all"};
    for (std::size_t t = 0; t < net.options.types.size(); ++t) {
        if (net.options.types[t].name == type) return tie_matrix(layer(net, t), {.valued = valued});
        names.push_back(net.options.types[t].name);
    }
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown tie type '" + type + "'" + did_you_mean(type, names) + "; use one of " + list);
}

// "same:school", "diff:age" or "layer:social" as a dyadic variable (as `staffnet qap --predictors`).
DyadicVariable predictor(const Network& net, const std::string& spec, bool valued, std::vector<std::string>& notes) {
    const auto colon = spec.find(':');
    const std::string kind = spec.substr(0, colon), name = colon == std::string::npos ? "" : spec.substr(colon + 1);
    if (colon == std::string::npos || (kind != "same" && kind != "diff" && kind != "layer"))
        throw std::invalid_argument("unknown predictor '" + spec +
                                    "'; write same:ATTRIBUTE, diff:ATTRIBUTE or layer:TYPE, for example same:school");
    if (kind == "layer") return {spec, ties_of(net, name, valued)};
    std::vector<std::string> attributes = {"school", "role"};
    attributes.insert(attributes.end(), net.attribute_names.begin(), net.attribute_names.end());
    if (std::find(attributes.begin(), attributes.end(), name) == attributes.end())
        throw std::invalid_argument("no attribute named '" + name + "'" + did_you_mean(name, attributes) +
                                    "; use school, role or another attribute of the people");
    DyadicVariable v{spec, kind == "same" ? same_matrix(net, name) : difference_matrix(net, name)};
    const std::size_t n = net.size(), missing = missing_dyads(v.values);
    if (n > 1 && missing == n * (n - 1))
        throw std::invalid_argument("'" + spec + "' is missing for every pair of people" +
                                    (kind == "diff" ? "; use a column of numbers or ISO dates (YYYY-MM-DD)" : ""));
    if (missing > 0)
        notes.push_back("'" + spec + "' is missing for " + std::to_string(missing) + " of " + std::to_string(n * (n - 1)) +
                        " pairs (a blank" + (kind == "diff" ? " or non-numeric" : "") + " value); they are left out");
    return v;
}

py::dict p_values(const PValues& p) {
    py::dict d;
    d["p_greater"] = p.greater;
    d["p_less"] = p.less;
    d["p_two_sided"] = p.two_sided;
    return d;
}

py::dict run_qap(const NetworkPtr& net, const std::string& relation, const std::vector<std::string>& specs,
                 const std::string& method, std::size_t permutations, unsigned seed, bool valued, std::optional<int> threads) {
    if (method != "qap" && method != "mrqap") throw std::invalid_argument("method must be 'qap' or 'mrqap', got '" + method + "'");
    if (specs.empty()) throw std::invalid_argument("name at least one predictor, for example predictors=['same:school']");
    std::vector<std::string> notes;
    std::vector<QapCorrelation> correlations;
    std::optional<Mrqap> regression;
    std::vector<std::string> names;
    {
        py::gil_scoped_release release;
        const ThreadLimit limit(threads);
        const QapOptions options{.permutations = permutations, .seed = seed, .threads = threads.value_or(0)};
        const DyadMatrix y = ties_of(*net, relation, valued);
        std::vector<DyadicVariable> xs;
        for (const std::string& spec : specs) xs.push_back(predictor(*net, spec, valued, notes));
        if (method == "mrqap")
            regression = mrqap(y, xs, options);
        else
            for (const DyadicVariable& x : xs) correlations.push_back(qap_correlation(y, x.values, options));
        for (const DyadicVariable& x : xs) names.push_back(x.name);
    }
    py::dict out;
    out["notes"] = notes;
    py::list rows;
    if (regression) {
        for (const QapTerm& t : regression->terms) {
            py::dict r;
            r["term"] = t.name;
            r["estimate"] = t.estimate;
            r["std_error"] = t.std_error;
            r["t"] = t.t;
            for (auto item : p_values(t.p)) r[item.first] = item.second;
            rows.append(r);
        }
        py::dict fit;
        fit["relation"] = relation;
        fit["dyads"] = regression->dyads;
        fit["r_squared"] = regression->r_squared;
        fit["adj_r_squared"] = regression->adj_r_squared;
        fit["f_statistic"] = regression->f_statistic;
        fit["residual_std_error"] = regression->residual_std_error;
        fit["permutations"] = regression->permutations;
        fit["seed"] = seed;
        out["fit"] = fit;
    } else {
        for (std::size_t k = 0; k < correlations.size(); ++k) {
            const QapCorrelation& c = correlations[k];
            py::dict r;
            r["relation"] = relation;
            r["predictor"] = names[k];
            r["correlation"] = c.correlation;
            r["expected"] = c.expected;
            for (auto item : p_values(c.p)) r[item.first] = item.second;
            r["dyads"] = c.dyads;
            r["permutations"] = c.permutations;
            rows.append(r);
        }
    }
    out["rows"] = rows;
    return out;
}

// The combined simple graph's ties: (source, target, weight) vertex indices; an undirected pair once.
py::tuple edges(const Network& net) {
    std::vector<std::size_t> s, t;
    std::vector<double> w;
    for (Vertex u = 0; u < net.size(); ++u)
        net.for_each_out(u, [&](Vertex v, double weight) {
            if (!net.directed() && v < u) return;
            s.push_back(u);
            t.push_back(v);
            w.push_back(weight);
        });
    return py::make_tuple(s, t, w);
}

// One analysis of a config, as `staffnet analyze` runs it (no diagrams): the people table's columns
// as numbers, the other tables as the CSV text of their writers, summary.json as JSON text.
py::dict run_analysis(const std::string& path, std::optional<int> threads) {
    std::vector<std::string> warnings, ids, names, roles, schools;
    std::vector<std::pair<std::string, std::vector<double>>> columns;
    std::map<std::string, std::string> tables;
    std::string summary;
    {
        py::gil_scoped_release release;
        const ThreadLimit limit(threads);
        const AnalysisConfig config = load_analysis(path);
        District loaded = load_district(config);
        warnings = formatted(loaded.warnings);
        const auto district = std::make_shared<const District>(std::move(loaded));
        const Analysis a = analyse(district, config);
        const Network& net = a.network();
        for (const Person& p : net.people) {
            ids.push_back(p.id);
            names.push_back(p.name.get());
            roles.push_back(p.role.get());
            schools.push_back(p.school.get());
        }
        columns = a.people;
        tables["isolation_risk"] = isolation_risk_csv(net, a.people_risk, a.how);
        if (!a.schools().schools.empty()) {
            tables["schools_at_risk"] = schools_at_risk_csv(net, a.schools(), a.school_risk, a.how);
            tables["schools"] = schools_csv(a.schools(), a.school_measures);
            tables["correlations"] = correlations_csv(a.correlations);
            tables["regression"] = regression_csv(a.regressions);
        }
        tables["patterns"] = patterns_csv(a.patterns, a.min_group_size);
        summary = summary_json(a, a.notes).dump();
    }
    py::dict out;
    out["warnings"] = warnings;
    out["people"] = py::make_tuple(ids, names, roles, schools, columns);
    out["tables"] = tables;
    out["summary"] = summary;
    return out;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "staffnet's engine (use the module staffnet)";

    static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const InputError& e) {
            // One line per problem, as the command line prints them; the first one's place as attributes.
            std::string text;
            py::list diagnostics;
            for (const Diagnostic& d : e.diagnostics()) {
                text += (text.empty() ? "" : "\n") + format(d);
                py::dict item;
                item["file"] = d.file;
                item["line"] = position(d.line);
                item["column"] = position(d.column);
                item["message"] = d.message;
                item["fix"] = d.fix;
                diagnostics.append(item);
            }
            py::object error = py::handle(input_error.ptr())(text);  // an instance (its operator() would raise)
            const Diagnostic first = e.diagnostics().empty() ? Diagnostic{} : e.diagnostics().front();
            error.attr("file") = first.file;
            error.attr("line") = position(first.line);
            error.attr("column") = position(first.column);
            error.attr("message") = first.message;
            error.attr("fix") = first.fix;
            error.attr("diagnostics") = diagnostics;
            PyErr_SetObject(input_error.ptr(), error.ptr());
        }
    });

    py::class_<Network, std::shared_ptr<Network>>(m, "Network")
        .def_property_readonly("size", &Network::size)
        .def_property_readonly("directed", &Network::directed)
        .def_property_readonly("weighted", &Network::weighted)
        .def_property_readonly("tie_count", &Network::tie_count)
        .def_property_readonly("ids", [](const Network& n) {
            std::vector<std::string> out;
            for (const Person& p : n.people) out.push_back(p.id);
            return out;
        })
        .def_property_readonly("people", [](const Network& n) {
            // id, name, role, school, then the attributes; blanks are "".
            py::list rows;
            for (const Person& p : n.people) {
                py::list row;
                row.append(p.id);
                row.append(p.name.get());
                row.append(p.role.get());
                row.append(p.school.get());
                for (const std::string& a : p.attributes) row.append(a);
                rows.append(py::tuple(row));
            }
            return rows;
        })
        .def_property_readonly("attribute_names", [](const Network& n) { return n.attribute_names; })
        .def_property_readonly("tie_types", [](const Network& n) {
            std::vector<std::string> out;
            for (const TieType& t : n.options.types) out.push_back(t.name);
            return out;
        })
        .def("edges", &edges);

    m.def("format_of", [](const std::string& path, const std::string& from) {
        return format_name(from.empty() ? format_for_path(path) : format_named(from, "format"));
    });
    m.def("read", &read_network, py::arg("path"), py::arg("format"), py::arg("people"), py::arg("directed"), py::arg("weighted"),
          py::arg("drop_self_ties"), py::call_guard<py::gil_scoped_release>());

    m.def(
        "build",
        [](std::vector<std::string> ids, std::vector<std::string> names, std::vector<std::string> roles, std::vector<std::string> schools,
           std::vector<std::string> attribute_names, std::vector<std::vector<std::string>> attributes, std::vector<std::size_t> sources,
           std::vector<std::size_t> targets, std::vector<double> weights, std::vector<std::size_t> type_of, std::vector<std::string> types,
           bool directed, bool weighted, bool drop_self_ties) {
            return build({std::move(ids), std::move(names), std::move(roles), std::move(schools), std::move(attribute_names),
                          std::move(attributes), std::move(sources), std::move(targets), std::move(type_of), std::move(weights),
                          std::move(types), directed, weighted, drop_self_ties});
        },
        py::arg("ids"), py::arg("names"), py::arg("roles"), py::arg("schools"), py::arg("attribute_names"), py::arg("attributes"),
        py::arg("sources"), py::arg("targets"), py::arg("weights"), py::arg("type_of"), py::arg("types"), py::arg("directed"),
        py::arg("weighted"), py::arg("drop_self_ties"));

    m.def(
        "metrics",
        [](const NetworkPtr& net, const std::vector<std::pair<std::string, std::map<std::string, std::string>>>& asked, unsigned seed,
           std::optional<int> threads) { return compute(net, metric_requests(asked, seed), threads); },
        py::arg("net"), py::arg("requests"), py::arg("seed"), py::arg("threads"));

    m.def("metric_list", [] {
        py::list out;
        for (const Metric& metric : metrics()) out.append(py::make_tuple(metric.name, metric.column, metric.summary, metric.option_names()));
        return out;
    });
    m.def("default_metrics", [] { return default_metrics(); });

    m.def(
        "graph_measures",
        [](const NetworkPtr& net, unsigned seed, std::optional<int> threads) {
            py::gil_scoped_release release;
            const ThreadLimit limit(threads);
            return graph_measures(*net, seed);
        },
        py::arg("net"), py::arg("seed"), py::arg("threads"));

    m.def("analyse", &run_analysis, py::arg("config"), py::arg("threads"));

    m.def("qap", &run_qap, py::arg("net"), py::arg("relation"), py::arg("predictors"), py::arg("method"), py::arg("permutations"),
          py::arg("seed"), py::arg("valued"), py::arg("threads"));
}
