# Helpers for the embed_*.cmake scripts, which compile text files (JavaScript libraries, the map's
# script and style, the serve page, the database schema) into staffnet as C++ raw string literals.

# `text` without source map comments (they would make the browser ask for a file).
function(embed_without_source_map text out)
  string(REGEX REPLACE "//[#@] sourceMappingURL=[^\n]*" "" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# `text` without source maps, and with nothing that could end the <script> or <style> element it
# will be put in, or open a comment.
function(embed_html_safe text out)
  embed_without_source_map("${text}" text)
  string(REPLACE "</script" "<\\/script" text "${text}")
  string(REPLACE "</SCRIPT" "<\\/SCRIPT" text "${text}")
  string(REPLACE "</style" "<\\/style" text "${text}")
  string(REPLACE "<!--" "<\\!--" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# `text` as raw string literals R"<delimiter>(...)<delimiter>" of at most 16000 bytes each (well
# under compilers' limits on one literal), each written as <before>literal<after>. `what` names
# the text in the error if it holds the literal's end.
function(embed_pieces what text delimiter before after out)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${what} contains the raw string delimiter ${delimiter}; choose another where it is embedded")
  endif()
  set(chunk 16000)
  string(LENGTH "${text}" length)
  set(pieces "")
  set(offset 0)
  while(offset LESS length)
    string(SUBSTRING "${text}" ${offset} ${chunk} piece)
    string(APPEND pieces "${before}R\"${delimiter}(${piece})${delimiter}\"${after}")
    math(EXPR offset "${offset} + ${chunk}")
  endwhile()
  set(${out} "${pieces}" PARENT_SCOPE)
endfunction()
