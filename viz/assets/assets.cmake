# Inlines the report's JavaScript libraries into staffnet, so that report.html needs no network
# access and reads no file at run time. .ci/setup installs them with `npm ci` (pinned in
# package-lock.json) into viz/assets/node_modules before configuring; included from the top-level
# CMakeLists.txt after staffnet_lib is defined.
set(STAFFNET_ASSETS ${CMAKE_CURRENT_LIST_DIR})
set(STAFFNET_ASSET_FILES
    ${STAFFNET_ASSETS}/node_modules/svg-pan-zoom/dist/svg-pan-zoom.min.js
    ${STAFFNET_ASSETS}/node_modules/vega/build/vega.min.js
    ${STAFFNET_ASSETS}/node_modules/vega-lite/build/vega-lite.min.js
    ${STAFFNET_ASSETS}/node_modules/vega-embed/build/vega-embed.min.js)
set(STAFFNET_ASSETS_FOUND TRUE)
foreach(file IN LISTS STAFFNET_ASSET_FILES)
  if(NOT EXISTS ${file})
    set(STAFFNET_ASSETS_FOUND FALSE)
  endif()
endforeach()
if(NOT STAFFNET_ASSETS_FOUND)
  message(WARNING "viz/assets/node_modules is missing: report.html will have no charts or pan/zoom. "
                  "Run `npm ci --prefix viz/assets` (or .ci/setup), then configure again.")
  set(STAFFNET_ASSET_FILES "")
endif()
# A new lock file (other versions) or a fresh install reconfigures.
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${STAFFNET_ASSETS}/package-lock.json)

set(STAFFNET_ASSETS_CPP ${CMAKE_BINARY_DIR}/generated/report_assets.cpp)
add_custom_command(
  OUTPUT ${STAFFNET_ASSETS_CPP}
  COMMAND ${CMAKE_COMMAND} -DASSETS=${STAFFNET_ASSETS} -DOUT=${STAFFNET_ASSETS_CPP} -DFOUND=${STAFFNET_ASSETS_FOUND}
          -P ${STAFFNET_ASSETS}/embed_assets.cmake
  DEPENDS ${STAFFNET_ASSETS}/embed_assets.cmake ${CMAKE_SOURCE_DIR}/cmake/embed.cmake ${STAFFNET_ASSETS}/package-lock.json ${STAFFNET_ASSET_FILES}
  COMMENT "Embedding the report's JavaScript libraries"
  VERBATIM)
target_sources(staffnet_lib PRIVATE ${STAFFNET_ASSETS_CPP})

# The district map (viz/map.hpp): d3 modules, map.js and map.css.
set(STAFFNET_MAP_D3 d3-dispatch d3-selection d3-color d3-interpolate d3-ease d3-timer d3-transition d3-drag d3-zoom d3-scale-chromatic)
set(STAFFNET_MAP_FILES ${STAFFNET_ASSETS}/map/map.js ${STAFFNET_ASSETS}/map/map.css)
set(STAFFNET_MAP_FOUND ${STAFFNET_ASSETS_FOUND})
foreach(module IN LISTS STAFFNET_MAP_D3)
  set(file ${STAFFNET_ASSETS}/node_modules/${module}/dist/${module}.min.js)
  if(EXISTS ${file})
    list(APPEND STAFFNET_MAP_FILES ${file})
  else()
    set(STAFFNET_MAP_FOUND FALSE)
  endif()
endforeach()
if(NOT STAFFNET_MAP_FOUND)
  message(WARNING "the d3 modules are missing from viz/assets/node_modules: report.html will have no district map. "
                  "Run `npm ci --prefix viz/assets` (or .ci/setup), then configure again.")
endif()
set(STAFFNET_MAP_CPP ${CMAKE_BINARY_DIR}/generated/map_assets.cpp)
add_custom_command(
  OUTPUT ${STAFFNET_MAP_CPP}
  COMMAND ${CMAKE_COMMAND} -DASSETS=${STAFFNET_ASSETS} -DOUT=${STAFFNET_MAP_CPP} -DFOUND=${STAFFNET_MAP_FOUND}
          -P ${STAFFNET_ASSETS}/map/embed_map.cmake
  DEPENDS ${STAFFNET_ASSETS}/map/embed_map.cmake ${CMAKE_SOURCE_DIR}/cmake/embed.cmake ${STAFFNET_ASSETS}/package-lock.json ${STAFFNET_MAP_FILES}
  COMMENT "Embedding the district map's scripts"
  VERBATIM)
target_sources(staffnet_lib PRIVATE ${STAFFNET_MAP_CPP})
