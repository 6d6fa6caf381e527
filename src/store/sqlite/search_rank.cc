#include "store/sqlite/search_rank.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <vector>

#include "search/search_index.h"
#include "store/sqlite/search_words.h"

namespace congtin::store::sqlite {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
// Proximity, per folded column where the query's plain words appear: all of them in a row,
// in order, adds kAdjacentWeight; all within kNearDistance extra tokens adds kNearWeight.
constexpr double kAdjacentWeight = 2.0;
constexpr double kNearWeight = 0.75;
constexpr int kNearDistance = 8;

// Column order of search_fts (search_schema.h): f_title f_lead f_body f_meta.
const double kColumnWeights[] = {search::kRanking.title, search::kRanking.lead,
                                 search::kRanking.body, search::kRanking.meta};
constexpr int kColumns = kRankColumns;
static_assert(sizeof(kColumnWeights) / sizeof(kColumnWeights[0]) == kColumns);

// Per query: RankQuery and the rows still to score (-1: every row).
struct QueryData : RankQuery {
  long long rows_left = -1;
  // Scratch space reused from row to row.
  std::vector<int> tf;
  std::vector<std::vector<int>> positions[kRankColumns];
};

template <class T>
std::vector<T> parse_numbers(sqlite3_value* v) {
  std::vector<T> out;
  const char* p = v ? reinterpret_cast<const char*>(sqlite3_value_text(v)) : nullptr;
  while (p != nullptr && *p != '\0') {
    char* end = nullptr;
    const double x = std::strtod(p, &end);
    if (end == p) break;
    out.push_back(static_cast<T>(x));
    p = end;
  }
  return out;
}

// Extra score for the words of the query standing together in one column: pos[w] are the
// sorted offsets of word w there.
double proximity(const std::vector<std::vector<int>>& pos) {
  const std::size_t n = pos.size();
  for (const auto& p : pos)
    if (p.empty()) return 0;
  for (int start : pos[0]) {
    bool all = true;
    for (std::size_t w = 1; w < n && all; ++w)
      all = std::binary_search(pos[w].begin(), pos[w].end(), start + int(w));
    if (all) return kAdjacentWeight;
  }
  // Smallest span holding one offset of every word: sweep, always advancing the smallest.
  std::vector<std::size_t> at(n, 0);
  int best = std::numeric_limits<int>::max();
  for (;;) {
    int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
    std::size_t lo_word = 0;
    for (std::size_t w = 0; w < n; ++w) {
      const int v = pos[w][at[w]];
      if (v < lo) lo = v, lo_word = w;
      hi = std::max(hi, v);
    }
    best = std::min(best, hi - lo);
    if (++at[lo_word] == pos[lo_word].size()) break;
  }
  return best - int(n - 1) <= kNearDistance ? kNearWeight : 0;
}

QueryData* query_data(const Fts5ExtensionApi* api, Fts5Context* ctx, int argc,
                      sqlite3_value** argv) {
  if (auto* d = static_cast<QueryData*>(api->xGetAuxdata(ctx, 0))) return d;
  auto* d = new QueryData;
  d->phrase_weights = parse_numbers<double>(argc > 0 ? argv[0] : nullptr);
  d->slots = parse_numbers<int>(argc > 1 ? argv[1] : nullptr);
  if (argc > 2 && sqlite3_value_type(argv[2]) == SQLITE_INTEGER)
    d->rows_left = sqlite3_value_int64(argv[2]);
  for (int s : d->slots) d->words = std::max(d->words, s + 1);
  sqlite3_int64 rows = 0;
  api->xRowCount(ctx, &rows);
  for (int c = 0; c < kColumns; ++c) {
    sqlite3_int64 total = 0;
    api->xColumnTotalSize(ctx, c, &total);
    d->avg[c] = rows > 0 && total > 0 ? double(total) / double(rows) : 1.0;
  }
  if (api->xSetAuxdata(ctx, d, [](void* p) { delete static_cast<QueryData*>(p); }) != SQLITE_OK) {
    return nullptr;  // xSetAuxdata already freed d
  }
  return d;
}

void congtin_rank(const Fts5ExtensionApi* api, Fts5Context* ctx, sqlite3_context* out, int argc,
                  sqlite3_value** argv) {
  QueryData* d = query_data(api, ctx, argc, argv);
  if (d == nullptr) {
    sqlite3_result_error_nomem(out);
    return;
  }
  // Past the window the row is not scored at all: reading its positions is the cost.
  if (d->rows_left == 0) {
    sqlite3_result_double(out, 0);
    return;
  }
  if (d->rows_left > 0) --d->rows_left;
  const int phrases = api->xPhraseCount(ctx);
  std::vector<int>& tf = d->tf;
  tf.assign(static_cast<std::size_t>(phrases) * kColumns, 0);
  int n = 0;
  if (int rc = api->xInstCount(ctx, &n); rc != SQLITE_OK) {
    sqlite3_result_error_code(out, rc);
    return;
  }
  // Offsets of the placed words per column, for proximity.
  auto& positions = d->positions;
  if (d->words >= 2) {
    for (auto& column : positions) {
      column.resize(static_cast<std::size_t>(d->words));
      for (auto& p : column) p.clear();
    }
  }
  for (int i = 0; i < n; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (api->xInst(ctx, i, &phrase, &column, &offset) != SQLITE_OK) continue;
    if (phrase >= phrases || column >= kColumns) continue;
    ++tf[phrase * kColumns + column];
    if (d->words >= 2 && phrase < int(d->slots.size()) && d->slots[phrase] >= 0)
      positions[column][d->slots[phrase]].push_back(offset);
  }
  const double score = rank_score(
      *d, phrases, tf,
      [&](int c) {
        int length = 0;
        api->xColumnSize(ctx, c, &length);
        return length;
      },
      positions);
  sqlite3_result_double(out, score);
}

int install(sqlite3* db, char**, const sqlite3_api_routines*) {
  // Without FTS5 the search tables cannot exist either; the index reports that when opened.
  if (fts5_api* fts = fts5_api_of(db))
    fts->xCreateFunction(fts, "congtin_rank", nullptr, congtin_rank, nullptr);
  return SQLITE_OK;
}

}  // namespace

double rank_score(const RankQuery& q, int phrases, const std::vector<int>& tf,
                  const std::function<int(int)>& length_of,
                  std::vector<std::vector<int>> (&positions)[kRankColumns]) {
  int length[kColumns];
  bool have_length[kColumns] = {};
  double score = 0;
  for (int p = 0; p < phrases; ++p) {
    const double pw = p < int(q.phrase_weights.size()) ? q.phrase_weights[p] : 0.0;
    if (pw == 0) continue;
    for (int c = 0; c < kColumns; ++c) {
      const int f = tf[p * kColumns + c];
      if (f == 0) continue;
      if (!have_length[c]) {
        length[c] = length_of(c);
        have_length[c] = true;
      }
      const double norm = kK1 * (1 - kB + kB * double(length[c]) / q.avg[c]);
      score += pw * kColumnWeights[c] * (f * (kK1 + 1)) / (f + norm);
    }
  }
  if (q.words >= 2) {
    for (int c = 0; c < kColumns; ++c) {
      for (auto& p : positions[c]) std::sort(p.begin(), p.end());
      score += kColumnWeights[c] * proximity(positions[c]);
    }
  }
  return score;
}

void register_search_rank() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_auto_extension(reinterpret_cast<void (*)()>(install)); });
}

}  // namespace congtin::store::sqlite
