#pragma once
// Progress of a long command's steps on stderr. It never touches the outputs.
#include "engine/progress.hpp"

#include <chrono>
#include <string>

namespace staffnet {

/// A command's steps, one after another. With `bar` (stderr is a terminal) the running step is
/// drawn as a bar redrawn in place, at most ten times a second, and erased when the command ends;
/// it is written straight to file descriptor 2, the terminal. With `log` (--progress) each
/// finished step is written to std::cerr as one line, `staffnet: <step>: 1.2 s`, so a log shows
/// where the time went. With neither, nothing is printed.
class Progress {
public:
    Progress(bool bar, bool log);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// Ends the running step, if any, and starts `name`.
    void step(std::string name);
    /// Ends the running step.
    void finish();
    /// A callback for the engine: the running step has done `done` of `total` units.
    ProgressFn counter();

private:
    void draw(std::size_t done, std::size_t total);
    void erase();

    bool bar_, log_;
    std::string step_;
    std::chrono::steady_clock::time_point started_, drawn_;
    bool visible_ = false;  // a bar is on screen
};

/// Whether stderr is a terminal, where a progress bar can be drawn.
bool stderr_is_terminal();

}  // namespace staffnet
