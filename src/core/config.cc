#include "core/config.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <thread>

namespace congtin {

namespace {

Result<std::uint16_t> parse_port(std::string_view s) {
  unsigned v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v > 65535)
    return Error::invalid("invalid port '" + std::string(s) + "' (expected 0-65535)");
  return static_cast<std::uint16_t>(v);
}

Result<int> parse_int(std::string_view name, std::string_view s, int lo, int hi) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi)
    return Error::invalid(std::string(name) + ": expected a whole number from " +
                          std::to_string(lo) + " to " + std::to_string(hi) + ", got '" +
                          std::string(s) + "'");
  return v;
}

Result<bool> parse_bool(std::string_view name, std::string_view s) {
  if (s == "1" || s == "true" || s == "on" || s == "yes") return true;
  if (s == "0" || s == "false" || s == "off" || s == "no") return false;
  return Error::invalid(std::string(name) + ": expected true or false, got '" + std::string(s) +
                        "'");
}

// Bounded integers with one TOML key and one environment variable each (for the login
// limits and media limits, the variables are the names congtin used before they moved into
// Config).
struct BoundedInt {
  const char* key;
  const char* env;
  int Config::*field;
  int lo;
  int hi;
};
constexpr BoundedInt kBoundedInts[] = {
    {"login_account_failures", "CONGTIN_LOGIN_ACCOUNT_FAILURES", &Config::login_account_failures,
     0, 1000},
    {"login_account_window_seconds", "CONGTIN_LOGIN_ACCOUNT_WINDOW",
     &Config::login_account_window_seconds, 1, 30 * 86400},
    {"login_address_failures", "CONGTIN_LOGIN_ADDRESS_FAILURES", &Config::login_address_failures,
     0, 100000},
    {"login_address_window_seconds", "CONGTIN_LOGIN_ADDRESS_WINDOW",
     &Config::login_address_window_seconds, 1, 30 * 86400},
    {"media_max_mib", "CONGTIN_MEDIA_MAX_MIB", &Config::media_max_mib, 1, 24},
    {"media_max_megapixels", "CONGTIN_MEDIA_MAX_MEGAPIXELS", &Config::media_max_megapixels, 1,
     200},
};

const BoundedInt* bounded_int(std::string_view key) {
  for (const BoundedInt& li : kBoundedInts)
    if (key == li.key) return &li;
  return nullptr;
}

Status apply_toml(Config& c, const std::filesystem::path& file) {
  toml::table t;
  try {
    t = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return Error::invalid(file.string() + ": " + std::string(e.description()));
  }
  for (auto&& [key, node] : t) {
    const std::string k(key.str());
    auto want = [&](const char* type) {
      return Error::invalid(file.string() + ": key '" + k + "' must be " + type);
    };
    if (k == "listen") {
      auto v = node.value<std::string>();
      if (!v) return want("a string \"HOST:PORT\"");
      if (auto s = parse_listen(*v, c); !s) return Error::invalid(file.string() + ": " + s.error().message);
    } else if (k == "threads") {
      auto v = node.value<int64_t>();
      if (!v || *v < 0 || *v > 256) return want("an integer from 0 to 256");
      c.threads = static_cast<int>(*v);
    } else if (k == "theme") {
      auto v = node.value<std::string>();
      if (!v) return want("a string");
      c.theme_dir = *v;
    } else if (k == "base_url") {
      auto v = node.value<std::string>();
      if (!v) return want("a string");
      c.base_url = *v;
    } else if (k == "log_level") {
      auto v = node.value<std::string>();
      if (!v) return want("a string");
      c.log_level = *v;
    } else if (k == "access_log") {
      auto v = node.value<bool>();
      if (!v) return want("true or false");
      c.access_log = *v;
    } else if (k == "stats") {
      auto v = node.value<bool>();
      if (!v) return want("true or false");
      c.stats = *v;
    } else if (k == "page_cache_mb") {
      auto v = node.value<int64_t>();
      if (!v || *v < 0 || *v > 65536) return want("an integer from 0 to 65536 (MiB)");
      c.page_cache_mb = static_cast<int>(*v);
    } else if (k == "stats_flush_seconds") {
      auto v = node.value<int64_t>();
      if (!v || *v < 1 || *v > 300) return want("an integer from 1 to 300");
      c.stats_flush_seconds = static_cast<int>(*v);
    } else if (k == "trusted_proxies") {
      const toml::array* arr = node.as_array();
      if (!arr) return want("an array of IP addresses");
      c.trusted_proxies.clear();
      for (auto&& item : *arr) {
        auto v = item.value<std::string>();
        if (!v || v->empty()) return want("an array of IP addresses");
        c.trusted_proxies.push_back(*v);
      }
    } else if (k == "max_body_bytes") {
      auto v = node.value<int64_t>();
      if (!v || *v < 1024 || *v > (int64_t{1} << 31)) return want("an integer from 1024 to 2^31");
      c.max_body_bytes = static_cast<std::size_t>(*v);
    } else if (k == "read_timeout_seconds" || k == "idle_timeout_seconds") {
      auto v = node.value<int64_t>();
      if (!v || *v < 1 || *v > 3600) return want("an integer from 1 to 3600");
      (k == "read_timeout_seconds" ? c.read_timeout_seconds : c.idle_timeout_seconds) =
          static_cast<int>(*v);
    } else if (const BoundedInt* li = bounded_int(k)) {
      auto v = node.value<int64_t>();
      if (!v || *v < li->lo || *v > li->hi)
        return want(("an integer from " + std::to_string(li->lo) + " to " +
                     std::to_string(li->hi)).c_str());
      c.*(li->field) = static_cast<int>(*v);
    } else if (k == "secure_cookies") {
      auto v = node.value<bool>();
      if (!v) return want("true or false");
      c.secure_cookies = *v;
    } else {
      return Error::invalid(file.string() + ": unknown key '" + k + "'");
    }
  }
  return {};
}

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}

}  // namespace

