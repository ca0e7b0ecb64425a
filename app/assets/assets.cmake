# Compiles app/assets into staffnet (app/app_assets.hpp): the database schema, the page of
# `staffnet serve` (serve/*) and the d3 modules its live map uses, from viz/assets/node_modules
# (pinned by viz/assets/package-lock.json; .ci/setup installs them). Included from the top-level
# CMakeLists.txt after staffnet_lib is defined.
set(STAFFNET_APP_ASSETS ${CMAKE_CURRENT_LIST_DIR})
file(GLOB STAFFNET_APP_ASSET_FILES CONFIGURE_DEPENDS
     ${STAFFNET_APP_ASSETS}/schema.sql ${STAFFNET_APP_ASSETS}/serve/*)
set(STAFFNET_APP_LIBS d3-dispatch d3-quadtree d3-timer d3-force)  # load order: d3-force needs the others
set(STAFFNET_APP_LIB_FILES "")
foreach(lib IN LISTS STAFFNET_APP_LIBS)
  set(file ${CMAKE_SOURCE_DIR}/viz/assets/node_modules/${lib}/dist/${lib}.min.js)
  if(EXISTS ${file})
    list(APPEND STAFFNET_APP_LIB_FILES ${file})
  else()
    message(WARNING "${file} is missing: the live map of staffnet serve will not be drawn. "
                    "Run `npm ci --prefix viz/assets` (or .ci/setup), then configure again.")
  endif()
endforeach()

set(STAFFNET_APP_ASSETS_CPP ${CMAKE_BINARY_DIR}/generated/app_assets.cpp)
add_custom_command(
  OUTPUT ${STAFFNET_APP_ASSETS_CPP}
  COMMAND ${CMAKE_COMMAND} "-DFILES=${STAFFNET_APP_ASSET_FILES}" "-DLIBS=${STAFFNET_APP_LIB_FILES}"
          -DROOT=${STAFFNET_APP_ASSETS} -DOUT=${STAFFNET_APP_ASSETS_CPP}
          -P ${STAFFNET_APP_ASSETS}/embed_assets.cmake
  DEPENDS ${STAFFNET_APP_ASSETS}/embed_assets.cmake ${CMAKE_SOURCE_DIR}/cmake/embed.cmake ${STAFFNET_APP_ASSET_FILES} ${STAFFNET_APP_LIB_FILES}
  COMMENT "Embedding the serve page and the database schema"
  VERBATIM)
target_sources(staffnet_lib PRIVATE ${STAFFNET_APP_ASSETS_CPP})
