#include "viz/render.hpp"

#include <fontconfig/fontconfig.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <stdexcept>

namespace staffnet {
namespace {

// cgraph takes char* for names and values it only reads; these keep the casts in one place.
char* c(const std::string& s) { return const_cast<char*>(s.c_str()); }

struct GraphDeleter {
    void operator()(Agraph_t* g) const { agclose(g); }
};

bool is_label(const std::string& key) {
    return key == "label" || key == "xlabel" || key == "headlabel" || key == "taillabel";
}

bool is_tooltip(const std::string& key) {
    return key == "tooltip" || key == "edgetooltip" || key == "labeltooltip" || key == "headtooltip" || key == "tailtooltip";
}

// Sets attributes; label and tooltip texts are escaped so user text is always literal.
void set_all(void* object, const Attributes& attributes) {
    for (const auto& [key, value] : attributes) {
        const std::string text = is_label(key) ? plain_label(value) : is_tooltip(key) ? plain_tooltip(value) : value;
        agsafeset(object, c(key), c(text), c(std::string()));
    }
}

// A colour as given when it is #RRGGBB, #RRGGBBAA or a Graphviz colour name; black otherwise, so a
// configured colour can never break out of an HTML-like label attribute.
std::string safe_colour(const std::string& colour) {
    static const std::regex ok("#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?|[A-Za-z]{1,30}");
    return std::regex_match(colour, ok) ? colour : "black";
}

std::string line_sample(const std::string& style) {
    if (style == "dashed") return "&#8211; &#8211; &#8211;";
    if (style == "dotted") return "&#183; &#183; &#183; &#183; &#183;";
    if (style == "bold") return "<B>&#8212;&#8212;&#8212;</B>";
    return "&#8212;&#8212;&#8212;";
}

std::string legend_cell(const LegendEntry& e, double font_size) {
    const int box = int(font_size);
    const std::string colour = safe_colour(e.colour);
    std::string swatch;
    switch (e.kind) {
        case LegendEntry::Kind::node:
            swatch = fmt::format(R"(<TD BGCOLOR="{}" BORDER="1" COLOR="#333333" WIDTH="{}" HEIGHT="{}" FIXEDSIZE="TRUE"></TD>)", colour, box, box);
            break;
        case LegendEntry::Kind::outline:
            swatch = fmt::format(R"(<TD BGCOLOR="white" BORDER="3" COLOR="{}"{} WIDTH="{}" HEIGHT="{}" FIXEDSIZE="TRUE"></TD>)",
                                 colour, e.style == "dashed" ? R"( STYLE="dashed")" : "", box, box);
            break;
        case LegendEntry::Kind::edge:
            swatch = fmt::format(R"(<TD><FONT COLOR="{}">{}</FONT></TD>)", colour,
                                 line_sample(e.style));
            break;
    }
    return swatch + R"(<TD ALIGN="LEFT">)" + html_label_text(e.text) + "</TD>";
}

// The title and legend as one HTML-like label (the only HTML-like label render() makes; every
// text in it is escaped).
std::string legend_label(const std::string& title, const std::vector<LegendEntry>& legend, double font_size) {
    constexpr std::size_t per_row = 4;
    const std::size_t columns = 2 * std::min(per_row, std::max<std::size_t>(legend.size(), 1));
    std::string html = R"(<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">)";
    if (!title.empty())
        html += fmt::format(R"(<TR><TD COLSPAN="{}" ALIGN="LEFT"><FONT POINT-SIZE="{:.0f}"><B>{}</B></FONT></TD></TR>)", columns,
                            1.3 * font_size, html_label_text(title));
    for (std::size_t i = 0; i < legend.size(); i += per_row) {
        html += "<TR>";
        for (std::size_t j = i; j < std::min(legend.size(), i + per_row); ++j) html += legend_cell(legend[j], font_size);
        html += "</TR>";
    }
    return html + "</TABLE>";
}

bool known_format(const std::string& format) {
    return format == "svg" || format == "png" || format == "pdf" || format == "dot";
}

}  // namespace

namespace {

// Graphviz 2.42 reads a label as: \N-style substitution, then entities, then backslash escapes;
// and a tooltip as: entities, backslash escapes, then substitution. So a literal backslash must
// reach the label stage as two, and the tooltip stage as four, entities.
std::string escaped(const std::string& text, const char* backslash) {
    std::string out;
    for (char ch : text) {
        if (ch == '&') out += "&amp;";
        else if (ch == '\\') out += backslash;
        else if ((static_cast<unsigned char>(ch) < 0x20) || ch == 0x7f) out += ' ';
        else out += ch;
    }
    return out;
}

}  // namespace

std::string plain_label(const std::string& text) { return escaped(text, "&#92;&#92;"); }

std::string plain_tooltip(const std::string& text) { return escaped(text, "&#92;&#92;&#92;&#92;"); }

std::string html_label_text(const std::string& text) {
    std::string out;
    for (char ch : text) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\\': out += "&#92;"; break;
            default: out += (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ? ' ' : ch;
        }
    }
    return out;
}

