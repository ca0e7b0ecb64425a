// `staffnet compare` end to end: Kapferer's tailor shop against NetworkX, the example district's
// planted wave-2 changes, privacy, and every way of asking for waves wrongly.
#include "io/csv.hpp"
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace staffnet;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string source_dir = STAFFNET_SOURCE_DIR;

// examples/kapferer_waves/make_ties.py in C++: the shared data as one ties file with a wave
// column, beside a copy of the example's config.
const std::string& kapferer_config() {
    static const std::string config = [] {
        const fs::path dir = test::temp_dir("kapferer_waves");
        fs::copy_file(test::shared_data("kapferer_tailorshop/people.csv"), dir / "people.csv");
        const CsvTable ties = read_csv(test::shared_data("kapferer_tailorshop/ties.csv"));
        std::ofstream out(dir / "ties.csv");
        out << "source,target,type,weight,wave\n";
        for (const auto& row : ties.rows) {
            const std::string& type = row[ties.column("type")];
            const std::size_t cut = type.rfind('_');  // sociational_t1 -> sociational, t1
            out << row[ties.column("source")] << ',' << row[ties.column("target")] << ',' << type.substr(0, cut) << ','
                << row[ties.column("weight")] << ',' << type.substr(cut + 1) << '\n';
        }
        fs::copy_file(source_dir + "/examples/kapferer_waves/config.yaml", dir / "config.yaml");
        return (dir / "config.yaml").string();
    }();
    return config;
}

std::string compared(const std::string& name, std::vector<std::string> args) {
    const std::string out = test::temp_dir(name);
    args.insert(args.begin(), "compare");
    args.insert(args.end(), {"--out", out, "--force"});
    const test::Run r = test::run(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    return out;
}

const std::string& kapferer_out() {
    static const std::string out = compared("kapferer_change", {kapferer_config(), "--waves", "t1,t2"});
    return out;
}

const std::string& district_out() {
    static const std::string out = compared("district_change", {source_dir + "/examples/district/config.yaml",
                                                                source_dir + "/examples/district/wave2/config.yaml"});
    return out;
}

json read_json(const std::string& path) { return json::parse(test::slurp(path)); }

// The rows of a CSV keyed by their `id` column.
std::map<std::string, std::map<std::string, std::string>> by_id(const std::string& path) {
    const CsvTable t = read_csv(path);
    std::map<std::string, std::map<std::string, std::string>> out;
    for (const auto& row : t.rows)
        for (std::size_t c = 0; c < t.header.size(); ++c) out[row[t.column("id")]][t.header[c]] = row[c];
    return out;
}

void check_counts(const json& got, const json& want) {
    for (const char* key : {"before", "after", "stable", "new", "dissolved"}) {
        INFO(key);
        CHECK(got[key] == want[key]);
    }
    if (want.contains("jaccard")) CHECK(got["jaccard"].get<double>() == Approx(want["jaccard"].get<double>()).epsilon(1e-12));
}

}  // namespace

TEST_CASE("Kapferer's tailor shop: new, dissolved and stable ties and Jaccard as NetworkX counts them", "[cli][compare]") {
    const json summary = read_json(kapferer_out() + "/change_summary.json");
    const json ref = read_json(test::fixture("cli/fixtures/kapferer_change/reference.json"));
    for (const char* type : {"sociational", "instrumental"}) {
        INFO(type);
        check_counts(summary["ties"]["by_type"][type], ref["by_type"][type]);
    }
    check_counts(summary["ties"]["all_types"], ref["all_types"]);
    check_counts(summary["ties"]["combined"], ref["combined"]);
    CHECK(summary["ties"]["combined"]["new"] == 137);  // 248 pairs at t2, 175 at t1, 111 at both
    CHECK(summary["before"]["wave"] == "t1");
    CHECK(summary["after"]["wave"] == "t2");
    CHECK(summary["network"]["density"]["before"].get<double>() == Approx(ref["density"]["t1"].get<double>()));
    CHECK(summary["network"]["density"]["after"].get<double>() == Approx(ref["density"]["t2"].get<double>()));

    const CsvTable ties = read_csv(kapferer_out() + "/tie_changes.csv");
    std::map<std::string, int> statuses;
    for (const auto& row : ties.rows) ++statuses[row[ties.column("status")]];
    CHECK(statuses == std::map<std::string, int>{{"new", 187}, {"dissolved", 103}, {"stable", 131}});
}

