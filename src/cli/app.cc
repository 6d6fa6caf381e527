#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "core/config.h"
#include "core/log.h"

namespace congtin::cli {

int fail(const std::string& message) {
  std::cerr << "congtin: " << message << "\n";
  return 1;
}

int run(int argc, char** argv) {
  CLI::App app{"congtin — a web portal engine for Vietnamese state agencies"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "congtin 0.1.0");

  InitOptions init;
  auto* init_cmd = app.add_subcommand("init", "Create a new site in a data directory");
  init_cmd->add_option("--data", init.data_dir, "Data directory (DIR/congtin.db, DIR/media/)")
      ->required();
  init_cmd->add_flag("--demo", init.demo, "Fill the site with the demo content");

  Config config;
  std::string listen, theme, config_file;
  int threads = -1;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the site over HTTP");
  serve_cmd->add_option("--data", config.data_dir, "Data directory made by `congtin init`")
      ->required();
  serve_cmd->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve_cmd->add_option("--threads", threads, "Worker threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  serve_cmd->add_option("--theme", theme, "Theme directory (default: the built-in theme)");
  int page_cache_mb = -1;
  serve_cmd->add_option("--page-cache-mb", page_cache_mb, "Page cache cap in MiB (0: off)")
      ->check(CLI::Range(0, 65536));
  serve_cmd->add_option("--config", config_file,
                        "TOML settings file (default: DIR/congtin.toml if present)");
  // Login limits and cookies (Config; -1: not given on the command line).
  int login_account_failures = -1, login_account_window = -1;
  int login_address_failures = -1, login_address_window = -1;
  bool secure_cookies = false;
  serve_cmd
      ->add_option("--login-account-failures", login_account_failures,
                   "Failed logins per account before it waits (default 5; 0: no limit)")
      ->check(CLI::Range(0, 1000));
  serve_cmd
      ->add_option("--login-account-window", login_account_window,
                   "Seconds the account limit counts back (default 21600, 6 hours)")
      ->check(CLI::Range(1, 30 * 86400));
  serve_cmd
      ->add_option("--login-address-failures", login_address_failures,
                   "Failed logins per client address before it waits (default 50; 0: no limit)")
      ->check(CLI::Range(0, 100000));
  serve_cmd
      ->add_option("--login-address-window", login_address_window,
                   "Seconds the address limit counts back (default 3600)")
      ->check(CLI::Range(1, 30 * 86400));
  serve_cmd->add_flag("--secure-cookies", secure_cookies,
                      "Mark back-office cookies Secure (HTTPS proxy that sends no "
                      "X-Forwarded-Proto; automatic with an https:// base_url)");
  serve_cmd->footer(
      "Environment: CONGTIN_LISTEN, CONGTIN_THREADS, CONGTIN_THEME, CONGTIN_BASE_URL,\n"
      "CONGTIN_LOG_LEVEL, CONGTIN_ACCESS_LOG, CONGTIN_CONFIG, CONGTIN_SECURE_COOKIES,\n"
      "CONGTIN_LOGIN_ACCOUNT_FAILURES, CONGTIN_LOGIN_ACCOUNT_WINDOW,\n"
      "CONGTIN_LOGIN_ADDRESS_FAILURES, CONGTIN_LOGIN_ADDRESS_WINDOW. Flags override the\n"
      "environment, which overrides the TOML file.");

  ImportOptions import;
  auto* import_cmd = app.add_subcommand("import", "Import articles from a JSON Lines file");
  import_cmd->add_option("--data", import.data_dir, "Data directory made by `congtin init`")
      ->required();
  import_cmd->add_option("file", import.file, "FILE.jsonl: one article per line")->required();
  import_cmd->add_flag("--skip-invalid", import.skip_invalid,
                       "Import the valid lines and report the invalid ones");

  ReindexOptions reindex_opts;
  auto* reindex_cmd =
      app.add_subcommand("reindex", "Rebuild the search index from the published articles");
  reindex_cmd->add_option("--data", reindex_opts.data_dir, "Data directory made by `congtin init`")
      ->required();

  UserAddOptions user_add_opts;
  auto* user_cmd = app.add_subcommand("user", "Manage newsroom accounts");
  user_cmd->require_subcommand(1);
  auto* user_add_cmd = user_cmd->add_subcommand(
      "add", "Create an account; the password is read from standard input (one line)");
  user_add_cmd
      ->add_option("--data", user_add_opts.data_dir, "Data directory made by `congtin init`")
      ->required();
  user_add_cmd->add_option("--username", user_add_opts.username, "Login name (a-z 0-9 . _ -)")
      ->required();
  user_add_cmd
      ->add_option("--role", user_add_opts.role,
                   "cong_tac_vien, phong_vien, bien_tap_vien, truong_ban or quan_tri")
      ->required();
  user_add_cmd->add_option("--name", user_add_opts.display_name,
                           "Full name shown in the back office");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    if (auto s = init_logging("info"); !s) return fail(s.error().message);
    if (*init_cmd) return init_site(init);
    if (*import_cmd) return import_articles(import);
    if (*reindex_cmd) return reindex(reindex_opts);
    if (*user_add_cmd) return user_add(user_add_opts);
    if (*serve_cmd) {
      if (auto s = load_config(config, config_file); !s) return fail(s.error().message);
      if (!listen.empty())
        if (auto s = parse_listen(listen, config); !s) return fail(s.error().message);
      if (threads > 0) config.threads = threads;
      if (!theme.empty()) config.theme_dir = theme;
      if (page_cache_mb >= 0) config.page_cache_mb = page_cache_mb;
      if (login_account_failures >= 0) config.login_account_failures = login_account_failures;
      if (login_account_window > 0) config.login_account_window_seconds = login_account_window;
      if (login_address_failures >= 0) config.login_address_failures = login_address_failures;
      if (login_address_window > 0) config.login_address_window_seconds = login_address_window;
      if (secure_cookies) config.secure_cookies = true;
      if (auto s = init_logging(config.log_level); !s) return fail(s.error().message);
      return serve(config);
    }
  } catch (const std::exception& e) {
    return fail(std::string("unexpected error: ") + e.what());
  }
  return 2;
}

}  // namespace congtin::cli
