#include "cli/commands.hpp"

#include "cli/sheet_commands.hpp"
#include "io/diagnostic.hpp"

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
    } catch (const std::exception& e) {
        std::cerr << "staffnet: error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace staffnet
