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
