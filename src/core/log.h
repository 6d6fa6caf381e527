// Logging: spdlog, configured once at start-up. Lines go to standard error.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

#include "core/result.h"

namespace congtin {

// Sets the level ("trace", "debug", "info", "warn", "error", "off"); kInvalidArgument if unknown.
Status init_logging(std::string_view level);

}  // namespace congtin
