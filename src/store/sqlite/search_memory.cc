#include "store/sqlite/search_memory.h"

#include <boost/unordered/unordered_flat_map.hpp>

#include <algorithm>
#include <bit>
#include <limits>

#include "search/exact_forms.h"

namespace congtin::store::sqlite {
namespace {

// FNV-1a: words are short; the map mixes the bits further (not marked avalanching).
struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return static_cast<std::size_t>(h);
  }
};
struct Equal {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

constexpr const char* kTextSql =
    "SELECT doc_key, f_title, f_lead, f_body, f_meta, title, lead, meta FROM search_text";

// Everything in the word sets is sized by the largest article id: ids far sparser than the
// articles (an import that chose its own) would cost more memory than the sets save time.
bool too_sparse(std::int64_t max_id, std::int64_t articles) {
  return max_id > kMaxId || (max_id > (1 << 20) && max_id / 8 > articles);
}

std::uint32_t first_two(std::string_view t) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(t[0])) << 8 |
         (t.size() > 1 ? static_cast<unsigned char>(t[1]) : 0u);
}

}  // namespace

Result<std::shared_ptr<const MemoryIndex>> MemoryIndex::build(Connection& c,
                                                              const std::atomic<bool>& stop) {
  auto m = std::make_shared<MemoryIndex>();
  if (Status s = c.exec_script("BEGIN"); !s) return s.take_error();
  struct EndRead {
    Connection& c;
    ~EndRead() {
      if (c.in_transaction()) (void)c.exec_script("COMMIT");
    }
  } end_read{c};
  {
    auto st = c.prepare("SELECT n FROM search_generation");
    if (!st) return st.take_error();
    auto row = st->step();
    if (!row) return row.take_error();
    m->generation_ = *row ? st->column_int64(0) : 0;
  }
  {
    auto st = c.prepare("SELECT count(*), coalesce(max(article_id), 0) FROM search_docs");
    if (!st) return st.take_error();
    auto row = st->step();
    if (!row) return row.take_error();
    const std::int64_t count = st->column_int64(0), max_id = st->column_int64(1);
    if (too_sparse(max_id, count))
      return Error::unavailable("search: article ids too sparse for the in-memory index");
    m->key_by_id_.assign(static_cast<std::size_t>(max_id) + 1, 0);
    m->category_by_id_.assign(static_cast<std::size_t>(max_id) + 1, 0);
  }
  {
    auto st = c.prepare("SELECT article_id, doc_key, category_id FROM search_docs");
    if (!st) return st.take_error();
    for (;;) {
      auto row = st->step();
      if (!row) return row.take_error();
      if (!*row) break;
      const std::int64_t id = st->column_int64(0);
      if (id < 1 || static_cast<std::size_t>(id) >= m->key_by_id_.size()) continue;
      m->key_by_id_[static_cast<std::size_t>(id)] = st->column_int64(1);
      m->category_by_id_[static_cast<std::size_t>(id)] = st->column_int64(2);
    }
  }
  const std::size_t ids = m->key_by_id_.size();
  const std::size_t words = (ids + 63) / 64;
  // One pass: each new word gets a list of ids, turned into a bitset once the list would be
  // as large (ids / 32 entries), so memory stays near the final size throughout.
  const std::size_t dense_at = std::max<std::size_t>(ids / 32, 1);
  boost::unordered_flat_map<std::string, std::uint32_t, Hash, Equal> dictionary;
  std::vector<std::uint32_t> last;  // per word: the last document counted
  std::int64_t totals[kRankColumns] = {};
  m->short_at_.assign(ids * 4, 0);
  auto words_of = Fts5Words::this_thread(c);
  if (!words_of) return words_of.take_error();
  Fts5Words& splitter = **words_of;
  auto st = c.prepare(kTextSql);
  if (!st) return st.take_error();
  std::vector<std::string_view> tokens;
  for (std::int64_t n = 0;; ++n) {
    if ((n & 255) == 0 && stop.load(std::memory_order_relaxed))
      return Error::unavailable("search: building the in-memory index was stopped");
    auto row = st->step();
    if (!row) return row.take_error();
    if (!*row) break;
    ++m->rows_;
    const std::int64_t id = article_id_of(st->column_int64(0));
    const bool indexed = id > 0 && static_cast<std::size_t>(id) < ids &&
                         m->key_by_id_[static_cast<std::size_t>(id)] == st->column_int64(0);
    const auto uid = static_cast<std::uint32_t>(id);
    for (int col = 0; col < kRankColumns; ++col) {
      tokens.clear();
      if (Status s = splitter.split(st->column_text(col + 1), tokens); !s) return s.take_error();
      totals[col] += static_cast<std::int64_t>(tokens.size());
      if (!indexed) continue;
      for (std::string_view t : tokens) {
        auto it = dictionary.find(t);
        if (it == dictionary.end()) {
          it = dictionary.emplace(std::string(t), static_cast<std::uint32_t>(last.size())).first;
          last.push_back(0);
          m->postings_.emplace_back();
        }
        const std::uint32_t w = it->second;
        if (last[w] == uid) continue;
        last[w] = uid;
        Postings& p = m->postings_[w];
        ++p.count;
        if (!p.bits.empty()) {
          p.bits[uid >> 6] |= std::uint64_t{1} << (uid & 63);
          continue;
        }
        p.ids.push_back(uid);
        if (p.ids.size() >= dense_at) {
          p.bits.assign(words, 0);
          for (std::uint32_t i : p.ids) p.bits[i >> 6] |= std::uint64_t{1} << (i & 63);
          std::vector<std::uint32_t>().swap(p.ids);
        }
      }
    }
    if (!indexed) continue;
    const std::string_view fields[3] = {st->column_text(5), st->column_text(6), st->column_text(7)};
    if (Status s = m->keep_short_fields(static_cast<std::size_t>(id), fields); !s)
      return s.take_error();
  }
  m->short_.shrink_to_fit();
  for (int col = 0; col < kRankColumns; ++col) m->total_[col] = static_cast<double>(totals[col]);

  // The dictionary sorted (for prefixes), postings in the same order, id lists sorted (rows
  // come in key order) and at their exact size.
  std::vector<std::pair<std::string_view, std::uint32_t>> order;
  order.reserve(dictionary.size());
  for (const auto& [word, w] : dictionary) order.emplace_back(word, w);
  std::sort(order.begin(), order.end());
  std::vector<Postings> postings(order.size());
  m->terms_.reserve(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    m->terms_.emplace_back(order[i].first);
    Postings& p = postings[i];
    p = std::move(m->postings_[order[i].second]);
    std::sort(p.ids.begin(), p.ids.end());
    p.ids.shrink_to_fit();
  }
  m->postings_ = std::move(postings);
  return std::shared_ptr<const MemoryIndex>(std::move(m));
}

