#pragma once
// Pseudonymised output: stable keyed hashes in place of people's names and ids.
#include "engine/network.hpp"
#include "io/diagnostic.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// "p-" and the first 12 hex digits of HMAC-SHA256(key, id): the same person gets the same
/// pseudonym in every run with the same key, and without the key it cannot be reversed or
/// recomputed from a list of names. The key is never written anywhere.
std::string pseudonym(const std::string& key, const std::string& id);

/// Replaces every person's id and name with their pseudonym (names dropped altogether, left empty,
/// when `drop_names`, the research export). Attribute values that are a person's id or name (a
/// "mentor" column; compared as ids are, and ignoring case) become that person's pseudonym, or
/// are left blank when `drop_names` (a number of up to three digits is never taken for an id: it
/// is far more often a grade or a count). With `drop_names`, free-text attribute columns (more than 12
/// different values, not all numbers or dates) are left out unless named in `safe_attributes`.
/// Schools are kept. Throws std::invalid_argument on an empty key.
void pseudonymize(Network& net, const std::string& key, bool drop_names = false,
                  const std::vector<std::string>& safe_attributes = {});

/// Each message and fix (warnings for stderr) with every person's id and name that stands as
/// whole words replaced by their pseudonym, as in the files. Call it before pseudonymize().
void pseudonymize_messages(std::vector<Diagnostic>& messages, const Network& net, const std::string& key);

}  // namespace staffnet