TEST_CASE("Kapferer: every worker's degree, betweenness and closeness change as NetworkX computes", "[cli][compare]") {
    const auto people = by_id(kapferer_out() + "/people_change.csv");
    const json ref = read_json(test::fixture("cli/fixtures/kapferer_change/reference.json"))["people"];
    REQUIRE(people.size() == 39);
    for (const auto& [id, want] : ref.items()) {
        INFO(id);
        const auto& row = people.at(id);
        CHECK(row.at("presence") == "both");  // the 39 are the workers present at both times
        for (const char* metric : {"degree", "betweenness", "closeness"}) {
            const double before = want[metric][0], after = want[metric][1];
            CHECK(std::stod(row.at(std::string(metric) + "_before")) == Approx(before).margin(1e-9));
            CHECK(std::stod(row.at(std::string(metric) + "_after")) == Approx(after).margin(1e-9));
            CHECK(std::stod(row.at(std::string(metric) + "_change")) == Approx(after - before).margin(1e-9));
        }
        CHECK(row.at("community_change").empty());  // community numbers are labels
    }
    // NetworkX finds no isolates at either time, so nobody moves into or out of isolation.
    CHECK(read_csv(kapferer_out() + "/isolation_changes.csv").rows.empty());
}

TEST_CASE("Kapferer: the change diagram shows new ties green and solid, lost ties vermillion and dashed", "[cli][compare]") {
    const std::string dot = test::slurp(kapferer_out() + "/diagrams/change.dot");
    const auto count = [&](const std::string& text) {
        std::size_t n = 0;
        for (std::size_t at = dot.find(text); at != std::string::npos; at = dot.find(text, at + 1)) ++n;
        return n;
    };
    CHECK(count("color=\"#009E73\"") == 137);  // the combined network's new pairs
    CHECK(count("color=\"#D55E00\"") == 64);   // and its dissolved pairs
    CHECK(count("style=dashed") == 64);
    CHECK(count("color=\"#BBBBBB\"") == 111);
    const std::string svg = test::slurp(kapferer_out() + "/diagrams/change.svg");
    CHECK_THAT(svg, Catch::Contains("Change from wave t1 to wave t2: 137 new, 64 lost, 111 kept tied pairs (Jaccard 0.36)"));
    CHECK(read_csv(kapferer_out() + "/people_change.csv").rows.size() == 39);
}

TEST_CASE("compare writes the same bytes every run", "[cli][compare]") {
    const std::string again = compared("kapferer_again", {kapferer_config(), "--waves", "t1,t2"});
    for (const char* file : {"change_summary.json", "tie_changes.csv", "people_change.csv", "isolation_changes.csv",
                             "diagrams/change.svg", "diagrams/change.dot"}) {
        INFO(file);
        CHECK(test::slurp(again + "/" + file) == test::slurp(kapferer_out() + "/" + file));
    }
}

TEST_CASE("research output of compare has no names and no original ids", "[cli][compare][privacy]") {
    ::setenv("STAFFNET_KEY", "test key, not secret", 1);
    const std::string out = compared("kapferer_research", {kapferer_config(), "--waves", "t1,t2", "--research"});
    ::unsetenv("STAFFNET_KEY");
    std::string everything;
    for (const auto& entry : fs::recursive_directory_iterator(out))
        if (entry.is_regular_file()) everything += test::slurp(entry.path().string());
    const CsvTable people = read_csv(test::shared_data("kapferer_tailorshop/people.csv"));
    for (const auto& row : people.rows) {
        INFO(row[0] << " " << row[1]);
        CHECK(everything.find("," + row[1] + ",") == std::string::npos);
        CHECK(everything.find(row[0] + ",") == std::string::npos);  // T01.. as cells
        CHECK(everything.find(">" + row[1] + "<") == std::string::npos);  // as SVG text
    }
    // Each pseudonym names the same worker in every file.
    const auto changed = by_id(out + "/people_change.csv");
    const CsvTable ties = read_csv(out + "/tie_changes.csv");
    for (const auto& row : ties.rows) {
        CHECK(changed.count(row[ties.column("source")]) == 1);
        CHECK(row[ties.column("source_name")].empty());
    }
}