Status MemoryIndex::keep_short_fields(std::size_t id, const std::string_view (&fields)[3]) {
  // Title, lead and meta as typed, case-folded, for the exact forms.
  std::uint32_t* at = &short_at_[id * 4];
  for (int f = 0; f < 3; ++f) {
    at[f] = static_cast<std::uint32_t>(short_.size());
    short_ += search::case_fold(fields[f]);
  }
  at[3] = static_cast<std::uint32_t>(short_.size());
  if (short_.size() > std::numeric_limits<std::uint32_t>::max())
    return Error::unavailable("search: too much text for the in-memory index");
  return {};
}

bool MemoryIndex::short_fields(std::int64_t key, std::string_view (&fields)[3]) const {
  const auto id = static_cast<std::size_t>(article_id_of(key));
  if (id >= key_by_id_.size() || key_by_id_[id] != key) return false;
  const std::uint32_t* at = &short_at_[id * 4];
  for (int f = 0; f < 3; ++f) fields[f] = std::string_view(short_).substr(at[f], at[f + 1] - at[f]);
  return true;
}

Result<std::shared_ptr<const MemoryIndex>> MemoryIndex::updated(const Doc* removed,
                                                                const Doc* added,
                                                                std::int64_t generation,
                                                                Fts5Words& words) const {
  auto m = std::make_shared<MemoryIndex>(*this);
  std::vector<std::string_view> tokens;
  std::vector<std::string> distinct;
  // The document's distinct words; its tokens counted into the column totals with `sign`.
  const auto words_of = [&](const Doc& d, int sign) -> Status {
    distinct.clear();
    for (int c = 0; c < kRankColumns; ++c) {
      tokens.clear();
      if (Status s = words.split(d.folded[c], tokens); !s) return s;
      m->total_[c] += sign * static_cast<double>(tokens.size());
      distinct.insert(distinct.end(), tokens.begin(), tokens.end());
    }
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    return {};
  };
  if (removed) {
    const auto id = static_cast<std::size_t>(removed->id);
    if (removed->id < 1 || id >= m->key_by_id_.size() || m->key_by_id_[id] != removed->key)
      return Error::invalid("search: article " + std::to_string(removed->id) +
                            " is not in the in-memory index as given");
    if (Status s = words_of(*removed, -1); !s) return s.take_error();
    --m->rows_;
    const auto uid = static_cast<std::uint32_t>(id);
    for (const auto& w : distinct) {
      const auto [lo, hi] = m->range_of(w, false);
      if (lo == hi) continue;
      Postings& p = m->postings_[lo];
      if (!p.bits.empty()) {
        std::uint64_t& word = p.bits[uid >> 6];
        const std::uint64_t bit = std::uint64_t{1} << (uid & 63);
        if (word & bit) word &= ~bit, --p.count;
      } else if (auto at = std::lower_bound(p.ids.begin(), p.ids.end(), uid);
                 at != p.ids.end() && *at == uid) {
        p.ids.erase(at);
        --p.count;
      }
    }
    m->key_by_id_[id] = 0;
    m->category_by_id_[id] = 0;
    std::fill_n(&m->short_at_[id * 4], 4, 0u);
  }
  if (added) {
    if (added->id < 1) return Error::invalid("search: article id out of range");
    if (too_sparse(added->id, m->rows_ + 1))
      return Error::unavailable("search: article ids too sparse for the in-memory index");
    const auto id = static_cast<std::size_t>(added->id);
    if (id >= m->key_by_id_.size()) {
      // Room for the articles to come too, so that each new one does not grow every bitset.
      const std::size_t size = std::max(id + 1, m->key_by_id_.size() + m->key_by_id_.size() / 8);
      m->key_by_id_.resize(size, 0);
      m->category_by_id_.resize(size, 0);
      m->short_at_.resize(size * 4, 0);
      for (auto& p : m->postings_)
        if (!p.bits.empty()) p.bits.resize((size + 63) / 64, 0);
    }
    if (Status s = words_of(*added, +1); !s) return s.take_error();
    ++m->rows_;
    const auto uid = static_cast<std::uint32_t>(id);
    for (const auto& w : distinct) {
      auto at = std::lower_bound(m->terms_.begin(), m->terms_.end(), w);
      const auto index = static_cast<std::size_t>(at - m->terms_.begin());
      if (at == m->terms_.end() || *at != w) {
        m->terms_.insert(at, w);
        m->postings_.insert(m->postings_.begin() + static_cast<std::ptrdiff_t>(index), Postings{});
      }
      Postings& p = m->postings_[index];
      ++p.count;
      if (!p.bits.empty()) {
        p.bits[uid >> 6] |= std::uint64_t{1} << (uid & 63);
      } else {
        p.ids.insert(std::lower_bound(p.ids.begin(), p.ids.end(), uid), uid);
      }
    }
    m->key_by_id_[id] = added->key;
    m->category_by_id_[id] = added->category;
    const std::string_view fields[3] = {added->fields[0], added->fields[1], added->fields[2]};
    if (Status s = m->keep_short_fields(id, fields); !s) return s.take_error();
  }
  m->generation_ = generation;
  return std::shared_ptr<const MemoryIndex>(std::move(m));
}

