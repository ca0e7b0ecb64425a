#include "bad-inputs/refused.hpp"
#include "io/output.hpp"

#include <sys/stat.h>

using namespace staffnet;
using test::bad_input;
using test::refused;
namespace fs = std::filesystem;

// Inputs are only read, so a config may name any file the user can read, anywhere ("..",
// absolute paths); what it cannot do is have that file's content echoed, or make staffnet read
// forever, or write anywhere but --out.

TEST_CASE("an input path leading out of the config's folder is read, and a file that is not CSV is not echoed", "[bad-inputs]") {
    SECTION("a fake private key named as people.csv") {
        const std::string err = refused(bad_input("config_secret.yaml"));
        CHECK(err == bad_input("not_csv_secret.txt") +
                         ":1: error: missing required column 'id'; the header must include id (and may include name, role, school, responded)\n");
    }
    SECTION("../../../../etc/passwd: the errors name lines and fields, never the accounts") {
        const std::string err = refused(bad_input("config_traversal.yaml"));
        CHECK_THAT(err, Catch::StartsWith("/etc/passwd:"));
        CHECK_THAT(err, !Catch::Contains("root") && !Catch::Contains("/bin/"));
    }
}

TEST_CASE("a device, a pipe or a folder where a file belongs is refused without reading it", "[bad-inputs]") {
    SECTION("/dev/zero as people.csv, which would never end") {
        CHECK(refused(bad_input("config_device.yaml")) ==
              "/dev/zero: error: this is not a regular file (a device, pipe or socket); give the path of a file saved on disk\n");
    }
    SECTION("/dev/zero as the config") {
        CHECK(refused("/dev/zero") == "/dev/zero: error: this is not a regular file (a device, pipe or socket); give the path of a file saved on disk\n");
    }
    SECTION("a named pipe with no writer, which would block") {
        const std::string fifo = test::temp_dir("fifo") + "/people.csv";
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        CHECK(refused(test::config_for("fifo_config", fifo, test::fixture("io/fixtures/ties.csv"))) ==
              fifo + ": error: this is not a regular file (a device, pipe or socket); give the path of a file saved on disk\n");
    }
    SECTION("a folder") {
        CHECK(refused(bad_input("config_folder.yaml")) == test::fixture("io/fixtures") + ": error: this is a folder, not a file; give the path of a file\n");
    }
}

TEST_CASE("an output name that would leave the output folder is refused before anything is written", "[bad-inputs]") {
    const fs::path dir = fs::path(test::temp_dir("confined")) / "out";
    for (const std::string& name : {"../escape.csv", "diagrams/../../escape.csv", "/tmp/escape.csv"}) {
        CAPTURE(name);
        OutputSet outputs;
        outputs.add("people.csv", "id\n");
        outputs.add(name, "x\n");
        CHECK_THROWS_WITH(commit(outputs, dir.string()), "refusing to write " + name + " outside the output folder " + dir.string());
        CHECK_FALSE(fs::exists(dir));
    }
    OutputSet outputs;
    outputs.add("diagrams/schools/" + std::string(256, 'x') + ".svg", "<svg/>");
    CHECK_THROWS_WITH(commit(outputs, dir.string()),
                      "refusing to write diagrams/schools/" + std::string(256, 'x') + ".svg: a file name is longer than 255 bytes");
    CHECK_FALSE(fs::exists(dir));
}
