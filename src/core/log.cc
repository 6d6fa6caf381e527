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
  spdlog::set_default_logger(logger);
  spdlog::set_level(lvl);
  return {};
}

}  // namespace congtin
