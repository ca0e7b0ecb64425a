#pragma once
// Progress reports from long computations, for the caller's progress bar: the engine never prints.
#include <cstddef>
#include <functional>

namespace staffnet {

/// Told that `done` of `total` units of a computation (searches, permutations) are finished.
/// Engine functions call it from one thread at a time and never with an empty function; it must
/// not affect any result.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

}  // namespace staffnet
