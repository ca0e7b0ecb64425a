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

void write_atomically(const std::string& path, const std::string& content) {
    const fs::path target(path);
    const fs::path temp = target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + temp.string());
    const bool written = std::fwrite(content.data(), 1, content.size(), f) == content.size() && std::fflush(f) == 0 &&
                         ::fsync(::fileno(f)) == 0;
    if (std::fclose(f) != 0 || !written) {
        fs::remove(temp);
        throw std::runtime_error("cannot write " + path + " (is the disk full?)");
    }
    std::error_code error;
    fs::rename(temp, target, error);
    if (error) {
        fs::remove(temp);  // leave no half-finished file behind
        throw std::runtime_error("cannot write " + path + " (" + error.message() + ")");
    }
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
    }
    fs::create_directories(dir);
    write_atomically(marker.string(), "This folder was written by staffnet; it may replace the files here.\n");
    for (const auto& [name, content] : outputs.files) {
        fs::create_directories((dir / name).parent_path());
        write_atomically((dir / name).string(), content);
    }
}

}  // namespace staffnet
