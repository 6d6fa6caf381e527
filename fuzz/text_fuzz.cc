// Fuzz target for the Vietnamese text helpers: to_nfc, fold, slugify, squash_spaces.
// The input is any byte string (often ill-formed UTF-8); every output must be valid UTF-8 and
// each function must be a fixed point on its own output.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "text/vietnamese.h"

namespace {

using namespace congtin::text;

bool is_slug(std::string_view slug) {
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return slug.empty() ||
         (slug.front() != '-' && slug.back() != '-' && slug.find("--") == std::string_view::npos);
}

void check_slug(std::string_view input, const std::string& folded, std::size_t max_len) {
  const std::string slug = slugify(input, max_len);
  FUZZ_CHECK(is_slug(slug));
  FUZZ_CHECK(slug.size() <= max_len);
  FUZZ_CHECK(slugify(folded, max_len) == slug);
  FUZZ_CHECK(slugify(slug, max_len) == slug);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool valid = is_valid_utf8(input);

  const std::string nfc = to_nfc(input);
  FUZZ_CHECK(is_valid_utf8(nfc));
  FUZZ_CHECK(to_nfc(nfc) == nfc);
  if (!valid) FUZZ_CHECK(nfc.find("\uFFFD") != std::string::npos);  // repaired, not dropped

  const std::string folded = fold(input);
  FUZZ_CHECK(is_valid_utf8(folded));
  FUZZ_CHECK(folded == fold_with_icu(input));  // the table of simple code points agrees
  FUZZ_CHECK(fold(folded) == folded);
  FUZZ_CHECK(fold(nfc) == folded);  // canonically equivalent text folds the same
  for (char c : folded) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
  FUZZ_CHECK(folded.find("\u0111") == std::string::npos);  // đ

  check_slug(input, folded, 120);
  check_slug(input, folded, size % 32);

  const std::string squashed = squash_spaces(input);
  FUZZ_CHECK(is_valid_utf8(squashed));
  FUZZ_CHECK(squash_spaces(squashed) == squashed);
  FUZZ_CHECK(squashed.empty() || (squashed.front() != ' ' && squashed.back() != ' '));
  FUZZ_CHECK(squashed.find("  ") == std::string::npos);
  FUZZ_CHECK(squashed.find_first_of("\t\n\v\f\r") == std::string::npos);
  FUZZ_CHECK(squashed.find("\u00A0") == std::string::npos);
  return 0;
}