std::size_t MemoryIndex::bytes() const {
  std::size_t n = (key_by_id_.capacity() + category_by_id_.capacity()) * sizeof(std::int64_t);
  n += short_.capacity() + short_at_.capacity() * sizeof(std::uint32_t);
  n += terms_.capacity() * sizeof(std::string) + postings_.capacity() * sizeof(Postings);
  for (const auto& t : terms_) n += t.capacity() > 15 ? t.capacity() + 1 : 0;
  for (const auto& p : postings_)
    n += p.bits.capacity() * sizeof(std::uint64_t) + p.ids.capacity() * sizeof(std::uint32_t);
  return n;
}

std::pair<std::size_t, std::size_t> MemoryIndex::range_of(std::string_view word,
                                                          bool prefix) const {
  const auto lo = std::lower_bound(terms_.begin(), terms_.end(), word,
                                   [](const std::string& a, std::string_view b) { return a < b; });
  auto hi = lo;
  if (prefix) {
    while (hi != terms_.end() && std::string_view(*hi).starts_with(word)) ++hi;
  } else if (hi != terms_.end() && *hi == word) {
    ++hi;
  }
  return {static_cast<std::size_t>(lo - terms_.begin()),
          static_cast<std::size_t>(hi - terms_.begin())};
}

void MemoryIndex::or_into(const Postings& p, Bits& out) const {
  if (!p.bits.empty()) {
    for (std::size_t w = 0; w < out.size(); ++w) out[w] |= p.bits[w];
  } else {
    for (std::uint32_t id : p.ids) out[id >> 6] |= std::uint64_t{1} << (id & 63);
  }
}

