#include "io/output.hpp"

#include "io/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <stdexcept>
#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc 2.28, with _GNU_SOURCE)
#include <sys/file.h>
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

namespace {

const char* const marker_name = ".staffnet";
const char* const marker_text = "This folder was written by staffnet; it may replace the files here.\n";
const char* const marker_list = "Files of the last run (the next run replaces them; it keeps any other file):\n";

// One name per line in the marker: a backslash and a line break inside a name are escaped.
std::string escape_line(const std::string& name) {
    std::string out;
    for (char c : name) out += c == '\\' ? "\\\\" : c == '\n' ? "\\n" : std::string(1, c);
    return out;
}

std::string unescape_line(const std::string& line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) {
            out += line[i + 1] == 'n' ? '\n' : line[i + 1];
            ++i;
        } else {
            out += line[i];
        }
    }
    return out;
}

// The names the marker lists as staffnet's own; `listed` is false for a marker without a list
// (written before markers listed files) or no marker at all.
std::set<std::string> listed_outputs(const fs::path& dir, bool& listed) {
    std::set<std::string> names;
    listed = false;
    std::ifstream in(dir / marker_name, std::ios::binary);
    std::string line;
    bool in_list = false;
    while (std::getline(in, line)) {
        if (in_list) names.insert(unescape_line(line));
        else if (line + "\n" == marker_list) in_list = listed = true;
    }
    return names;
}

std::string marker_content(const OutputSet& outputs) {
    std::string text = std::string(marker_text) + marker_list;
    for (const auto& [name, content] : outputs.files) text += escape_line(fs::path(name).lexically_normal().string()) + "\n";
    return text;
}

void sync_dir(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    ::fsync(fd);  // best effort: some file systems refuse fsync on a folder
    ::close(fd);
}

// Holds an exclusive flock on a folder (the output folder's parent) while a commit or a clean-up
// runs, so two runs into the same place never remove each other's staging folders.
class FolderLock {
public:
    explicit FolderLock(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY)) {
        if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    ~FolderLock() {
        if (fd_ >= 0) ::close(fd_);  // closing releases the lock
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int fd_;
};

// The output folder as an absolute path without a trailing separator ("." and "out/" included);
// a symbolic link to a folder is followed, so that the link is never replaced by a folder.
fs::path absolute_folder(const std::string& folder) {
    fs::path dir = fs::absolute(folder.empty() ? "." : folder).lexically_normal();
    if (dir.filename().empty() && dir.has_parent_path() && dir != dir.root_path()) dir = dir.parent_path();
    std::error_code error;
    if (fs::is_symlink(dir, error))
        if (const fs::path target = fs::canonical(dir, error); !error) dir = target;
    return dir;
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.compare(0, prefix.size(), prefix) == 0; }

std::string stage_prefix(const fs::path& dir) { return "." + dir.filename().string() + ".staffnet-stage-"; }
std::string aside_prefix(const fs::path& dir) { return "." + dir.filename().string() + ".staffnet-old-"; }
const std::string inner_stage = ".staffnet-stage-";
const std::string inner_old = ".staffnet-old-";

// The journal of a file-by-file commit: one line per name, 'n' (new, no old file), 'r' (replaces
// an old file) or 'd' (an old output the new set drops), and 'D' for each folder it creates.
struct JournalEntry {
    char kind;
    std::string name;
};

std::vector<JournalEntry> read_journal(const fs::path& file) {
    std::vector<JournalEntry> entries;
    std::ifstream in(file, std::ios::binary);
    std::string line;
    while (std::getline(in, line))
        if (line.size() > 2) entries.push_back({line[0], unescape_line(line.substr(2))});
    return entries;
}

// Undoes a file-by-file commit from its journal: every moved old file back in place, every new
// file that had none removed, every created folder removed when empty. Then removes both folders.
void roll_back(const fs::path& dir, const fs::path& stage, const fs::path& old) {
    std::error_code ignored;
    const std::vector<JournalEntry> journal = read_journal(old / "journal");
    for (const JournalEntry& e : journal) {
        const fs::path target = dir / e.name, saved = old / "files" / e.name;
        if ((e.kind == 'r' || e.kind == 'd') && fs::exists(fs::symlink_status(saved, ignored))) fs::rename(saved, target, ignored);
        else if (e.kind == 'n' && !fs::exists(fs::symlink_status(stage / e.name, ignored))) fs::remove(target, ignored);
    }
    for (const JournalEntry& e : journal)  // each file's new folders are listed deepest first
        if (e.kind == 'D') fs::remove(dir / e.name, ignored);  // removes only an empty folder
    sync_dir(dir);
    fs::remove_all(stage, ignored);
    fs::remove_all(old, ignored);
}

// Removes what an earlier run that failed or was killed left: staging folders beside and inside
// the output folder, an old folder put aside (moved back if the folder itself is missing), and a
// file-by-file commit's journal (rolled back). The caller holds the parent's lock.
void remove_debris(const fs::path& dir) {
    std::error_code error;
    const fs::path parent = dir.parent_path();
    std::vector<fs::path> beside;
    for (fs::directory_iterator it(parent, error), end; !error && it != end; it.increment(error)) beside.push_back(it->path());
    for (const fs::path& p : beside) {
        const std::string name = p.filename().string();
        std::error_code ignored;
        if (starts_with(name, stage_prefix(dir))) {
            fs::remove_all(p, ignored);
        } else if (starts_with(name, aside_prefix(dir))) {
            if (!fs::exists(fs::symlink_status(dir, ignored))) fs::rename(p, dir, ignored);  // killed between the two renames
            else fs::remove_all(p, ignored);
        }
    }
    if (!fs::is_directory(fs::symlink_status(dir, error))) return;
    std::vector<fs::path> inside;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) inside.push_back(it->path());
    for (const fs::path& p : inside) {
        const std::string name = p.filename().string();
        if (starts_with(name, inner_old)) roll_back(dir, dir / (inner_stage + name.substr(inner_old.size())), p);
    }
    for (const fs::path& p : inside) {
        std::error_code ignored;
        if (starts_with(p.filename().string(), inner_stage)) fs::remove_all(p, ignored);
    }
}