TEST_CASE("the example district's planted wave-2 changes are recovered", "[cli][compare][example]") {
    const json summary = read_json(district_out() + "/change_summary.json");
    CHECK(summary["before"]["wave"] == "1");
    CHECK(summary["after"]["wave"] == "2");
    CHECK(summary["people"]["in_both"] == 497);
    // examples/district/README.md: 1235 of the 1431 wave-1 ties persist, 177 are new; 1412 in wave 2.
    check_counts(summary["ties"]["all_types"], {{"before", 1431}, {"after", 1412}, {"stable", 1235}, {"new", 177}, {"dissolved", 196}});
    const std::map<std::string, std::pair<int, int>> per_type = {
        {"shared_project", {522, 520}}, {"past_collaboration", {416, 396}}, {"contact_exchange", {155, 167}}, {"social", {338, 329}}};
    for (const auto& [type, counts] : per_type) {
        INFO(type);
        CHECK(summary["ties"]["by_type"][type]["before"] == counts.first);
        CHECK(summary["ties"]["by_type"][type]["after"] == counts.second);
    }

    // Outreach reached S14's principal P153 (no ties at all in wave 1) through D02 and D08.
    const CsvTable iso = read_csv(district_out() + "/isolation_changes.csv");
    std::map<std::string, std::set<std::string>> moved;
    for (const auto& row : iso.rows) moved[row[iso.column("change")]].insert(row[iso.column("id")]);
    CHECK(moved["out_of_isolation"] == std::set<std::string>{"P153"});
    CHECK(moved["still_isolated"] == std::set<std::string>{"P012", "P067", "P092", "P421", "P427", "P448"});
    CHECK(moved.count("into_isolation") == 0);
    const auto people = by_id(source_dir + "/examples/district/people.csv");
    for (const auto& row : iso.rows)
        if (row[iso.column("id")] == "P153")
            for (const char* member : {"D02", "D08"}) CHECK_THAT(row[iso.column("reasons")], Catch::Contains(people.at(member).at("name")));

    // The two schools reached now have district ties; the other two isolated schools still have none.
    const auto schools = by_id(district_out() + "/schools_change.csv");
    for (const char* s : {"S14", "S33"}) {
        INFO(s);
        CHECK(schools.at(s).at("district_ties_before") == "0");
        CHECK(schools.at(s).at("district_ties_after") == "3");
        CHECK(schools.at(s).at("district_members_after") == "2");
        CHECK(schools.at(s).at("leaders_without_district_tie_change") == "-1");
    }
    for (const char* s : {"S13", "S36"}) CHECK(schools.at(s).at("district_ties_after") == "0");

    const CsvTable ties = read_csv(district_out() + "/tie_changes.csv");
    std::set<std::string> added;
    for (const auto& row : ties.rows)
        if (row[ties.column("status")] == "new") added.insert(row[ties.column("source")] + "-" + row[ties.column("target")]);
    for (const auto& [a, b] : {std::pair{"P153", "D02"}, {"P153", "D08"}, {"P163", "D02"}, {"P383", "D02"}, {"P383", "D06"}, {"P384", "D02"}}) {
        INFO(a << "-" << b);
        CHECK((added.count(std::string(a) + "-" + b) + added.count(std::string(b) + "-" + a)) == 1);
    }

    const CsvTable corr = read_csv(district_out() + "/correlations_change.csv");
    bool found = false;
    for (const auto& row : corr.rows)
        if (row[0] == "district_ties" && row[1] == "pl_attendance_rate") {
            found = true;
            const double before = std::stod(row[corr.column("rho_before")]), after = std::stod(row[corr.column("rho_after")]);
            CHECK(before == Approx(0.66).margin(0.005));  // README: rho = 0.66 on wave 1
            CHECK(std::stod(row[corr.column("rho_change")]) == Approx(after - before));
            CHECK(row[corr.column("schools_paired")] == "40");
            CHECK(std::stod(row[corr.column("change_ci_low")]) <= std::stod(row[corr.column("change_ci_high")]));
        }
    CHECK(found);
}

