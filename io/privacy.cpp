#include "io/privacy.hpp"

#include "io/unicode.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace staffnet {

std::string pseudonym(const std::string& key, const std::string& id) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(id.data()), id.size(),
              digest, &length))
        throw std::runtime_error("could not compute a pseudonym (OpenSSL HMAC failed)");
    static const char* hex = "0123456789abcdef";
    std::string out = "p-";
    for (unsigned i = 0; i < 6; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

namespace {

// An id or a name as matched against attribute values: as ids are compared, ASCII case ignored.
std::string match_key(const std::string& text) {
    std::string key = comparison_key(text);
    for (char& c : key) c = char(std::tolower(static_cast<unsigned char>(c)));
    return key;
}

bool small_number(const std::string& s) {
    return !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Each person's id and name (match_key) -> their pseudonym.
// Small numbers are left out unless `small_numbers`.
std::unordered_map<std::string, std::string> people_keys(const Network& net, const std::string& key, bool small_numbers = false) {
    std::unordered_map<std::string, std::string> out;
    for (const Person& p : net.people) {
        const std::string alias = pseudonym(key, p.id);
        if (small_numbers || !small_number(match_key(p.id))) out.emplace(match_key(p.id), alias);
        if (!p.name.get().empty()) out.emplace(match_key(p.name.get()), alias);
    }
    out.erase("");
    return out;
}

bool number_or_date(const std::string& s) {
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') return true;
    char* end = nullptr;
    std::strtod(s.c_str(), &end);
    return end && *end == '\0' && !s.empty();
}

// More than 12 different values (the most a pattern probe groups), not all numbers or dates.
bool free_text(const Network& net, std::size_t column) {
    std::set<std::string> values;
    bool all_numbers = true;
    for (const Person& p : net.people) {
        const std::string& v = p.attributes.at(column);
        if (v.empty()) continue;
        values.insert(v);
        all_numbers = all_numbers && number_or_date(v);
    }
    return values.size() > 12 && !all_numbers;
}

bool word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

}  // namespace

void pseudonymize(Network& net, const std::string& key, bool drop_names, const std::vector<std::string>& safe_attributes) {
    if (key.empty()) throw std::invalid_argument("the pseudonymisation key is empty");
    const auto aliases = people_keys(net, key);
    for (Person& p : net.people)
        for (std::string& value : p.attributes)
            if (const auto it = value.empty() ? aliases.end() : aliases.find(match_key(value)); it != aliases.end())
                value = drop_names ? "" : it->second;
    if (drop_names) {
        for (std::size_t c = net.attribute_names.size(); c-- > 0;) {
            const bool safe = std::find(safe_attributes.begin(), safe_attributes.end(), net.attribute_names[c]) != safe_attributes.end();
            if (safe || !free_text(net, c)) continue;
            net.attribute_names.erase(net.attribute_names.begin() + std::ptrdiff_t(c));
            for (Person& p : net.people) p.attributes.erase(p.attributes.begin() + std::ptrdiff_t(c));
        }
    }
    for (Person& p : net.people) {
        p.id = pseudonym(key, p.id);
        p.name = drop_names ? "" : p.id;
    }
}

namespace {

using Aliases = std::unordered_map<std::string, std::string>;

// Whole words that are an id or a name (`aliases`), and anything quoted ('P1') that is one
// (`quoted`, small numbers included: a quoted value is never a count).
std::string replace_people(const std::string& text, const Aliases& aliases, const Aliases& quoted) {
    // Candidate words start and end where a word byte meets a non-word byte; the longest id or name
    // starting at a word start wins. A message has a few dozen words, so the pairs stay few.
    std::vector<std::size_t> starts, ends;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (word_byte(text[i]) && (i == 0 || !word_byte(text[i - 1]))) starts.push_back(i);
        if (word_byte(text[i]) && (i + 1 == text.size() || !word_byte(text[i + 1]))) ends.push_back(i + 1);
    }
    std::string out;
    std::size_t done = 0;
    for (const std::size_t s : starts) {
        if (s < done) continue;
        if (s > 0 && text[s - 1] == '\'') {
            const std::size_t close = text.find('\'', s);
            if (const auto it = close == std::string::npos ? quoted.end() : quoted.find(match_key(text.substr(s, close - s)));
                it != quoted.end()) {
                out.append(text, done, s - done).append(it->second);
                done = close;
                continue;
            }
        }
        for (auto e = ends.rbegin(); e != ends.rend(); ++e) {
            if (*e <= s || *e - s > 1000) continue;
            if (const auto it = aliases.find(match_key(text.substr(s, *e - s))); it != aliases.end()) {
                out.append(text, done, s - done).append(it->second);
                done = *e;
                break;
            }
        }
    }
    return out.append(text, done, std::string::npos);
}

}  // namespace

void pseudonymize_messages(std::vector<Diagnostic>& messages, const Network& net, const std::string& key) {
    if (messages.empty()) return;
    const Aliases aliases = people_keys(net, key), quoted = people_keys(net, key, true);
    for (Diagnostic& d : messages) {
        d.message = replace_people(d.message, aliases, quoted);
        d.fix = replace_people(d.fix, aliases, quoted);
    }
}

}  // namespace staffnet