// Writes `content` to `path` and flushes it to disk; throws "cannot write <shown>" on failure.
void write_file(const fs::path& path, const std::string& shown, const std::string& content) {
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error) throw std::runtime_error("cannot write " + shown + " (" + error.message() + ")");
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + shown + " (" + std::strerror(errno) + ")");
    const bool written = std::fwrite(content.data(), 1, content.size(), f) == content.size() && std::fflush(f) == 0 &&
                         ::fsync(::fileno(f)) == 0;
    if (std::fclose(f) != 0 || !written) throw std::runtime_error("cannot write " + shown + " (is the disk full?)");
}

void step(const WriteOptions& options, const std::string& name) {
    if (options.fault) options.fault(name);
}

// Every file and folder under `dir` (not following links), as paths relative to it.
std::vector<std::pair<std::string, bool>> tree(const fs::path& dir) {
    std::vector<std::pair<std::string, bool>> entries;  // (relative path, is a folder)
    std::error_code error;
    for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
        entries.emplace_back(fs::relative(it->path(), dir).string(), it->is_directory() && !it->is_symlink());
    return entries;
}

bool is_input(const fs::path& path, const std::vector<std::string>& inputs) {
    std::error_code error;
    for (const std::string& input : inputs)
        if (!input.empty() && fs::equivalent(input, path, error)) return true;
    return false;
}

