#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <string>

namespace congtin {

Status init_logging(std::string_view level) {
  auto lvl = spdlog::level::from_str(std::string(level));
  // from_str answers "off" for anything it does not know; only accept "off" when asked.
  if (lvl == spdlog::level::off && level != "off")
    return Error::invalid("unknown log level '" + std::string(level) +
                          "' (use trace, debug, info, warn, error or off)");
  static auto logger = [] {
    auto l = spdlog::stderr_logger_mt("congtin");
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
    return l;
  }();
  // The HTTP server writes its access log to the logger named "access": one line per request
  // on standard output, buffered and flushed every second so that logging costs no system
  // call per request. It keeps level info whatever the diagnostic level is.
  static auto access = [] {
    auto l = spdlog::stdout_logger_mt("access");
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %v");
    return l;
  }();
  spdlog::set_default_logger(logger);
  spdlog::set_level(lvl);
  access->set_level(spdlog::level::info);
  spdlog::flush_every(std::chrono::seconds(1));
  return {};
}

}  // namespace congtin
