// Compression done once per cached page: gzip at the highest level and brotli.
//
// Both are plain functions of their input, safe to call from any thread. They return nullopt
// only when the library fails (out of memory); callers then keep the identity bytes only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace congtin::cache {

// gzip (RFC 1952) at level 9: paid once per page, so the smallest output wins.
std::optional<std::string> gzip_best(std::string_view data);

// brotli (RFC 7932) in text mode at quality 0..11 with the default window.
std::optional<std::string> brotli(std::string_view data, int quality);

}  // namespace congtin::cache
