#include "io/privacy.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;

TEST_CASE("pseudonyms are keyed HMAC-SHA256", "[io][privacy]") {
    // Python: 'p-' + hmac.new(b'secret', b'P001', hashlib.sha256).hexdigest()[:12]
    CHECK(pseudonym("secret", "P001") == "p-3b54e306f23c");
    CHECK(pseudonym("secret", "P001") == pseudonym("secret", "P001"));
    CHECK(pseudonym("other key", "P001") != pseudonym("secret", "P001"));
}

TEST_CASE("pseudonymize replaces ids and names, or drops names", "[io][privacy]") {
    Network net = test::path(2);
    pseudonymize(net, "k");
    CHECK(net.people[0].id == pseudonym("k", "a"));
    CHECK(net.people[0].name == net.people[0].id);
    Network research = test::path(2);
    pseudonymize(research, "k", true);
    CHECK(research.people[1].name.get().empty());
    CHECK_THROWS_WITH(pseudonymize(research, ""), "the pseudonymisation key is empty");
}

namespace {
// Fourteen people "a".."n" named "Person a".."Person n"; "mentor" holds ids and names, "note"
// free text (14 different values), "grade" numbers.
Network with_attributes() {
    Network net = test::path(14);
    net.attribute_names = {"mentor", "note", "grade"};
    for (Vertex v = 0; v < 14; ++v) {
        net.people[v].id = std::string(1, char('a' + v)) + "1";
        net.people[v].name = "Person " + std::string(1, char('a' + v));
        net.people[v].attributes = {v == 0 ? "b1" : v == 1 ? " person A " : "", "likes chess " + std::to_string(v), std::to_string(v % 3 + 1)};
    }
    return net;
}
}  // namespace

TEST_CASE("attribute values that are a person's id or name are pseudonymised, or left out for research", "[io][privacy]") {
    Network net = with_attributes();
    pseudonymize(net, "k");
    CHECK(net.attribute_names == std::vector<std::string>{"mentor", "note", "grade"});
    CHECK(net.people[0].attributes[0] == pseudonym("k", "b1"));  // an id
    CHECK(net.people[1].attributes[0] == pseudonym("k", "a1"));  // a name, other case and spaces
    CHECK(net.people[2].attributes[0] == "");
    CHECK(net.people[3].attributes == std::vector<std::string>{"", "likes chess 3", "1"});

    Network research = with_attributes();
    pseudonymize(research, "k", true);
    // The note column is free text (14 values, not numbers): left out; grade stays.
    CHECK(research.attribute_names == std::vector<std::string>{"mentor", "grade"});
    CHECK(research.people[0].attributes == std::vector<std::string>{"", "1"});
    CHECK(research.people[1].attributes == std::vector<std::string>{"", "2"});

    Network safe = with_attributes();
    pseudonymize(safe, "k", true, {"note"});  // privacy: safe_attributes: [note]
    CHECK(safe.attribute_names == std::vector<std::string>{"mentor", "note", "grade"});
}

TEST_CASE("warnings name people by pseudonym, quoted small-number ids included", "[io][privacy]") {
    Network net = test::path(3);
    net.people[0].id = "7";
    net.people[0].name = "Ann Lee";
    net.people[1].id = "P10";
    std::vector<Diagnostic> warnings = {
        {"ties.csv", 0, 0, "2 people have no ties ('7', 'P10')", "they are kept and reported as isolates", true},
        {"people.csv", 4, 2, "Ann Lee and P10 share a row with P1", "", true}};
    pseudonymize_messages(warnings, net, "k");
    CHECK(warnings[0].message == "2 people have no ties ('" + pseudonym("k", "7") + "', '" + pseudonym("k", "P10") + "')");
    CHECK(warnings[0].fix == "they are kept and reported as isolates");
    // "P1" is no one's id here, and "2" in a count is not taken for an id.
    CHECK(warnings[1].message == pseudonym("k", "7") + " and " + pseudonym("k", "P10") + " share a row with P1");
}