bool MemoryIndex::phrase_set(const FtsPhrase& p, Bits& out, Candidates* cost) const {
  const std::size_t words = (key_by_id_.size() + 63) / 64;
  Bits one;
  for (std::size_t i = 0; i < p.tokens.size(); ++i) {
    const bool prefix = p.prefix && i + 1 == p.tokens.size();
    const auto [lo, hi] = range_of(p.tokens[i], prefix);
    if (lo == hi) return false;
    Bits& target = i == 0 ? out : one;
    target.assign(words, 0);
    for (std::size_t t = lo; t < hi; ++t) {
      or_into(postings_[t], target);
      if (cost) {
        cost->postings += postings_[t].count;
        if (prefix) cost->prefix_postings += postings_[t].count;
      }
    }
    if (i > 0) {
      for (std::size_t w = 0; w < words; ++w) out[w] &= one[w];
    }
  }
  return true;
}

std::optional<MemoryIndex::Candidates> MemoryIndex::candidates(const FtsExpression& e) const {
  Candidates out;
  Bits& all = out.bits;
  Bits one;
  bool any = false;
  for (const auto& p : e.phrases) {
    if (p.tokens.empty()) return std::nullopt;
    if (p.excluded) continue;
    if (p.tokens.size() > 1) out.exact = false;
    if (!phrase_set(p, any ? one : all, &out)) {
      out.exact = true;  // nothing can match
      all.clear();
      return out;
    }
    if (any) {
      for (std::size_t w = 0; w < all.size(); ++w) all[w] &= one[w];
    }
    any = true;
  }
  if (!any) return std::nullopt;
  for (const auto& p : e.phrases) {
    if (!p.excluded) continue;
    // A phrase of several words is excluded by the text check: holding its words apart
    // does not exclude a document.
    if (p.tokens.size() > 1) {
      out.exact = false;
      continue;
    }
    if (!phrase_set(p, one, nullptr)) continue;
    for (std::size_t w = 0; w < all.size(); ++w) all[w] &= ~one[w];
  }
  for (std::uint64_t x : all) out.count += std::popcount(x);
  return out;
}

