#include "cli/progress.hpp"

#include <fmt/format.h>

#include <iostream>
#include <unistd.h>

namespace staffnet {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void write_terminal(const std::string& text) {
    // Straight to the terminal: a bar is not part of what a caller may capture from std::cerr.
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(STDERR_FILENO, text.data() + written, text.size() - written);
        if (n <= 0) return;
        written += std::size_t(n);
    }
}

}  // namespace

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool bar, bool log) : bar_(bar), log_(log) {}

Progress::~Progress() { finish(); }

void Progress::step(std::string name) {
    finish();
    step_ = std::move(name);
    started_ = Clock::now();
    drawn_ = started_;
    if (bar_) draw(0, 0);
}

void Progress::finish() {
    if (step_.empty()) return;
    erase();
    if (log_) std::cerr << fmt::format("staffnet: {}: {:.1f} s\n", step_, seconds_since(started_));
    step_.clear();
}

ProgressFn Progress::counter() {
    if (!bar_) return {};
    return [this](std::size_t done, std::size_t total) {
        const Clock::time_point now = Clock::now();
        if (now - drawn_ < std::chrono::milliseconds(100) && done < total) return;
        drawn_ = now;
        draw(done, total);
    };
}

void Progress::draw(std::size_t done, std::size_t total) {
    const int elapsed = int(seconds_since(started_));
    std::string line = "\r\x1b[K" + fmt::format("staffnet: {} ", step_);
    if (total > 0) {
        constexpr std::size_t width = 30;
        const std::size_t filled = std::min(width, done * width / total);
        line += "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " +
                fmt::format("{:3d}% ", int(100 * done / total));
    }
    line += fmt::format("{}:{:02d}", elapsed / 60, elapsed % 60);
    write_terminal(line);
    visible_ = true;
}

void Progress::erase() {
    if (!visible_) return;
    write_terminal("\r\x1b[K");
    visible_ = false;
}

}  // namespace staffnet
