#pragma once
// Pseudonymised output: stable keyed hashes in place of people's names and ids.
#include "engine/network.hpp"

#include <string>

namespace staffnet {

/// "p-" and the first 12 hex digits of HMAC-SHA256(key, id): the same person gets the same
/// pseudonym in every run with the same key, and without the key it cannot be reversed or
/// recomputed from a list of names. The key is never written anywhere.
std::string pseudonym(const std::string& key, const std::string& id);

/// Replaces every person's id and name with their pseudonym (names dropped altogether, left empty,
/// when `drop_names`). Attributes and schools are kept. Throws std::invalid_argument on an empty key.
void pseudonymize(Network& net, const std::string& key, bool drop_names = false);

}  // namespace staffnet
