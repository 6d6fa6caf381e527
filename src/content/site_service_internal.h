// Internal to the SiteService files (site_service*.cc): text cleaning and bounds.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace congtin::content::site_internal {

// NFC, white space squashed and trimmed.
std::string clean_line(std::string_view s);
// Unicode code points in valid UTF-8.
std::size_t char_count(std::string_view s);
// nullopt if s has at most max code points, else "<field> dài quá <max> ký tự."
std::optional<std::string> check_length(std::string_view field, std::string_view s,
                                        std::size_t max);
// “s” in Vietnamese quotation marks, for messages and audit details.
std::string quoted(std::string_view s);
// kNotFound in Vietnamese ("Không tìm thấy <what>.").
Error not_found_vi(std::string_view what);

}  // namespace congtin::content::site_internal