// Whether the whole folder may be replaced: everything in it is an output the last run listed
// (or the marker), and none of it is an input.
bool replaceable(const fs::path& dir, const WriteOptions& options) {
    std::error_code error;
    if (fs::equivalent(dir, fs::current_path(error), error)) return false;  // a shell may be in it
    if (::access(dir.c_str(), W_OK | X_OK) != 0) return false;              // made read-only: not ours to replace
    bool listed = false;
    const std::set<std::string> own = listed_outputs(dir, listed);
    const auto entries = tree(dir);
    if (!listed && !entries.empty()) return false;
    std::set<std::string> folders;
    for (const std::string& name : own)
        for (fs::path p = fs::path(name).parent_path(); !p.empty(); p = p.parent_path()) folders.insert(p.string());
    for (const auto& [name, is_folder] : entries) {
        if (is_folder ? !folders.count(name) : name != marker_name && !own.count(name)) return false;
        if (!is_folder && is_input(dir / name, options.inputs)) return false;
    }
    return true;
}

// renameat2 with `flags`; false (errno set) when it fails.
bool rename2(const fs::path& from, const fs::path& to, unsigned flags) {
    return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags) == 0;
}

// The first way: the new set staged beside the folder, which then takes the folder's place.
// Returns false, having changed nothing, when the folder cannot be replaced as a whole (it is a
// mount point, or its parent is not writable); throws when writing fails.
bool commit_by_swap(const OutputSet& outputs, const fs::path& dir, const WriteOptions& options) {
    const fs::path parent = dir.parent_path();
    const std::string suffix = std::to_string(::getpid());
    const fs::path stage = parent / (stage_prefix(dir) + suffix);
    std::error_code error;
    fs::create_directories(parent, error);
    if (::access(parent.c_str(), W_OK | X_OK) != 0 || !fs::create_directory(stage, error) || error) return false;
    const bool existed = fs::exists(dir);
    try {
        for (const auto& [name, content] : outputs.files) {
            step(options, "stage " + name);
            write_file(stage / name, (dir / name).string(), content);
        }
        step(options, std::string("stage ") + marker_name);
        write_file(stage / marker_name, (dir / marker_name).string(), marker_content(outputs));
        for (const auto& [name, is_folder] : tree(stage))
            if (is_folder) sync_dir(stage / name);
        sync_dir(stage);
        if (!existed) {
            step(options, "rename into place");
            if (!rename2(stage, dir, RENAME_NOREPLACE)) {
                const bool unsupported = errno == EINVAL || errno == ENOSYS;
                if (!unsupported || ::rename(stage.c_str(), dir.c_str()) != 0)
                    throw std::runtime_error("cannot create " + dir.string() + " (" + std::strerror(errno) + ")");
            }
        } else {
            fs::permissions(stage, fs::status(dir).permissions());  // keep the folder's sharing
            step(options, "swap");
            if (!rename2(stage, dir, RENAME_EXCHANGE)) {
                if (errno == EBUSY || errno == EXDEV || errno == EPERM || errno == EACCES) {  // a mount point, or not ours to move
                    fs::remove_all(stage, error);
                    return false;
                }
                if (errno != EINVAL && errno != ENOSYS) throw std::runtime_error("cannot replace " + dir.string() + " (" + std::strerror(errno) + ")");
                // No atomic exchange on this file system: the old folder aside, then the new one in
                // its place. A kill between the two is undone by the next run (remove_debris).
                const fs::path aside = parent / (aside_prefix(dir) + suffix);
                step(options, "rename aside");
                if (::rename(dir.c_str(), aside.c_str()) != 0)
                    throw std::runtime_error("cannot replace " + dir.string() + " (" + std::strerror(errno) + ")");
                try {
                    step(options, "rename into place");
                    if (::rename(stage.c_str(), dir.c_str()) != 0)
                        throw std::runtime_error("cannot replace " + dir.string() + " (" + std::strerror(errno) + ")");
                } catch (...) {
                    fs::rename(aside, dir, error);
                    throw;
                }
                fs::rename(aside, stage, error);  // the old set, removed below
            }
        }
    } catch (...) {
        fs::remove_all(stage, error);
        throw;
    }
    sync_dir(parent);
    fs::remove_all(stage, error);  // now the old folder; what is left is removed by the next run
    return true;
}

