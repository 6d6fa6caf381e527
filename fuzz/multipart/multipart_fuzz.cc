// Fuzz target for the hand-written multipart/form-data parser (http/multipart.h). The input
// is a Content-Type value, a NUL byte, then the body (or the body alone under a fixed
// boundary when there is no NUL).
//
// Invariants: parsing never crashes or reads outside the body; every part's data is a view
// inside the body; at most max_parts parts; a part's data never contains the delimiter; a
// successful parse is repeatable (same parts from the same input); every error is
// kInvalidArgument with the Vietnamese prefix.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "http/multipart.h"

using congtin::http::MultipartLimits;
using congtin::http::parse_multipart;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = in.find('\0');
  const std::string_view type =
      cut == std::string_view::npos ? "multipart/form-data; boundary=XyZ" : in.substr(0, cut);
  const std::string_view body = cut == std::string_view::npos ? in : in.substr(cut + 1);

  MultipartLimits limits;
  limits.max_parts = 8;
  limits.max_header_bytes = 512;
  auto parts = parse_multipart(type, body, limits);
  if (!parts) {
    FUZZ_CHECK(parts.error().kind == congtin::ErrorKind::kInvalidArgument);
    FUZZ_CHECK(parts.error().message.starts_with("Dữ liệu tải lên không đúng định dạng"));
    return 0;
  }
  auto boundary = congtin::http::multipart_boundary(type);
  FUZZ_CHECK(boundary.ok());
  const std::string delimiter = "\r\n--" + *boundary;
  FUZZ_CHECK(parts->size() <= limits.max_parts);
  for (const auto& p : *parts) {
    FUZZ_CHECK(p.data.data() >= body.data());
    FUZZ_CHECK(p.data.data() + p.data.size() <= body.data() + body.size());
    FUZZ_CHECK(p.data.find(delimiter) == std::string_view::npos);
  }
  auto again = parse_multipart(type, body, limits);
  FUZZ_CHECK(again.ok() && again->size() == parts->size());
  for (std::size_t i = 0; i < parts->size(); ++i) {
    FUZZ_CHECK((*again)[i].name == (*parts)[i].name);
    FUZZ_CHECK((*again)[i].data == (*parts)[i].data);
  }
  return 0;
}
