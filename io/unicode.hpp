#pragma once
// Unicode through ICU: which characters print as nothing, and the form ids are compared in.
#include <string>

namespace staffnet {

/// True for a character that prints as nothing or reorders the text around it: format
/// characters (Unicode category Cf: zero-width spaces and joiners, bidirectional controls such as
/// U+202E, the byte-order mark, soft hyphen) and the line and paragraph separators U+2028/U+2029.
bool invisible(char32_t code);

/// The form two ids are compared in: NFC (so é composed and é decomposed are one), without
/// invisible characters, and without spaces (any Unicode white space) at either end. `text` must
/// be UTF-8. Two ids with the same key look the same on screen and on paper.
std::string comparison_key(const std::string& text);

/// What makes `a` and `b` differ when their comparison keys are equal: "spaces at either end",
/// "an invisible or direction-control character" or "Unicode normalisation (an accent composed in
/// one, a separate combining mark in the other)".
std::string lookalike_reason(const std::string& a, const std::string& b);

}  // namespace staffnet