const std::vector<std::string>& palette() {
    static const std::vector<std::string> colours = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                     "#56B4E9", "#D55E00", "#F0E442", "#000000"};
    return colours;
}

namespace {

// Graphviz keeps global state; one layout at a time.
std::mutex& graphviz_gate() {
    static std::mutex gate;
    return gate;
}

// One GraphViz context for the whole process, made on first use and never freed. The pango text
// plugin of GraphViz 2.42 remembers the last font name it measured, a string owned by the context,
// and compares it on the next call: freeing a context per diagram left it pointing at freed
// memory (AddressSanitizer: heap-use-after-free in textspan_size).
GVC_t* graphviz_context() {
    static GVC_t* const gvc = gvContext();
    return gvc;
}

// Cairo stamps a PDF with the time it was made; a fixed date of the same length keeps the file the
// same for the same diagram (and its byte offsets valid).
void fix_creation_date(std::string& pdf) {
    const std::string key = "/CreationDate (D:";
    const std::size_t at = pdf.find(key);
    if (at == std::string::npos || at + key.size() + 14 > pdf.size()) return;
    const std::string fixed = "20000101000000";
    for (std::size_t i = 0; i < fixed.size(); ++i)
        if (std::isdigit(static_cast<unsigned char>(pdf[at + key.size() + i]))) pdf[at + key.size() + i] = fixed[i];
}

// Some layouts (sfdp) draw from the C library's generators without reseeding them from `start`, so
// a layout would depend on those run before it in the process; reset them to the diagram's seed.
void reseed(const Diagram& diagram) {
    const auto start = diagram.graph.find("start");
    const long seed = start == diagram.graph.end() ? 0 : std::strtol(start->second.c_str(), nullptr, 10);
    srand48(seed);
    std::srand(static_cast<unsigned>(seed));
    srandom(static_cast<unsigned>(seed));
}

// The cgraph graph for `diagram`; `nodes[i]` is diagram.nodes[i].
std::unique_ptr<Agraph_t, GraphDeleter> build_graph(const Diagram& diagram, std::vector<Agnode_t*>& nodes) {
    std::unique_ptr<Agraph_t, GraphDeleter> graph(
        agopen(c(std::string("staffnet")), diagram.directed ? Agdirected : Agundirected, nullptr));
    Agraph_t* g = graph.get();
    set_all(g, diagram.graph);
    if (!diagram.legend.empty()) {
        // agsafeset finds the HTML string agstrdup_html made, so the label keeps its HTML mark.
        const auto size = diagram.graph.find("fontsize");
        const double font_size = size == diagram.graph.end() ? 14.0 : std::atof(size->second.c_str());
        char* html = agstrdup_html(g, c(legend_label(diagram.title, diagram.legend, font_size)));
        agsafeset(g, c(std::string("label")), html, c(std::string()));
        agstrfree(g, html);
        agsafeset(g, c(std::string("labelloc")), c(std::string("b")), c(std::string()));
        agsafeset(g, c(std::string("labeljust")), c(std::string("l")), c(std::string()));
    } else if (!diagram.title.empty()) {
        set_all(g, {{"label", diagram.title}, {"labelloc", "t"}});
    }
    agattr(g, AGNODE, c(std::string("label")), c(std::string("")));

    std::vector<Agraph_t*> clusters;
    for (std::size_t i = 0; i < diagram.clusters.size(); ++i) {
        Agraph_t* sub = agsubg(g, c(fmt::format("cluster_{}", i)), 1);
        // A cluster's label must not inherit the graph's HTML-like legend.
        set_all(sub, {{"label", diagram.clusters[i].label}});
        set_all(sub, diagram.clusters[i].attributes);
        clusters.push_back(sub);
    }
    nodes.clear();
    for (std::size_t i = 0; i < diagram.nodes.size(); ++i) {
        const Diagram::Node& node = diagram.nodes[i];
        Agraph_t* owner = node.cluster >= 0 ? clusters.at(std::size_t(node.cluster)) : g;
        // Node names are indices, never user text.
        Agnode_t* n = agnode(owner, c(fmt::format("n{}", i)), 1);
        set_all(n, node.attributes);
        set_all(n, {{"label", node.label}});
        nodes.push_back(n);
    }
    for (const Diagram::Edge& edge : diagram.edges) {
        Agedge_t* e = agedge(g, nodes.at(edge.tail), nodes.at(edge.head), nullptr, 1);
        set_all(e, edge.attributes);
    }
    return graph;
}

}  // namespace

