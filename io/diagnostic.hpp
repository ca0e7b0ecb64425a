#pragma once
// Where and what: every input problem is reported as file:line:column with a fix.
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

/// "file:line:column: error: message; fix" (line and column left out when 0).
std::string format(const Diagnostic& d);

/// Thrown by readers once a file has been read through, with every problem found in it.
class InputError : public std::runtime_error {
public:
    explicit InputError(std::vector<Diagnostic> diagnostics);
    explicit InputError(Diagnostic diagnostic) : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// Collects diagnostics while a file is read; `check()` throws if any is an error.
struct DiagnosticList {
    std::vector<Diagnostic> items;
    void error(Diagnostic d) { items.push_back(std::move(d)); }
    void warn(Diagnostic d) {
        d.warning = true;
        items.push_back(std::move(d));
    }
    bool has_errors() const;
    /// Throws InputError with the errors if there are any; returns the warnings otherwise.
    std::vector<Diagnostic> check() const;
};

/// The candidate closest to `word` by edit distance, or "" when none is close enough to suggest.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace staffnet