Status parse_listen(std::string_view s, Config& c) {
  auto colon = s.rfind(':');
  if (colon == std::string_view::npos)
    return Error::invalid("listen address '" + std::string(s) + "' must be HOST:PORT");
  std::string_view host = s.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  auto port = parse_port(s.substr(colon + 1));
  if (!port) return port.take_error();
  c.listen_host = host.empty() ? "0.0.0.0" : std::string(host);
  c.listen_port = *port;
  return {};
}

Status load_config(Config& c, const std::filesystem::path& explicit_file) {
  std::filesystem::path file = explicit_file;
  if (file.empty()) {
    if (const char* e = env("CONGTIN_CONFIG")) file = e;
  }
  if (!file.empty()) {
    if (!std::filesystem::exists(file))
      return Error::not_found("config file " + file.string() + " does not exist");
    if (auto s = apply_toml(c, file); !s) return s;
  } else if (std::filesystem::exists(c.data_dir / "congtin.toml")) {
    if (auto s = apply_toml(c, c.data_dir / "congtin.toml"); !s) return s;
  }
  if (const char* v = env("CONGTIN_LISTEN"))
    if (auto s = parse_listen(v, c); !s) return Error::invalid("CONGTIN_LISTEN: " + s.error().message);
  if (const char* v = env("CONGTIN_THREADS")) {
    auto n = parse_int("CONGTIN_THREADS", v, 0, 256);
    if (!n) return n.take_error();
    c.threads = *n;
  }
  if (const char* v = env("CONGTIN_THEME")) c.theme_dir = v;
  if (const char* v = env("CONGTIN_BASE_URL")) c.base_url = v;
  if (const char* v = env("CONGTIN_LOG_LEVEL")) c.log_level = v;
  if (const char* v = env("CONGTIN_ACCESS_LOG")) {
    auto b = parse_bool("CONGTIN_ACCESS_LOG", v);
    if (!b) return b.take_error();
    c.access_log = *b;
  }
  if (const char* v = env("CONGTIN_STATS")) {
    auto b = parse_bool("CONGTIN_STATS", v);
    if (!b) return b.take_error();
    c.stats = *b;
  }
  if (const char* v = env("CONGTIN_PAGE_CACHE_MB")) {
    auto n = parse_int("CONGTIN_PAGE_CACHE_MB", v, 0, 65536);
    if (!n) return n.take_error();
    c.page_cache_mb = *n;
  }
  for (const BoundedInt& li : kBoundedInts) {
    if (const char* v = env(li.env)) {
      auto n = parse_int(li.env, v, li.lo, li.hi);
      if (!n) return n.take_error();
      c.*(li.field) = *n;
    }
  }
  if (const char* v = env("CONGTIN_SECURE_COOKIES")) {
    auto b = parse_bool("CONGTIN_SECURE_COOKIES", v);
    if (!b) return b.take_error();
    c.secure_cookies = *b;
  }
  if (const char* v = env("CONGTIN_TRUSTED_PROXIES")) {
    c.trusted_proxies.clear();
    std::string_view rest(v);
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) c.trusted_proxies.emplace_back(item);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  return {};
}

std::filesystem::path install_dir() {
  if (const char* v = env("CONGTIN_HOME")) return v;
  return CONGTIN_SOURCE_DIR;
}

}  // namespace congtin
