#include "io/xml.hpp"

#include <cctype>
#include <sstream>

namespace staffnet {

void parse_xml(pugi::xml_document& doc, const std::string& file, const std::string& text) {
    check_utf8(file, text);
    // parse_doctype keeps the DOCTYPE as a node, so that it can be refused; pugixml never expands
    // entities itself.
    const pugi::xml_parse_result result =
        doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
    if (!result) {
        std::string what = result.description();
        if (!what.empty()) what[0] = char(std::tolower(static_cast<unsigned char>(what[0])));
        throw InputError(at(file, position_at(text, std::size_t(result.offset)), "invalid XML: " + what,
                            "check that the file is complete and every tag is closed, near this place"));
    }
    for (const pugi::xml_node& node : doc.children())
        if (node.type() == pugi::node_doctype)
            throw InputError(at(file, xml_position(LineIndex(text), text, node),
                                "a DOCTYPE declaration is not allowed (its entities could read other files)", "remove the <!DOCTYPE ...> block"));
}

TextPosition xml_position(const LineIndex& lines, const std::string& text, const pugi::xml_node& node) {
    const std::ptrdiff_t offset = node.offset_debug();
    if (offset < 0) return {};
    // pugixml points at the element's name (past "<", or "<!DOCTYPE "); an editor shows the "<".
    const std::size_t open = text.rfind('<', std::size_t(offset));
    return lines.at(open == std::string::npos ? std::size_t(offset) : open);
}

std::string local_name(const pugi::xml_node& node) {
    const std::string name = node.name();
    const auto colon = name.find(':');
    return colon == std::string::npos ? name : name.substr(colon + 1);
}

pugi::xml_node start_document(pugi::xml_document& doc, const char* root) {
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    return doc.append_child(root);
}

std::vector<pugi::xml_node> children(const pugi::xml_node& parent, const char* name) {
    std::vector<pugi::xml_node> out;
    for (const pugi::xml_node& c : parent.children())
        if (c.type() == pugi::node_element && local_name(c) == name) out.push_back(c);
    return out;
}

pugi::xml_node child(const pugi::xml_node& parent, const char* name) {
    const std::vector<pugi::xml_node> all = children(parent, name);
    return all.empty() ? pugi::xml_node() : all.front();
}

std::string xml_text(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace staffnet
