// Config: the settings of one congtin process.
//
// Precedence, lowest to highest: built-in defaults, the TOML file (DIR/congtin.toml, or the
// file named by --config / CONGTIN_CONFIG), environment variables (CONGTIN_LISTEN,
// CONGTIN_THREADS, CONGTIN_THEME, CONGTIN_BASE_URL, CONGTIN_LOG_LEVEL, CONGTIN_ACCESS_LOG,
// and those named beside the fields below), then command-line flags (applied by the caller
// after load()). Invalid values are errors that name the key or variable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace congtin {

struct Config {
  std::filesystem::path data_dir = "data";
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  int threads = 0;  // 0: one per core
  std::filesystem::path theme_dir;  // empty: the default theme shipped with congtin
  std::string base_url;             // public origin for absolute links; empty: relative
  std::string log_level = "info";
  bool access_log = true;
  // Visitor statistics (stats/): TOML stats, stats_flush_seconds, trusted_proxies; env
  // CONGTIN_STATS, CONGTIN_TRUSTED_PROXIES (comma-separated). X-Forwarded-For is believed only
  // from the proxies named here (exact addresses); none by default.
  bool stats = true;
  int stats_flush_seconds = 5;
  std::vector<std::string> trusted_proxies;

  // Rendered-page cache cap in MiB (cache/page_cache.h): TOML page_cache_mb, env
  // CONGTIN_PAGE_CACHE_MB, flag --page-cache-mb; 0 turns the cache off (benchmarks of the
  // full render). Resident memory is about this plus 150 MB at 100,000 articles.
  int page_cache_mb = 64;

  // Back-office login limits (auth/login_limiter.h; Drupal's defaults) and cookies: TOML
  // login_account_failures, login_account_window_seconds, login_address_failures,
  // login_address_window_seconds, secure_cookies; env CONGTIN_LOGIN_ACCOUNT_FAILURES,
  // CONGTIN_LOGIN_ACCOUNT_WINDOW, CONGTIN_LOGIN_ADDRESS_FAILURES, CONGTIN_LOGIN_ADDRESS_WINDOW
  // (seconds), CONGTIN_SECURE_COOKIES. A failure limit of 0 turns that limit off. Cookies are
  // Secure also whenever base_url is https://.
  int login_account_failures = 5;
  int login_account_window_seconds = 6 * 3600;
  int login_address_failures = 50;
  int login_address_window_seconds = 3600;
  bool secure_cookies = false;

  // Media uploads (media/library.h): the largest file in MiB, TOML media_max_mib, env
  // CONGTIN_MEDIA_MAX_MIB, 1-24 (an upload request may carry 25 MiB); the largest image in
  // millions of pixels, all frames counted, TOML media_max_megapixels, env
  // CONGTIN_MEDIA_MAX_MEGAPIXELS, 1-200.
  int media_max_mib = 20;
  int media_max_megapixels = 40;

  // HTTP limits.
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  int read_timeout_seconds = 15;
  int idle_timeout_seconds = 60;

  std::filesystem::path db_path() const { return data_dir / "congtin.db"; }
  std::filesystem::path media_dir() const { return data_dir / "media"; }
};

// Parses "HOST:PORT" (or "[v6]:PORT", or ":PORT" for all interfaces) into the config.
Status parse_listen(std::string_view s, Config& c);

// Applies the TOML file (if it exists; an explicit file that is missing is an error) and then
// the environment. Unknown keys and wrong types are errors that name the key.
Status load_config(Config& c, const std::filesystem::path& explicit_file = {});

// The directory of congtin's own files (themes/, demo/): CONGTIN_HOME if set, else the source
// tree the binary was built from.
std::filesystem::path install_dir();

}  // namespace congtin