std::vector<std::string> render(const Diagram& diagram, const std::vector<std::string>& formats) {
    for (const std::string& f : formats)
        if (!known_format(f)) throw std::runtime_error("unknown diagram format '" + f + "' (svg, png, pdf or dot)");
    const std::lock_guard lock(graphviz_gate());
    GVC_t* const gvc = graphviz_context();
    std::vector<Agnode_t*> nodes;
    const auto graph = build_graph(diagram, nodes);
    Agraph_t* g = graph.get();
    reseed(diagram);
    if (gvLayout(gvc, g, diagram.engine.c_str()) != 0)
        throw std::runtime_error("graphviz could not lay out the diagram with " + diagram.engine);
    std::vector<std::string> out;
    for (const std::string& format : formats) {
        // The layout is in points; only the bitmap is drawn at a finer resolution, so the SVG's
        // viewBox and its content keep one scale.
        GD_drawing(g)->dpi = format == "png" ? diagram.png_dpi : 0.0;
        char* data = nullptr;
        unsigned length = 0;
        const int status = gvRenderData(gvc, g, format.c_str(), &data, &length);
        out.push_back((status == 0 && data) ? std::string(data, length) : std::string());
        if (format == "pdf") fix_creation_date(out.back());
        if (data) gvFreeRenderData(data);
        if (status != 0) {
            gvFreeLayout(gvc, g);
            throw std::runtime_error("graphviz could not render " + format);
        }
    }
    gvFreeLayout(gvc, g);
    return out;
}

std::vector<Point> layout_positions(const Diagram& diagram) {
    const std::lock_guard lock(graphviz_gate());
    GVC_t* const gvc = graphviz_context();
    std::vector<Agnode_t*> nodes;
    const auto graph = build_graph(diagram, nodes);
    reseed(diagram);
    if (gvLayout(gvc, graph.get(), diagram.engine.c_str()) != 0)
        throw std::runtime_error("graphviz could not lay out the diagram with " + diagram.engine);
    std::vector<Point> out;
    for (Agnode_t* n : nodes) out.push_back({ND_coord(n).x, ND_coord(n).y});
    gvFreeLayout(gvc, graph.get());
    return out;
}

namespace {

// A worker's answer for one diagram, as sent through its pipe: the diagram's index, whether it
// was drawn, then the bytes of each format (or the error message), each preceded by its length.
void put_number(std::string& out, std::uint64_t n) { out.append(reinterpret_cast<const char*>(&n), sizeof n); }

std::string answer(std::size_t index, bool ok, const std::vector<std::string>& texts) {
    std::string out;
    put_number(out, index);
    put_number(out, ok ? 1 : 0);
    put_number(out, texts.size());
    for (const std::string& t : texts) {
        put_number(out, t.size());
        out += t;
    }
    return out;
}

struct Answer {
    std::size_t index = 0;
    bool ok = false;
    std::vector<std::string> texts;
};

// The first complete answer in `buffer` from `at` on, moving `at` past it; nothing when it has not
// all arrived yet.
std::optional<Answer> next_answer(const std::string& buffer, std::size_t& at) {
    std::size_t p = at;
    const auto number = [&](std::uint64_t& n) {
        if (buffer.size() - p < sizeof n) return false;
        std::memcpy(&n, buffer.data() + p, sizeof n);
        p += sizeof n;
        return true;
    };
    std::uint64_t index = 0, ok = 0, count = 0;
    if (!number(index) || !number(ok) || !number(count)) return std::nullopt;
    Answer a{index, ok == 1, {}};
    for (std::uint64_t i = 0; i < count; ++i) {
        std::uint64_t length = 0;
        if (!number(length) || buffer.size() - p < length) return std::nullopt;
        a.texts.emplace_back(buffer, p, length);
        p += length;
    }
    at = p;
    return a;
}

bool write_all(int fd, const std::string& data) {
    for (std::size_t done = 0; done < data.size();) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += std::size_t(n);
    }
    return true;
}

