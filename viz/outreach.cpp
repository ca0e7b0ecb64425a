#include "viz/outreach.hpp"

#include <fmt/format.h>

#include <map>

namespace staffnet {

std::string html_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

// The isolate rule in plain words, from its name.
std::string rule_text(const std::string& rule) {
    for (const IsolateRule r : {IsolateRule::no_ties, IsolateRule::never_named, IsolateRule::cut_off, IsolateRule::peripheral})
        if (rule == rule_name(r)) return isolate_reason(r);
    return rule;
}

std::string reasons_html(const RiskEntry& e) {
    std::string out;
    for (const std::string& r : e.reasons) out += (out.empty() ? "" : "; ") + html_escape(r);
    return out;
}

const char* kStyle = R"(
body { font-family: "Helvetica Neue", Arial, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 2px solid #0072B2; padding-bottom: .2em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
th, td { text-align: left; padding: .35em .5em; border-bottom: 1px solid #ccc; vertical-align: top; }
th { background: #f0f4f8; } .about { color: #5b6773; font-size: .9em; margin: 0 0 .3em; } .level-high { color: #D55E00; font-weight: bold; } .done { width: 5em; }
.member { page-break-after: always; } .member:last-child { page-break-after: auto; }
@media print { body { margin: 1cm; } .member { break-after: page; } }
)";

}  // namespace

std::string outreach_sheet_html(const Network& net, const SchoolTable& schools, const std::vector<RiskEntry>& people,
                                const std::vector<RiskEntry>& school_entries, const std::string& rule, const SheetHeading& heading) {
    std::map<std::string, std::string> school_names;
    for (const School& s : schools.schools) school_names[s.id] = s.name.empty() ? s.id : s.name;
    const auto school_name = [&](const std::string& id) {
        const auto it = school_names.find(id);
        return it == school_names.end() ? id : it->second;
    };
    std::map<Vertex, std::pair<std::vector<const RiskEntry*>, std::vector<const RiskEntry*>>> by_member;
    for (const RiskEntry& e : school_entries)
        if (flagged(e) && !e.contacts.empty()) by_member[e.contacts[0].member].first.push_back(&e);
    for (const RiskEntry& e : people)
        if (flagged(e) && !e.contacts.empty()) by_member[e.contacts[0].member].second.push_back(&e);
    // The line every page carries: which district, and how old the data are.
    const std::string district = heading.district.empty() ? "" : html_escape(heading.district);
    const std::string date = heading.date.empty() ? "date of the data not given" : "data of " + html_escape(heading.date);
    const std::string about = (district.empty() ? "" : district + " · ") + date;
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Outreach sheet" +
                       (district.empty() ? "" : " – " + district) + "</title>\n<style>";
    html += kStyle;
    html += "</style>\n</head>\n<body>\n<h1>Outreach sheet" + (district.empty() ? "" : ": " + district) + "</h1>\n";
    html += fmt::format("<p class=\"about\">{}</p>\n<p>Each district team member's list: the schools and people they are best "
                        "placed to reach. Counted as isolated: {} (rule {}). Where no one is connected yet, the work is spread "
                        "evenly. Tick each one when contacted.</p>\n",
                        about, html_escape(rule_text(rule)), html_escape(rule));
    for (const auto& [member, lists] : by_member) {
        html += "<section class=\"member\">\n<p class=\"about\">" + about + "</p>\n<h2>" + html_escape(net.people[member].display_name()) +
                fmt::format(" <small>({} school{}, {} {})</small>", lists.first.size(), lists.first.size() == 1 ? "" : "s",
                            lists.second.size(), lists.second.size() == 1 ? "person" : "people") +
                "</h2>\n";
        if (!lists.first.empty()) {
            html += "<table>\n<tr><th>School</th><th>Level</th><th>Why</th><th>How you are connected</th><th class=\"done\">Done</th></tr>\n";
            for (const RiskEntry* e : lists.first)
                html += fmt::format("<tr><td>{}</td><td class=\"level-{}\">{}</td><td>{}</td><td>{}</td><td>&#9744;</td></tr>\n",
                                    html_escape(school_name(schools.schools[e->person].id)), e->level, e->level, reasons_html(*e),
                                    html_escape(e->contacts[0].why));
            html += "</table>\n";
        }
        if (!lists.second.empty()) {
            html += "<table>\n<tr><th>Person</th><th>School</th><th>Level</th><th>Why</th><th>How you are connected</th><th class=\"done\">Done</th></tr>\n";
            for (const RiskEntry* e : lists.second) {
                const Person& p = net.people[e->person];
                html += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"level-{}\">{}</td><td>{}</td><td>{}</td><td>&#9744;</td></tr>\n",
                                    html_escape(p.display_name()), html_escape(school_name(p.school)), e->level == "no data" ? "none" : e->level,
                                    html_escape(e->level), reasons_html(*e), html_escape(e->contacts[0].why));
            }
            html += "</table>\n";
        }
        html += "</section>\n";
    }
    html += "</body>\n</html>\n";
    return html;
}

}  // namespace staffnet