// The second way, for a folder that holds files staffnet must keep: file by file, with a journal.
void commit_by_file(const OutputSet& outputs, const fs::path& dir, const WriteOptions& options) {
    const std::string suffix = std::to_string(::getpid());
    const fs::path stage = dir / (inner_stage + suffix), old = dir / (inner_old + suffix);
    std::error_code error;
    fs::create_directories(dir, error);
    if (error) throw std::runtime_error("cannot create " + dir.string() + " (" + error.message() + ")");
    bool listed = false;
    const std::set<std::string> own = listed_outputs(dir, listed);
    std::vector<std::string> names;
    for (const auto& [name, content] : outputs.files) names.push_back(fs::path(name).lexically_normal().string());
    names.push_back(marker_name);
    std::string journal;
    std::set<std::string> created;
    for (const std::string& name : names) {
        for (fs::path p = fs::path(name).parent_path(); !p.empty(); p = p.parent_path())
            if (!fs::exists(dir / p) && created.insert(p.string()).second) journal += "D " + escape_line(p.string()) + "\n";
        journal += (fs::exists(fs::symlink_status(dir / name, error)) ? "r " : "n ") + escape_line(name) + "\n";
    }
    std::vector<std::string> dropped;  // outputs of the last run that the new set does not have
    for (const std::string& name : own)
        if (std::find(names.begin(), names.end(), name) == names.end() && fs::is_regular_file(fs::symlink_status(dir / name, error)) &&
            !is_input(dir / name, options.inputs)) {
            dropped.push_back(name);
            journal += "d " + escape_line(name) + "\n";
        }
    try {
        for (const auto& [name, content] : outputs.files) {
            step(options, "stage " + name);
            write_file(stage / name, (dir / name).string(), content);
        }
        step(options, std::string("stage ") + marker_name);
        write_file(stage / marker_name, (dir / marker_name).string(), marker_content(outputs));
        step(options, "journal");
        write_file(old / "journal.tmp", (old / "journal").string(), journal);
        fs::rename(old / "journal.tmp", old / "journal");
        sync_dir(old);
        const auto move = [&](const fs::path& from, const fs::path& to, const std::string& shown) {
            fs::create_directories(to.parent_path(), error);
            if (!error) fs::rename(from, to, error);
            if (error) throw std::runtime_error("cannot write " + shown + " (" + error.message() + ")");
        };
        for (const std::string& name : names) {
            if (fs::exists(fs::symlink_status(dir / name, error))) {
                step(options, "move aside " + name);
                move(dir / name, old / "files" / name, (dir / name).string());
            }
            step(options, "move " + name);
            move(stage / name, dir / name, (dir / name).string());
        }
        for (const std::string& name : dropped) {
            step(options, "move aside " + name);
            move(dir / name, old / "files" / name, (dir / name).string());
        }
        sync_dir(dir);
        step(options, "remove journal");
        if (!fs::remove(old / "journal", error) || error) throw std::runtime_error("cannot write " + dir.string() + " (" + error.message() + ")");
    } catch (...) {
        roll_back(dir, stage, old);
        throw;
    }
    // Committed: the journal is gone, so what follows only tidies up, including the folders that
    // held only outputs of the last run (diagrams/schools/ when no school is drawn any more).
    fs::remove_all(stage, error);
    fs::remove_all(old, error);
    for (const std::string& name : dropped)
        for (fs::path p = fs::path(name).parent_path(); !p.empty() && fs::remove(dir / p, error); p = p.parent_path()) {
        }
}

std::string plain_path(const fs::path& p) { return "'" + printable(p.string(), 300) + "'"; }

}  // namespace

