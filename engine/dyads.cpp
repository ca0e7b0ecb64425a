#include "engine/dyads.hpp"

#include "engine/brokerage.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>

namespace staffnet {
namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<int> digits(std::string_view s) {
    int value = 0;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (error != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return value;
}

std::optional<double> iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const auto y = digits(s.substr(0, 4)), m = digits(s.substr(5, 2)), d = digits(s.substr(8, 2));
    if (!y || !m || !d || *m < 1 || *d < 1) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(unsigned(*m)),
                                           std::chrono::day(unsigned(*d))};
    if (!date.ok()) return std::nullopt;
    return double(std::chrono::sys_days(date).time_since_epoch().count());
}

}  // namespace

DyadMatrix tie_matrix(const Network& net, const TieMatrixOptions& options) {
    DyadMatrix m = DyadMatrix::Zero(Eigen::Index(net.size()), Eigen::Index(net.size()));
    // An undirected tie is stored as an arc each way, so this fills both triangles.
    for (auto e : boost::make_iterator_range(boost::edges(net.graph)))
        m(boost::source(e, net.graph), boost::target(e, net.graph)) = options.valued ? net.weight(e) : 1.0;
    return m;
}

DyadMatrix same_matrix(const Network& net, const std::string& attribute) {
    const std::vector<std::string> labels = group_labels(net, attribute);
    const bool blank_is_group = attribute == "school";
    const auto n = Eigen::Index(net.size());
    DyadMatrix m(n, n);
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i) {
            const bool unknown = !blank_is_group && (labels[i].empty() || labels[j].empty());
            m(i, j) = unknown ? missing : labels[i] == labels[j] ? 1.0 : 0.0;
        }
    return m;
}

DyadMatrix difference_matrix(const Network& net, const std::string& attribute) {
    const std::vector<std::string> labels = group_labels(net, attribute);
    std::vector<double> value(labels.size());
    for (std::size_t v = 0; v < labels.size(); ++v) value[v] = numeric_value(labels[v]).value_or(missing);
    const auto n = Eigen::Index(net.size());
    DyadMatrix m(n, n);
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i) m(i, j) = std::abs(value[i] - value[j]);  // NaN stays NaN
    return m;
}

std::optional<double> numeric_value(const std::string& text) {
    const std::string_view s = trimmed(text);
    if (s.empty()) return std::nullopt;
    double value = 0;
    const char* first = s.data() + (s.front() == '+' ? 1 : 0);  // from_chars takes no leading '+'
    const auto [end, error] = std::from_chars(first, s.data() + s.size(), value);
    if (error == std::errc{} && end == s.data() + s.size()) return std::isfinite(value) ? std::optional(value) : std::nullopt;
    return iso_date(s);
}

std::size_t missing_dyads(const DyadMatrix& m) {
    std::size_t count = 0;
    for (Eigen::Index j = 0; j < m.cols(); ++j)
        for (Eigen::Index i = 0; i < m.rows(); ++i) count += i != j && std::isnan(m(i, j));
    return count;
}

}  // namespace staffnet
