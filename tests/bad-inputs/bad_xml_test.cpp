// XML external entities and entity bombs in the graph formats (issue 8).
#include "bad-inputs/refused.hpp"
#include "io/graph_formats.hpp"

using namespace staffnet;

TEST_CASE("GraphML with a DOCTYPE (an external entity, nested entities) is refused", "[bad-inputs]") {
    const std::string file = test::bad_input("xxe.graphml");
    const std::string diagnostic = file + ":2:1: error: a DOCTYPE declaration is not allowed (its entities could read "
                                          "other files); remove the <!DOCTYPE ...> block";
    CHECK_THROWS_WITH(read_graph_file(file, GraphFormat::graphml), diagnostic);
    const test::Run r = test::run({"metrics", file});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == diagnostic + "\nstaffnet: stopped; no output was written\n");
}

TEST_CASE("GEXF with a DOCTYPE is refused the same way", "[bad-inputs]") {
    const std::string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE gexf [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                             "<gexf><graph><nodes><node id=\"a\" label=\"&xxe;\"/></nodes></graph></gexf>\n";
    CHECK_THROWS_WITH(parse_graph(GraphFormat::gexf, "x.gexf", text),
                      "x.gexf:2:1: error: a DOCTYPE declaration is not allowed (its entities could read other files); "
                      "remove the <!DOCTYPE ...> block");
}
