#include "cli/commands.hpp"

#include "cli/sheet_commands.hpp"
#include "io/diagnostic.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace staffnet {

void add_commands(CLI::App& app) {
    add_analyze_command(app);
    add_validate_command(app);
    add_metrics_command(app);
    add_render_command(app);
    add_compare_command(app);
    add_qap_command(app);
    add_ergm_command(app);
    add_template_command(app);
    add_import_sheet_command(app);
    add_convert_command(app);
    add_serve_command(app);
    add_export_command(app);
}

std::string default_config() {
    const std::string local = "examples/district/config.yaml";
    return std::filesystem::exists(local) ? local : STAFFNET_EXAMPLE_CONFIG;
}

int run_cli(int argc, const char* const* argv) {
    CLI::App app{"staffnet: map the ties between a district's SEL team, school leaders and staff"};
    app.set_version_flag("--version", STAFFNET_VERSION);
    app.require_subcommand(1);
    add_commands(app);
    try {
        app.parse(argc, argv);
        return 0;
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    } catch (const InputError& e) {
        for (const Diagnostic& d : e.diagnostics()) std::cerr << format(d) << '\n';
        std::cerr << "staffnet: stopped; no output was written\n";
        return 2;
    } catch (const std::filesystem::filesystem_error& e) {
        // A path the system refuses (a symbolic-link loop, too long): said plainly, the path shortened.
        std::cerr << "staffnet: error: cannot use the path '" << printable(e.path1().string()) << "': " << printable(e.code().message())
                  << "; check the path\nstaffnet: stopped; no output was written\n";
        return 2;
    } catch (const std::exception& e) {
        // Line by line through printable(): an id quoted in the message shows its invisible characters.
        std::string message = e.what(), shown;
        for (std::size_t start = 0, end = 0; start <= message.size(); start = end + 1) {
            end = std::min(message.find('\n', start), message.size());
            shown += (start ? "\n" : "") + printable(message.substr(start, end - start), 4000);
        }
        std::cerr << "staffnet: error: " << shown << '\n';
        return 1;
    }
}

}  // namespace staffnet
