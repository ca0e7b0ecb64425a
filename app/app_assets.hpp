#pragma once
// Files compiled into staffnet from app/assets (see app/assets/assets.cmake): the database schema
// and the page `staffnet serve` shows, with the JavaScript libraries it uses. Nothing is read from
// disk at run time.
#include <string>
#include <string_view>
#include <vector>

namespace staffnet {

struct AppAsset {
    std::string path;          // "schema.sql", "serve/index.html", "lib/d3-force.min.js", ...
    std::string content_type;  // from the extension
    std::string body;
};

/// Every compiled-in asset.
const std::vector<AppAsset>& app_assets();

/// The asset at `path`, or nullptr.
const AppAsset* app_asset(std::string_view path);

}  // namespace staffnet
