// congtin_rank: the FTS5 auxiliary function that ranks search hits (store/sqlite only).
//
// FTS5's built-in bm25() computes, for every query, how many rows hold each phrase by
// walking that phrase's whole doclist: on 100,000 articles a common word costs 10-20 ms per
// phrase before a single row is ranked. congtin_rank drops that inverse-document-frequency
// factor (every hit holds every required term anyway; the boosts carry the rest) and scores
// a row from its own matches only:
//
//   score = sum over phrases p, columns c of  pw[p] * cw[c] * tf*(k1+1) / (tf + k1*(1-b+b*len/avg))
//
// with k1 = 1.2, b = 0.75, tf the phrase's matches in the column, len the column's length in
// tokens and avg its average over the table; plus, in each column, cw[c] * 2 when the
// query's plain words stand there in a row, in order, or cw[c] * 0.75 when they all stand
// within 8 extra tokens. cw are the column weights of search::kRanking (search_fts's columns
// are f_title, f_lead, f_body, f_meta). The arguments are two texts of space-separated
// numbers, one number per phrase of the MATCH expression in order: pw ("1 1 0") and the slot
// of each phrase, the plain word it is among the query's words in order, or -1 ("0 -1 1").
// Missing numbers count as 0 and -1. An optional third argument N scores only the first N
// rows the query produces and gives the others 0 without reading their positions: a query
// walking its matches newest first ranks a window of the newest N and only counts the rest.
// The exact forms of rule 3 are counted outside (search_index.cc).
//
// register_search_rank() installs it (once per process) on every SQLite connection opened
// afterwards, through sqlite3_auto_extension: open the search index's connections after it.
// Harmless on connections that never name it. Thread-safe.
#pragma once

#include <functional>
#include <vector>

namespace congtin::store::sqlite {

// The scoring itself, shared by congtin_rank and the in-memory path (search_memory.h), so
// that both give a document the very same score.
inline constexpr int kRankColumns = 4;  // f_title, f_lead, f_body, f_meta
struct RankQuery {
  std::vector<double> phrase_weights;  // per phrase of the expression, in order
  std::vector<int> slots;              // per phrase: its plain word, or -1
  int words = 0;                       // plain words placed (1 + the largest slot)
  double avg[kRankColumns] = {};       // average column lengths in tokens
};
// tf[p * kRankColumns + c]: matches of phrase p in column c; length(c): column c's length in
// tokens (asked only for columns with a match); positions[c][w]: the offsets of plain word w
// in column c, any order (sorted here), used only when words >= 2.
double rank_score(const RankQuery& q, int phrases, const std::vector<int>& tf,
                  const std::function<int(int)>& length,
                  std::vector<std::vector<int>> (&positions)[kRankColumns]);

void register_search_rank();

}  // namespace congtin::store::sqlite
