#pragma once
// The JavaScript libraries report.html inlines, compiled into staffnet from viz/assets (see
// viz/assets/assets.cmake): nothing is read or fetched when a report is written or opened.
#include <string>
#include <vector>

namespace staffnet {

struct ReportAsset {
    std::string name;     // npm package: svg-pan-zoom, vega, vega-lite, vega-embed
    std::string version;  // as installed from viz/assets/package-lock.json
    std::string script;   // its minified browser build, safe to put inside <script>...</script>
};

/// The libraries in load order; empty when staffnet was built without viz/assets/node_modules
/// (the report then has tables but no charts or pan/zoom).
const std::vector<ReportAsset>& report_assets();

}  // namespace staffnet