// A forked worker: draws its diagrams in turn and sends each answer; never returns.
[[noreturn]] void work(int fd, const std::vector<Diagram>& diagrams, const std::vector<std::size_t>& mine,
                       const std::vector<std::string>& formats) {
    for (std::size_t i : mine) {
        std::string out;
        try {
            out = answer(i, true, render(diagrams[i], formats));
        } catch (const std::exception& e) {
            out = answer(i, false, {e.what()});
        }
        if (!write_all(fd, out)) break;
    }
    ::close(fd);
    _exit(0);  // no exit handlers or static destructors: they belong to the parent
}

// GCC 12's AddressSanitizer has no fork handlers (LLVM added them in December 2023, llvm-project
// pull request 75290): a worker forked while another thread holds one of its locks, as an OpenMP
// thread leaving a shrinking pool does, deadlocks at its first allocation, and the parent waits on
// its pipe for ever. Measured: 2 of 3,000 forks hung after a team of 4 threads then one of 2; none
// did without the sanitizer, where glibc's malloc is fork-safe. Sanitizer builds therefore draw
// every diagram in-process.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool fork_safe = false;
#else
constexpr bool fork_safe = true;
#endif

struct Worker {
    pid_t pid = -1;
    int fd = -1;  // read end of its pipe
    std::vector<std::size_t> diagrams;
    std::string buffer;
    std::size_t read_at = 0;
};

// Closes the pipes and reaps the workers, also when the parent stops early (the workers then
// have nobody to write to and are ended).
struct Workers {
    std::vector<Worker> list;
    ~Workers() {
        for (Worker& w : list) {
            if (w.fd >= 0) ::close(w.fd);
            if (w.pid > 0) {
                ::kill(w.pid, SIGKILL);
                while (::waitpid(w.pid, nullptr, 0) < 0 && errno == EINTR) {}
            }
        }
    }
};

}  // namespace

