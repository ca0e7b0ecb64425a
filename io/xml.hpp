#pragma once
// XML through pugixml for the GraphML and GEXF readers: positioned errors, no DOCTYPE.
#include "io/graph_io.hpp"

#include <pugixml.hpp>

#include <string>
#include <vector>

namespace staffnet {

/// Parses XML text into `doc`. Throws InputError at the line and column of a syntax error, and at a
/// DOCTYPE declaration: its entities could pull in other files (XXE), so such files are refused.
void parse_xml(pugi::xml_document& doc, const std::string& file, const std::string& text);

/// Where an element starts in the text the document was parsed from (by parse_xml).
TextPosition xml_position(const LineIndex& lines, const std::string& text, const pugi::xml_node& node);

/// The element's name without a namespace prefix ("gexf:node" -> "node").
std::string local_name(const pugi::xml_node& node);

/// Starts a document to be written: the XML declaration (UTF-8) and the root element, returned.
pugi::xml_node start_document(pugi::xml_document& doc, const char* root);

/// The child elements of `parent` with this local name (namespace prefixes ignored).
std::vector<pugi::xml_node> children(const pugi::xml_node& parent, const char* name);

/// The first of them, or an empty node.
pugi::xml_node child(const pugi::xml_node& parent, const char* name);

/// XML text of a document built to be written, with a UTF-8 declaration and two-space indents.
std::string xml_text(const pugi::xml_document& doc);

}  // namespace staffnet
