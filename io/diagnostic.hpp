#pragma once
// Where and what: every input problem is reported as file:line:column with a fix.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace staffnet {

struct Diagnostic {
    std::string file;
    int line = 0;         // 1-based, as an editor shows it (the header is line 1); 0 = whole file
    int column = 0;       // 1-based; in CSV files, the field number; 0 = whole line
    std::string message;  // lower-case, no final period, quotes the offending value
    std::string fix;      // what to do about it; may be empty
    bool warning = false;
};

/// "file:line:column: error: message; fix" (line and column left out when 0), always one line of
/// UTF-8: each part goes through printable(), so a value quoted from a hostile file can neither
/// break the line, nor send terminal escapes, nor run to megabytes.
std::string format(const Diagnostic& d);

/// Length of the UTF-8 sequence starting at byte `i` of `text`, or 0 when the bytes there are not
/// UTF-8 (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_length(const std::string& text, std::size_t i);

/// `text` safe to print on one line: line breaks and tabs as \n, \r, \t, other control characters
/// (C0, DEL, C1) and bytes that are not UTF-8 as \xNN; longer than `max_bytes`, its middle is
/// replaced by "..." (about two thirds of the bytes kept from the start, one third from the end).
std::string printable(const std::string& text, std::size_t max_bytes = 500);

/// Thrown by readers once a file has been read through, with every problem found in it.
class InputError : public std::runtime_error {
public:
    explicit InputError(std::vector<Diagnostic> diagnostics);
    explicit InputError(Diagnostic diagnostic) : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// Collects diagnostics while a file is read; `check()` throws if any is an error. Keeps the first
/// max_items errors and warnings and counts the rest, so that a file with a million bad rows costs
/// no more than one with a hundred.
struct DiagnosticList {
    static constexpr std::size_t max_items = 100;  // enough to act on
    std::vector<Diagnostic> items;                   // up to max_items errors and max_items warnings
    std::size_t errors = 0, warnings = 0;            // all given, kept or not
    void error(Diagnostic d);
    void warn(Diagnostic d);
    bool has_errors() const;
    /// Throws InputError with the errors if there are any; returns the warnings otherwise. Either
    /// ends with one line counting those not kept ("and at least 5 more errors"; a reader may stop early).
    std::vector<Diagnostic> check() const;
};

/// The candidate closest to `word` by edit distance, or "" when none is close enough to suggest.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace staffnet