std::vector<std::int64_t> MemoryIndex::keys(const Candidates& c, KeyRange keys,
                                            const std::vector<content::Id>& categories) const {
  std::vector<std::int64_t> out;
  out.reserve(static_cast<std::size_t>(c.count));
  for (std::size_t w = 0; w < c.bits.size(); ++w) {
    for (std::uint64_t x = c.bits[w]; x != 0; x &= x - 1) {
      const std::size_t id = w * 64 + static_cast<std::size_t>(std::countr_zero(x));
      const std::int64_t key = key_by_id_[id];
      if (key == 0 || key < keys.first || key > keys.last) continue;
      if (!categories.empty() &&
          std::find(categories.begin(), categories.end(), category_by_id_[id]) == categories.end())
        continue;
      out.push_back(key);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

RankQuery MemoryIndex::rank_query(const FtsExpression& e) const {
  RankQuery q;
  for (const auto& p : e.phrases) {
    q.phrase_weights.push_back(p.weight);
    q.slots.push_back(p.slot);
    q.words = std::max(q.words, p.slot + 1);
  }
  // As congtin_rank computes them from FTS5's row count and column totals.
  for (int c = 0; c < kRankColumns; ++c)
    q.avg[c] = rows_ > 0 && total_[c] > 0 ? total_[c] / double(rows_) : 1.0;
  return q;
}

Status split_phrases(FtsExpression& e, Fts5Words& words) {
  std::vector<std::string_view> tokens;
  for (auto& p : e.phrases) {
    tokens.clear();
    if (Status s = words.split(p.text, tokens); !s) return s;
    p.tokens.assign(tokens.begin(), tokens.end());
  }
  return {};
}

DocScorer::DocScorer(const FtsExpression& e, RankQuery q, Fts5Words& words)
    : e_(e), q_(std::move(q)), words_(words), first_(1 << 16, false) {
  for (const auto& p : e_.phrases) {
    key_.push_back(p.tokens.empty() ? 0 : first_two(p.tokens.front()));
    // A one-byte prefix starts words of any second byte.
    short_prefix_.push_back(p.prefix && p.tokens.size() == 1 && p.tokens.front().size() == 1);
    if (p.tokens.empty()) continue;
    if (short_prefix_.back()) {
      for (std::uint32_t b = 0; b < 256; ++b) first_[key_.back() | b] = true;
    } else {
      first_[key_.back()] = true;
    }
  }
}

Result<std::optional<double>> DocScorer::score(const std::string_view (&columns)[kRankColumns]) {
  const int phrases = static_cast<int>(e_.phrases.size());
  tf_.assign(static_cast<std::size_t>(phrases) * kRankColumns, 0);
  if (q_.words >= 2) {
    for (auto& column : positions_) {
      column.resize(static_cast<std::size_t>(q_.words));
      for (auto& p : column) p.clear();
    }
  }
  int length[kRankColumns];
  for (int c = 0; c < kRankColumns; ++c) {
    tokens_.clear();
    if (Status s = words_.split(columns[c], tokens_); !s) return s.take_error();
    const std::size_t n = tokens_.size();
    length[c] = static_cast<int>(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t key = first_two(tokens_[i]);
      if (!first_[key]) continue;
      for (int p = 0; p < phrases; ++p) {
        const FtsPhrase& ph = e_.phrases[static_cast<std::size_t>(p)];
        const std::size_t k = ph.tokens.size();
        if (k == 0 || i + k > n ||
            (key_[static_cast<std::size_t>(p)] != key &&
             !short_prefix_[static_cast<std::size_t>(p)]))
          continue;
        bool match = true;
        for (std::size_t j = 0; j < k && match; ++j) {
          const std::string_view t = tokens_[i + j];
          match = ph.prefix && j + 1 == k ? t.starts_with(ph.tokens[j]) : t == ph.tokens[j];
        }
        if (!match) continue;
        ++tf_[static_cast<std::size_t>(p) * kRankColumns + static_cast<std::size_t>(c)];
        if (q_.words >= 2 && ph.slot >= 0)
          positions_[c][static_cast<std::size_t>(ph.slot)].push_back(static_cast<int>(i));
      }
    }
  }
  for (int p = 0; p < phrases; ++p) {
    int found = 0;
    for (int c = 0; c < kRankColumns; ++c) found += tf_[p * kRankColumns + c];
    if (e_.phrases[static_cast<std::size_t>(p)].excluded ? found > 0 : found == 0)
      return std::optional<double>();
  }
  return std::optional<double>(rank_score(
      q_, phrases, tf_, [&](int c) { return length[c]; }, positions_));
}

}  // namespace congtin::store::sqlite
