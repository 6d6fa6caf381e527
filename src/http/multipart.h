// A bounded multipart/form-data parser (RFC 7578 over RFC 2046) for uploads.
//
// Debian packages no well-kept C++ parser for HTTP form bodies (GMime parses mail, not forms),
// so this one is hand-written, small and fuzzed (fuzz/multipart/). It works on a body that the
// server has already read whole and bounded (http/server.h: ServerOptions::large_bodies); parts
// are views into that body, so nothing is copied. What it accepts:
//   - Content-Type "multipart/form-data; boundary=B" (B quoted or not, 1-70 characters);
//   - an optional preamble, then "--B" delimiters each followed by optional spaces/tabs and
//     CRLF, part headers up to a blank line, the part's bytes up to CRLF "--B", and the close
//     delimiter "--B--" (an epilogue after it is ignored);
//   - in each part a "Content-Disposition: form-data" header with name="..." and, for files,
//     filename="..." (quoted strings with backslash escapes; browsers percent-encode quotes);
//     an optional Content-Type.
// Limits: at most max_parts parts and max_header_bytes of headers per part; more is an error
// rather than a truncation, so a caller never acts on half a form.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace congtin::http {

struct MultipartPart {
  std::string name;                     // the form field's name
  std::optional<std::string> filename;  // set for file fields (may be ""), as the client sent it
  std::string content_type;             // the part's Content-Type, "" when absent
  std::string_view data;                // the part's bytes, a view into the parsed body
};

struct MultipartLimits {
  std::size_t max_parts = 32;
  std::size_t max_header_bytes = 8 * 1024;  // per part
};

// The boundary of a multipart/form-data Content-Type value; kInvalidArgument when the type is
// something else or the boundary is missing or malformed.
Result<std::string> multipart_boundary(std::string_view content_type);

// Parses body as multipart/form-data under content_type. kInvalidArgument, with a Vietnamese
// message, when the type or boundary is wrong, the body is malformed or truncated (no close
// delimiter), a part lacks a form-data name, or a limit is exceeded.
Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type,
                                                   std::string_view body,
                                                   const MultipartLimits& limits = {});

// The first part with this field name, or nullptr.
const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace congtin::http
