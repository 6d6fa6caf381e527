#include "store/sqlite/search_fts_query.h"

#include <vector>

namespace congtin::store::sqlite {
namespace {

// Which columns congtin_rank counts a phrase in (see the header).
constexpr int kFolded = 0;
constexpr int kExact = 1;
// Phrase weights (congtin_rank): a required term 1; its exact form, typed with diacritics,
// 1 more.
constexpr double kTermWeight = 1.0;
constexpr double kExactWeight = 1.0;

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view op) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += op;
    out += p;
  }
  return out;
}

// Builds an expression and the arguments of its phrases side by side, so they stay in step.
class Builder {
 public:
  // A phrase (or prefix), counted on the given side.
  std::string phrase(int side, std::string_view text, bool prefix, double w, int slot = -1) {
    weights_.push_back(std::to_string(w));
    slots_.push_back(std::to_string(slot));
    sides_.push_back(std::to_string(side));
    std::string out = quoted(text);
    if (prefix) out += " *";
    return out;
  }
  std::string weights() const { return join(weights_, " "); }
  std::string slots() const { return join(slots_, " "); }
  std::string sides() const { return join(sides_, " "); }

 private:
  std::vector<std::string> weights_, slots_, sides_;
};

bool is_prefix(const search::Term& t) { return t.kind == search::TermKind::kPrefix; }

}  // namespace

FtsExpressions fts_expressions(const search::Query& q) {
  if (q.empty()) return {};
  FtsExpressions out;
  Builder plain, b;  // plain: the filter (its arguments unused); b: the ranked expression
  std::vector<std::string> required, boosted, excluded;
  int slot = 0;
  for (const auto& t : q.terms) {
    if (t.excluded) continue;
    // A plain word of one token can be placed; "covid-19" or a phrase cannot.
    std::size_t tokens = 0;
    search::for_each_word(t.folded, [&](std::size_t, std::size_t) { ++tokens; });
    const bool placeable = t.kind == search::TermKind::kWord && tokens == 1;
    required.push_back(plain.phrase(kFolded, t.folded, is_prefix(t), 0));
    std::string m = b.phrase(kFolded, t.folded, is_prefix(t), kTermWeight, placeable ? slot++ : -1);
    if (t.has_marks) {
      // unicode61 lower-cases the exact form itself; the text is NFC like the indexed text.
      m = "(" + m + " OR " + b.phrase(kExact, t.text, is_prefix(t), kExactWeight) + ")";
    }
    boosted.push_back(std::move(m));
  }
  for (const auto& t : q.terms) {
    if (t.excluded) excluded.push_back(plain.phrase(kFolded, t.folded, is_prefix(t), 0));
  }
  out.filter = "(" + join(required, " AND ") + ")";
  out.ranked = "(" + join(boosted, " AND ") + ")";
  if (!excluded.empty()) {
    const std::string no = " NOT (" + join(excluded, " OR ") + ")";
    out.filter += no;
    out.ranked += no;
  }
  out.weights = b.weights();
  out.slots = b.slots();
  out.sides = b.sides();
  return out;
}

}  // namespace congtin::store::sqlite