TEST_CASE("one config per wave: people who left or joined, a move between schools, and the first config's settings", "[cli][compare]") {
    // tests/cli/fixtures/waves: P3 leaves, P4 joins, P2 moves from S1 to S2, P5 (alone in wave 1) meets P4.
    const std::string wave1 = test::fixture("cli/fixtures/waves/wave1.yaml"), wave2 = test::fixture("cli/fixtures/waves/wave2.yaml");
    const std::string out = test::temp_dir("waves_fixture");
    const test::Run r = test::run({"compare", wave1, wave2, "--out", out, "--force"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.err, Catch::Contains(wave2 + ": warning: its network settings differ from " + wave1 + "'s; both waves are built with those of " +
                                      wave1 + "\n"));
    CHECK(test::slurp(out + "/tie_changes.csv") ==
          "source,source_name,target,target_name,type,status,weight_before,weight_after,weight_change\n"
          "D1,Dana Reyes,P2,Bo Chen,social,new,,1,\n"
          "P1,Ann Lee,P2,Bo Chen,social,dissolved,1,,\n"
          "P1,Ann Lee,P4,Di Eng,social,new_person,,1,\n"
          "P5,Eve Fox,P4,Di Eng,social,new_person,,1,\n"
          "P2,Bo Chen,P3,Cy Diaz,social,person_left,1,,\n"
          "D1,Dana Reyes,P1,Ann Lee,shared_project,stable,1,2,1\n");
    CHECK(test::slurp(out + "/isolation_changes.csv") ==
          "id,name,role,school,before,after,change,reasons,isolate_rule,tie_types\n"
          "P5,Eve Fox,staff,S1,isolated,connected,out_of_isolation,was isolated (no ties at all); new ties to Di Eng,no_ties,"
          "shared_project+past_collaboration+contact_exchange+social\n");
    const auto people = by_id(out + "/people_change.csv");
    CHECK(people.at("P3").at("presence") == "left");
    CHECK(people.at("P3").at("degree_before") == "1");
    CHECK(people.at("P3").at("degree_after").empty());
    CHECK(people.at("P3").at("degree_change").empty());
    CHECK(people.at("P4").at("presence") == "joined");
    CHECK(people.at("P2").at("school_before") == "S1");
    CHECK(people.at("P2").at("school_after") == "S2");
    CHECK(people.at("P5").at("degree_change") == "1");
    const json summary = read_json(out + "/change_summary.json");
    CHECK(summary["people"] == json{{"in_both", 4}, {"joined", 1}, {"left", 1}});
    CHECK(summary["directed"] == false);  // wave1.yaml's setting
    const json& combined = summary["ties"]["combined"];
    CHECK(combined["new_person"] == 2);
    CHECK(combined["person_left"] == 1);
    CHECK(combined["jaccard"].get<double>() == Approx(1.0 / 3.0));  // D1-P1 kept; D1-P2 new; P1-P2 lost
    CHECK(summary["before"]["wave"] == "");  // no wave column: the waves are named by their configs
}

TEST_CASE("ties without a wave are in neither wave, and analysing several waves together is flagged", "[cli][compare]") {
    const std::string config = test::fixture("cli/fixtures/waves/one_file.yaml");
    const std::string ties = test::fixture("cli/fixtures/waves/ties_waves.csv");
    const test::Run r = test::run({"compare", config, "--waves", "1,2", "--out", test::temp_dir("one_file"), "--force"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.err, Catch::Contains(ties + ": warning: 1 ties have a blank wave and are in no wave; write the wave on every tie\n"));
    CHECK_THAT(r.out, Catch::Contains("loaded " + config + " (wave 1): 5 people (1 district_team, 1 school_leader, 3 staff), 2 ties"));
    const test::Run v = test::run({"validate", config});
    CHECK_THAT(v.err, Catch::Contains(ties + ": warning: the ties hold 2 waves ('1', '2') and are taken together as one network; to see "
                                             "change between waves, run staffnet compare with --waves 1,2\n"));
}

TEST_CASE("asking for waves wrongly is bad input that names the fix and writes nothing", "[cli][compare]") {
    const std::string out = (fs::path(test::temp_dir("compare_bad")) / "out").string();
    const std::string ties = (fs::path(kapferer_config()).parent_path() / "ties.csv").string();
    const std::string good = test::fixture("cli/fixtures/good.yaml");
    const std::string io_ties = (fs::path(test::fixture("io/fixtures")) / "ties.csv").lexically_normal().string();
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{kapferer_config(), "--waves", "t1,t3"},
         ties + ":1:5: error: wave 't3' is not in the wave column (it has 't1', 't2'); name two waves that are there, for example --waves t1,t2"},
        {{kapferer_config(), "--waves", "t1"},
         "--waves: error: --waves needs two different waves separated by a comma, got 't1'; write the earlier wave first, for example --waves 1,2"},
        {{kapferer_config()},
         kapferer_config() + ": error: compare needs two waves, and one config was given without --waves; give each wave its own config "
                             "(staffnet compare wave1.yaml wave2.yaml), or name two values of the ties' wave column (--waves 1,2)"},
        {{kapferer_config(), kapferer_config(), "--waves", "t1,t2"},
         "--waves: error: --waves chooses two waves of one config's ties file, and two configs were given; give one config with --waves A,B, "
         "or one config per wave without --waves"},
        {{good, "--waves", "1,2"},
         io_ties + ":1: error: there is no 'wave' column to choose waves from; add a wave column (for example 1 or 2 on each tie), or give each "
                   "wave its own config: staffnet compare wave1.yaml wave2.yaml"},
    };
    for (const auto& [args, message] : cases) {
        std::vector<std::string> full = {"compare"};
        full.insert(full.end(), args.begin(), args.end());
        full.insert(full.end(), {"--out", out});
        const test::Run r = test::run(full);
        INFO(r.err);
        CHECK(r.code == 2);
        CHECK_THAT(r.err, Catch::StartsWith(message + "\n"));
        CHECK_FALSE(fs::exists(out));
    }
}
