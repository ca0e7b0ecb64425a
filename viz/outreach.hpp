#pragma once
// The printable outreach sheet: one page per district team member with the people and schools
// they are best placed to reach.
#include "engine/risk.hpp"

#include <string>

namespace staffnet {

/// What every page of the sheet says it is about.
struct SheetHeading {
    std::string district;  // the district's name ("" = not given)
    std::string date;      // the date of the data ("" = not given)
};

/// Self-contained HTML with print CSS (a page break per member). Each flagged person (level high
/// or medium, or no data) and flagged school is listed under its first suggested contact, with the
/// reasons, by school name. Every page names the district and the date of the data. Every name is
/// HTML-escaped.
std::string outreach_sheet_html(const Network& net, const SchoolTable& schools, const std::vector<RiskEntry>& people,
                                const std::vector<RiskEntry>& school_entries, const std::string& rule,
                                const SheetHeading& heading = {});

/// `text` with & < > " ' escaped for HTML.
std::string html_escape(const std::string& text);

}  // namespace staffnet
