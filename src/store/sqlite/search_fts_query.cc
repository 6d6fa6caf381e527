#include "store/sqlite/search_fts_query.h"

#include <vector>

namespace congtin::store::sqlite {
namespace {

// Phrase weight (congtin_rank) of a required term.
constexpr double kTermWeight = 1.0;

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

// Builds an expression's phrases and their arguments side by side, so they stay in step.
class Builder {
 public:
  // A phrase (or prefix).
  std::string phrase(std::string_view text, bool prefix, bool excluded, double w, int slot = -1) {
    weights_.push_back(std::to_string(w));
    slots_.push_back(std::to_string(slot));
    FtsPhrase& p = phrases_.emplace_back();
    p.text = std::string(text);
    p.prefix = prefix, p.excluded = excluded, p.weight = w, p.slot = slot;
    std::string out = quoted(text);
    if (prefix) out += " *";
    return out;
  }
  FtsExpression finish(std::string match) const {
    return {std::move(match), join(weights_, " "), join(slots_, " "), phrases_};
  }

 private:
  std::vector<std::string> weights_, slots_;
  std::vector<FtsPhrase> phrases_;
};

bool is_prefix(const search::Term& t) { return t.kind == search::TermKind::kPrefix; }

}  // namespace

FtsExpression fts_expression(const search::Query& q) {
  if (q.empty()) return {};
  Builder folded;
  std::vector<std::string> required, excluded;
  int slot = 0;
  for (const auto& t : q.terms) {
    if (t.excluded) continue;
    // A plain word of one token can be placed; "covid-19" or a phrase cannot.
    std::size_t tokens = 0;
    search::for_each_word(t.folded, [&](std::size_t, std::size_t) { ++tokens; });
    const bool placeable = t.kind == search::TermKind::kWord && tokens == 1;
    required.push_back(
        folded.phrase(t.folded, is_prefix(t), false, kTermWeight, placeable ? slot++ : -1));
  }
  // Excluded phrases weigh nothing: congtin_rank never sees them in a matching row.
  for (const auto& t : q.terms) {
    if (t.excluded) excluded.push_back(folded.phrase(t.folded, is_prefix(t), true, 0));
  }
  std::string filter = "(" + join(required, " AND ") + ")";
  if (!excluded.empty()) filter += " NOT (" + join(excluded, " OR ") + ")";
  return folded.finish(std::move(filter));
}

}  // namespace congtin::store::sqlite
