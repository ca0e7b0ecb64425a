#include "io/output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace staffnet {
namespace fs = std::filesystem;

std::string number_cell(double x) {
    if (std::isnan(x)) return "";
    if (x == 0.0) return "0";  // also turns -0 into 0
    return fmt::format("{}", x);
}

std::string text_cell(const std::string& text) {
    std::string value = text;
    // Spreadsheets run a cell as a formula when it starts with one of these, some after spaces.
    if (const auto first = value.find_first_not_of(' ');
        first != std::string::npos && std::string("=+-@\t\r").find(value[first]) != std::string::npos)
        value.insert(value.begin(), '\'');
    // Quoted when it holds a comma, a quote or a line break (RFC 4180), and also a semicolon or a
    // tab: spreadsheets in many locales split on those, which could start a cell mid-value.
    if (value.find_first_of(",;\t\"\n\r") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string csv_lines(const std::vector<std::vector<std::string>>& rows) {
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) out += ',';
            out += row[i];
        }
        out += '\n';
    }
    return out;
}

namespace {

fs::path temp_beside(const fs::path& target) {
    return target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
}

// Writes `content` to `temp` and flushes it to disk; removes it and throws on failure.
void write_temp(const fs::path& temp, const std::string& target, const std::string& content) {
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + temp.string());
    const bool written = std::fwrite(content.data(), 1, content.size(), f) == content.size() && std::fflush(f) == 0 &&
                         ::fsync(::fileno(f)) == 0;
    if (std::fclose(f) != 0 || !written) {
        fs::remove(temp);
        throw std::runtime_error("cannot write " + target + " (is the disk full?)");
    }
}

void rename_over(const fs::path& temp, const fs::path& target) {
    std::error_code error;
    fs::rename(temp, target, error);
    if (error) {
        fs::remove(temp);  // leave no half-finished file behind
        throw std::runtime_error("cannot write " + target.string() + " (" + error.message() + ")");
    }
}

}  // namespace

void write_atomically(const std::string& path, const std::string& content) {
    const fs::path temp = temp_beside(path);
    write_temp(temp, path, content);
    rename_over(temp, path);
}

void commit(const OutputSet& outputs, const std::string& folder, const WriteOptions& options) {
    const fs::path dir(folder.empty() ? "." : folder);
    const fs::path marker = dir / ".staffnet";
    if (fs::exists(dir)) {
        if (!fs::is_directory(dir)) throw std::runtime_error("output folder " + dir.string() + " is a file; choose another --out");
        const bool empty = fs::is_empty(dir);
        if (!empty && !fs::exists(marker) && !options.force)
            throw std::runtime_error("output folder " + dir.string() +
                                     " already holds files that staffnet did not write; choose an empty or new --out, or add --force");
    }
    for (const auto& [name, content] : outputs.files) {
        // Names come from staffnet, some from ids in the data (diagrams/schools/<id>.svg): each must
        // stay inside the folder and be a name the file system takes.
        const fs::path relative = fs::path(name).lexically_normal();
        if (relative.is_absolute() || relative.empty() || *relative.begin() == "..")
            throw std::runtime_error("refusing to write " + name + " outside the output folder " + dir.string());
        for (const fs::path& part : relative)
            if (part.string().size() > 255) throw std::runtime_error("refusing to write " + name + ": a file name is longer than 255 bytes");
        const fs::path out = dir / name;
        for (const std::string& input : options.inputs)
            if (fs::exists(input) && fs::exists(out) && fs::equivalent(input, out))
                throw std::runtime_error("refusing to overwrite the input file " + input + "; choose another --out");
        if (fs::is_directory(out)) throw std::runtime_error("cannot write " + out.string() + ": it is a folder; choose another --out");
    }
    // Every file goes to a temporary file first; only when all of them are on disk are they
    // renamed into place, so a failure part-way (a full disk, a path that cannot be created)
    // leaves every earlier output as it was.
    std::vector<std::pair<fs::path, fs::path>> staged;  // (temporary, target)
    try {
        fs::create_directories(dir);
        for (const auto& [name, content] : outputs.files) {
            const fs::path out = dir / name;
            std::error_code error;
            fs::create_directories(out.parent_path(), error);
            if (error) throw std::runtime_error("cannot write " + out.string() + " (" + error.message() + ")");
            staged.emplace_back(temp_beside(out), out);
            write_temp(staged.back().first, out.string(), content);
        }
    } catch (...) {
        std::error_code ignored;
        for (const auto& [temp, target] : staged) fs::remove(temp, ignored);
        throw;
    }
    write_atomically(marker.string(), "This folder was written by staffnet; it may replace the files here.\n");
    for (const auto& [temp, target] : staged) rename_over(temp, target);
}

}  // namespace staffnet
