// Config: the settings of one congtin process.
//
// Precedence, lowest to highest: built-in defaults, the TOML file (DIR/congtin.toml, or the
// file named by --config / CONGTIN_CONFIG), environment variables (CONGTIN_LISTEN,
// CONGTIN_THREADS, CONGTIN_THEME, CONGTIN_BASE_URL, CONGTIN_LOG_LEVEL, CONGTIN_ACCESS_LOG),
// then command-line flags (applied by the caller after load()).
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
