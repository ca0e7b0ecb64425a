#include "io/unicode.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace staffnet {

bool invisible(char32_t code) {
    return u_charType(UChar32(code)) == U_FORMAT_CHAR || code == 0x2028 || code == 0x2029;
}

namespace {

icu::UnicodeString without_invisible(const icu::UnicodeString& text) {
    icu::UnicodeString out;
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
        const UChar32 c = text.char32At(i);
        if (!invisible(char32_t(c))) out.append(c);
    }
    return out;
}

icu::UnicodeString trimmed(const icu::UnicodeString& text) {
    int32_t begin = 0, end = text.length();
    while (begin < end && u_isUWhiteSpace(text.char32At(begin))) begin = text.moveIndex32(begin, 1);
    while (end > begin && u_isUWhiteSpace(text.char32At(text.moveIndex32(end, -1)))) end = text.moveIndex32(end, -1);
    return text.tempSubStringBetween(begin, end);
}

icu::UnicodeString nfc(const icu::UnicodeString& text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("cannot load Unicode normalisation data: ") + u_errorName(status));
    icu::UnicodeString out = normalizer->normalize(text, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("cannot normalise text: ") + u_errorName(status));
    return out;
}

std::string utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace

std::string comparison_key(const std::string& text) {
    // Most ids are plain ASCII letters and digits, which are their own key.
    bool plain = !text.empty() && text.front() != ' ' && text.back() != ' ';
    for (const char c : text) plain = plain && c > 0x20 && c < 0x7F;
    if (plain) return text;
    return utf8(trimmed(without_invisible(nfc(icu::UnicodeString::fromUTF8(text)))));
}

std::string lookalike_reason(const std::string& a, const std::string& b) {
    const icu::UnicodeString ua = icu::UnicodeString::fromUTF8(a), ub = icu::UnicodeString::fromUTF8(b);
    if (trimmed(ua) != ua || trimmed(ub) != ub) return "spaces at either end";
    if (without_invisible(ua) != ua || without_invisible(ub) != ub) return "an invisible or direction-control character";
    return "Unicode normalisation (an accent composed in one, a separate combining mark in the other)";
}

}  // namespace staffnet
