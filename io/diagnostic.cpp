#include "io/diagnostic.hpp"

#include <algorithm>
#include <cctype>

namespace staffnet {

std::string format(const Diagnostic& d) {
    std::string out = d.file;
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about ":" + std::to_string(...).
    if (d.line > 0) out.append(":").append(std::to_string(d.line));
    if (d.line > 0 && d.column > 0) out.append(":").append(std::to_string(d.column));
    out += d.warning ? ": warning: " : ": error: ";
    out += d.message;
    if (!d.fix.empty()) out += "; " + d.fix;
    return out;
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const Diagnostic& d : ds) out.append(out.empty() ? "" : "\n").append(format(d));
    return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

bool DiagnosticList::has_errors() const {
    return std::any_of(items.begin(), items.end(), [](const Diagnostic& d) { return !d.warning; });
}

std::vector<Diagnostic> DiagnosticList::check() const {
    std::vector<Diagnostic> errors, warnings;
    for (const Diagnostic& d : items) (d.warning ? warnings : errors).push_back(d);
    if (!errors.empty()) throw InputError(errors);
    return warnings;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}
}  // namespace

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        // Short words need most of their letters right: 'P99' is not a typo of 'P1'.
        if (d < best_distance && 2 * d <= word.size()) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string c = closest(word, candidates);
    return c.empty() ? "" : " (did you mean '" + c + "'?)";
}

}  // namespace staffnet
