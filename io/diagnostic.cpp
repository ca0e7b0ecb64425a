#include "io/diagnostic.hpp"
#include "io/unicode.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace staffnet {

std::size_t utf8_length(const std::string& text, std::size_t i) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    const unsigned char c = s[i];
    std::size_t extra = 0;
    unsigned min = 0;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) extra = 1, min = 0x80;
    else if ((c & 0xF0) == 0xE0) extra = 2, min = 0x800;
    else if ((c & 0xF8) == 0xF0) extra = 3, min = 0x10000;
    else return 0;
    if (i + extra >= n) return 0;
    unsigned code = c & (0x3Fu >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
        if ((s[i + k] & 0xC0) != 0x80) return 0;
        code = (code << 6) | (s[i + k] & 0x3Fu);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return extra + 1;
}

namespace {

// The code point of the valid UTF-8 sequence of `len` bytes at `i`.
char32_t decode(const std::string& text, std::size_t i, std::size_t len) {
    char32_t code = static_cast<unsigned char>(text[i]) & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k) code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    return code;
}

// `text` one character at a time as printed, escaped as printable() describes.
std::vector<std::string> printed_characters(const std::string& text) {
    static const char* const hex = "0123456789ABCDEF";
    std::vector<std::string> out;
    for (std::size_t i = 0, len = 0; i < text.size(); i += len) {
        const auto c = static_cast<unsigned char>(text[i]);
        len = utf8_length(text, i);
        if (c == '\n' || c == '\r' || c == '\t')
            out.push_back(c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
        else if (len == 0 || c < 0x20 || c == 0x7F)
            out.push_back({'\\', 'x', hex[c >> 4], hex[c & 15]});
        else if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)  // U+0080-U+009F
            out.push_back({'\\', 'u', '0', '0', hex[static_cast<unsigned char>(text[i + 1]) >> 4], hex[text[i + 1] & 15]});
        else if (const char32_t code = len > 1 ? decode(text, i, len) : c; invisible(code))
            out.push_back(fmt::format("\\u{:04X}", static_cast<unsigned>(code)));  // a zero-width or bidi control, shown
        else
            out.push_back(text.substr(i, len));
        len = std::max<std::size_t>(len, 1);
    }
    return out;
}

}  // namespace

std::string printable(const std::string& text, std::size_t max_bytes) {
    // Only the two ends can be shown, so a megabyte-long value costs no more than they do (the
    // seam, where a character may be cut in two, falls in the middle that "..." replaces).
    const std::vector<std::string> chars = printed_characters(
        text.size() > 2 * max_bytes ? text.substr(0, max_bytes) + text.substr(text.size() - max_bytes) : text);
    std::size_t total = 0;
    for (const std::string& c : chars) total += c.size();
    std::size_t head = 0, head_bytes = 0, tail = chars.size(), tail_bytes = 0;
    if (total > max_bytes) {
        while (head_bytes + chars[head].size() <= max_bytes * 2 / 3) head_bytes += chars[head++].size();
        while (head_bytes + tail_bytes + chars[tail - 1].size() + 3 <= max_bytes) tail_bytes += chars[--tail].size();
    } else {
        head = chars.size();
    }
    std::string out;
    for (std::size_t i = 0; i < head; ++i) out += chars[i];
    if (head < tail) out += "...";
    for (std::size_t i = tail; i < chars.size(); ++i) out += chars[i];
    return out;
}

std::string format(const Diagnostic& d) {
    std::string out = printable(d.file);
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about ":" + std::to_string(...).
    if (d.line > 0) out.append(":").append(std::to_string(d.line));
    if (d.line > 0 && d.column > 0) out.append(":").append(std::to_string(d.column));
    out += d.warning ? ": warning: " : ": error: ";
    out += printable(d.message);
    if (!d.fix.empty()) out += "; " + printable(d.fix);
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

void DiagnosticList::error(Diagnostic d) {
    d.warning = false;
    if (errors++ < max_items) items.push_back(std::move(d));
}

void DiagnosticList::warn(Diagnostic d) {
    d.warning = true;
    if (warnings++ < max_items) items.push_back(std::move(d));
}

bool DiagnosticList::has_errors() const { return errors > 0; }

std::vector<Diagnostic> DiagnosticList::check() const {
    const auto count_rest = [](std::vector<Diagnostic>& list, std::size_t given, const std::string& what) {
        if (given <= list.size()) return;
        const std::size_t rest = given - list.size();
        list.push_back({list.back().file, 0, 0,
                        "and at least " + std::to_string(rest) + " more " + what + (rest == 1 ? "" : "s") + " not listed",
                        "correct the ones above and run again", list.back().warning});
    };
    std::vector<Diagnostic> error_list, warning_list;
    for (const Diagnostic& d : items) (d.warning ? warning_list : error_list).push_back(d);
    count_rest(error_list, errors, "error");
    if (!error_list.empty()) throw InputError(error_list);
    count_rest(warning_list, warnings, "warning");
    return warning_list;
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
        // The distance is at least the difference in length: skip what cannot win (a megabyte-long
        // word costs no more than a short one).
        if ((word.size() > c.size() ? word.size() - c.size() : c.size() - word.size()) >= best_distance) continue;
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