void check_output_folder(const std::string& folder, bool force) {
    const auto refuse = [&](const std::string& what, const std::string& fix) {
        throw InputError(Diagnostic{"--out", 0, 0, "the output folder " + plain_path(folder.empty() ? "." : folder) + " " + what, fix});
    };
    if (folder.size() >= PATH_MAX) refuse("is too long (" + std::to_string(folder.size()) + " bytes)", "choose a shorter --out");
    for (const fs::path& part : fs::path(folder))
        if (part.string().size() > NAME_MAX) refuse("has a name longer than 255 bytes", "choose a shorter --out");
    const fs::path dir = absolute_folder(folder);
    std::error_code error;
    const fs::file_status status = fs::status(dir, error);
    if (error && error.value() == ELOOP) refuse("is a loop of symbolic links", "choose another --out");
    if (error && error.value() == ENAMETOOLONG) refuse("is too long", "choose a shorter --out");
    if (error && error.value() == ENOTDIR) refuse("is inside a file, not a folder", "choose another --out");
    if (error && error.value() == EACCES) refuse("cannot be reached (permission denied)", "choose another --out");
    if (fs::exists(status)) {
        if (!fs::is_directory(status)) refuse("is a file", "choose another --out");
        if (::access(dir.c_str(), W_OK | X_OK) != 0) refuse("is not writable", "choose another --out, or make it writable");
    } else {
        fs::path existing = dir.parent_path();
        while (!existing.empty() && !fs::exists(existing, error) && existing != existing.root_path()) existing = existing.parent_path();
        if (!fs::is_directory(existing, error)) refuse("is inside a file, not a folder", "choose another --out");
        if (::access(existing.c_str(), W_OK | X_OK) != 0)
            refuse("cannot be created: " + plain_path(existing) + " is not writable", "choose another --out");
    }
    if (dir.has_parent_path() && dir != dir.root_path()) {
        FolderLock lock(dir.parent_path());
        remove_debris(dir);
    }
    if (fs::is_directory(dir, error) && !fs::is_empty(dir, error) && !fs::exists(dir / marker_name, error) && !force)
        throw std::runtime_error("output folder " + (folder.empty() ? std::string(".") : folder) +
                                 " already holds files that staffnet did not write; choose an empty or new --out, or add --force");
}

void commit(const OutputSet& outputs, const std::string& folder, const WriteOptions& options) {
    const fs::path shown(folder.empty() ? "." : folder);
    const fs::path dir = absolute_folder(folder);
    if (fs::exists(dir)) {
        if (!fs::is_directory(dir)) throw std::runtime_error("output folder " + shown.string() + " is a file; choose another --out");
        const bool empty = fs::is_empty(dir);
        if (!empty && !fs::exists(dir / marker_name) && !options.force)
            throw std::runtime_error("output folder " + shown.string() +
                                     " already holds files that staffnet did not write; choose an empty or new --out, or add --force");
    }
    for (const auto& [name, content] : outputs.files) {
        // Names come from staffnet, some from ids in the data (diagrams/schools/<id>.svg): each must
        // stay inside the folder and be a name the file system takes.
        const fs::path relative = fs::path(name).lexically_normal();
        if (relative.is_absolute() || relative.empty() || *relative.begin() == ".." || relative == marker_name)
            throw std::runtime_error("refusing to write " + name + " outside the output folder " + shown.string());
        for (const fs::path& part : relative)
            if (part.string().size() > 255) throw std::runtime_error("refusing to write " + name + ": a file name is longer than 255 bytes");
        const fs::path out = shown / name;
        for (const std::string& input : options.inputs)
            if (fs::exists(input) && fs::exists(out) && fs::equivalent(input, out))
                throw std::runtime_error("refusing to overwrite the input file " + input + "; choose another --out");
        if (fs::is_directory(out)) throw std::runtime_error("cannot write " + out.string() + ": it is a folder; choose another --out");
    }
    const bool has_parent = dir.has_parent_path() && dir != dir.root_path();
    std::error_code error;
    if (has_parent) fs::create_directories(dir.parent_path(), error);
    std::optional<FolderLock> lock;
    if (has_parent) {
        lock.emplace(dir.parent_path());
        remove_debris(dir);
    }
    // Replaced whole when nothing in it must be kept; file by file (all-or-nothing through a
    // journal) when it holds the user's files, is the working directory or cannot be moved.
    if (has_parent && (!fs::exists(dir) || replaceable(dir, options)) && commit_by_swap(outputs, dir, options)) return;
    commit_by_file(outputs, dir, options);
}

}  // namespace staffnet