std::vector<std::vector<std::string>> render_all(const std::vector<Diagram>& diagrams, const std::vector<std::string>& formats,
                                                 unsigned workers, const ProgressFn& progress) {
    for (const std::string& f : formats)
        if (!known_format(f)) throw std::runtime_error("unknown diagram format '" + f + "' (svg, png, pdf or dot)");
    std::vector<std::vector<std::string>> out(diagrams.size());
    std::vector<char> done(diagrams.size(), 0);
    std::size_t finished = 0;
    const auto finish = [&](std::size_t i, std::vector<std::string> bytes) {
        out[i] = std::move(bytes);
        done[i] = 1;
        if (progress) progress(++finished, diagrams.size());
    };
    workers = unsigned(std::min<std::size_t>(workers, diagrams.size()));
    if (workers > 1 && fork_safe) {
        // The plan: the largest diagram first, each to the least loaded worker.
        std::vector<std::size_t> order(diagrams.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        const auto cost = [&](std::size_t i) { return diagrams[i].nodes.size() + diagrams[i].edges.size() + 1; };
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cost(a) > cost(b); });
        Workers pool;
        pool.list.resize(workers);
        std::vector<std::size_t> load(workers, 0);
        for (std::size_t i : order) {
            const std::size_t w = std::size_t(std::min_element(load.begin(), load.end()) - load.begin());
            pool.list[w].diagrams.push_back(i);
            load[w] += cost(i);
        }
        graphviz_context();  // made once, before the fork, for every worker
        for (Worker& w : pool.list) {
            int ends[2];
            if (::pipe2(ends, O_CLOEXEC) != 0) continue;  // its diagrams are drawn here below
            std::unique_lock lock(graphviz_gate());  // no worker starts with Graphviz held by another thread
            const pid_t pid = ::fork();
            if (pid == 0) {
                lock.unlock();
                ::close(ends[0]);
                work(ends[1], diagrams, w.diagrams, formats);
            }
            lock.unlock();
            ::close(ends[1]);
            if (pid < 0) {
                ::close(ends[0]);
                continue;
            }
            w.pid = pid;
            w.fd = ends[0];
        }
        std::optional<Answer> failed;  // the failure of the lowest index, so the message is the same on every run
        for (;;) {
            std::vector<pollfd> waiting;
            for (const Worker& w : pool.list)
                if (w.fd >= 0) waiting.push_back({w.fd, POLLIN, 0});
            if (waiting.empty()) break;
            if (::poll(waiting.data(), waiting.size(), -1) < 0) {
                if (errno == EINTR) continue;
                throw std::runtime_error(std::string("could not wait for the diagram workers: ") + std::strerror(errno));
            }
            for (Worker& w : pool.list) {
                if (w.fd < 0) continue;
                const auto it = std::find_if(waiting.begin(), waiting.end(), [&](const pollfd& p) { return p.fd == w.fd; });
                if (it == waiting.end() || it->revents == 0) continue;
                char chunk[1 << 16];
                const ssize_t n = ::read(w.fd, chunk, sizeof chunk);
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) {
                    ::close(w.fd);
                    w.fd = -1;
                    continue;
                }
                w.buffer.append(chunk, std::size_t(n));
                while (std::optional<Answer> a = next_answer(w.buffer, w.read_at)) {
                    if (a->index >= diagrams.size() || done[a->index]) continue;
                    if (a->ok && a->texts.size() == formats.size()) {
                        finish(a->index, std::move(a->texts));
                    } else if (!failed || a->index < failed->index) {
                        failed = std::move(a);
                    }
                }
                if (w.read_at > (1 << 20)) {  // drop what was read
                    w.buffer.erase(0, w.read_at);
                    w.read_at = 0;
                }
            }
        }
        for (Worker& w : pool.list) {
            while (w.pid > 0 && ::waitpid(w.pid, nullptr, 0) < 0 && errno == EINTR) {}
            w.pid = -1;
        }
        if (failed) throw std::runtime_error(failed->texts.empty() ? "graphviz failed" : failed->texts.front());
    }
    // Everything not drawn by a worker (one worker, or a fork that failed) is drawn here.
    for (std::size_t i = 0; i < diagrams.size(); ++i)
        if (!done[i]) finish(i, render(diagrams[i], formats));
    return out;
}

nlohmann::ordered_json layout_environment() {
    nlohmann::ordered_json j;
    {
        const std::lock_guard lock(graphviz_gate());
        const char* version = gvcVersion(graphviz_context());
        j["graphviz"] = version ? version : "";
    }
    const int fc = FcGetVersion();
    j["fontconfig"] = fmt::format("{}.{}.{}", fc / 10000, fc / 100 % 100, fc % 100);
    j["fonts"] = nlohmann::ordered_json::array();
    // What the diagrams ask for (fontname Helvetica; the legend's title in bold), resolved as
    // Graphviz's text layout resolves it, through fontconfig.
    for (const char* name : {"Helvetica", "Helvetica:bold"}) {
        FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(name));
        if (!pattern) continue;
        FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
        FcDefaultSubstitute(pattern);
        FcResult result = FcResultNoMatch;
        FcPattern* match = FcFontMatch(nullptr, pattern, &result);
        const auto text = [&](const char* key) {
            FcChar8* value = nullptr;
            return match && FcPatternGetString(match, key, 0, &value) == FcResultMatch ? std::string(reinterpret_cast<char*>(value)) : "";
        };
        j["fonts"].push_back({{"requested", name}, {"family", text(FC_FAMILY)}, {"style", text(FC_STYLE)}, {"file", text(FC_FILE)}});
        if (match) FcPatternDestroy(match);
        FcPatternDestroy(pattern);
    }
    return j;
}

std::string render(const Diagram& diagram, const std::string& engine, const std::string& format) {
    Diagram d = diagram;
    d.engine = engine;
    return render(d, std::vector<std::string>{format}).front();
}

}  // namespace staffnet
