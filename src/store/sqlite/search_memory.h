// MemoryIndex: which indexed articles hold which folded words, kept in memory beside the
// FTS5 index, and DocScorer, which scores one document's folded text as congtin_rank scores
// its FTS5 row. Internal to store/sqlite/ (search_index.cc decides when to use them).
//
// Why: FTS5 intersects doclists by stepping through them entry by entry (about 13 ns an
// entry at 100,000 articles). A query of common syllables that few articles share in full
// ("tiếp nhận hồ sơ trực tuyến thủ tục hành chính": 111 matches, each syllable in 14,000 to
// 99,000 articles) walks every doclist to its end, 7-12 ms. A small part of the vocabulary
// holds nearly all postings (at 100,000 generated articles, 621 of 102,130 folded words hold
// 95 % of them), so those words are kept here as bitsets over article ids and the others as
// sorted id lists: the documents of such a query are a few bitset operations away, and only
// they are then read and scored (DocScorer), in recency order.
//
// A MemoryIndex is built from search_docs and the folded columns of search_text in one read
// transaction, and carries the search_generation count (search_schema.h, migration 10) it was
// built at: it describes the index exactly as long as that count has not moved. A write of
// the owning process makes an updated copy at the next count (updated()). Immutable once
// built; any number of threads may read it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"
#include "core/result.h"
#include "store/sqlite/db.h"
#include "store/sqlite/search_doc_key.h"
#include "store/sqlite/search_fts_query.h"
#include "store/sqlite/search_rank.h"
#include "store/sqlite/search_words.h"

namespace congtin::store::sqlite {

// Fills the tokens of e's phrases from their text, as FTS5 splits a quoted phrase.
Status split_phrases(FtsExpression& e, Fts5Words& words);

class MemoryIndex {
 public:
  // The documents a query may match. `exact`: every one matches; otherwise some phrase of
  // several words must still be checked in the text (DocScorer does).
  struct Candidates {
    std::int64_t count = 0;  // before the date and category filters
    bool exact = true;
    // Postings of the query's required words, summed: what an FTS5 walk of the same query
    // would step through at most.
    std::int64_t postings = 0;
    // The part of them under prefixes, which FTS5 3.40 merges whole before the first row.
    std::int64_t prefix_postings = 0;
    std::vector<std::uint64_t> bits;  // by article id
  };

  // Reads the index through c, in a read transaction of its own (c must not be in one).
  // Checks `stop` between documents and gives kUnavailable when it is set.
  static Result<std::shared_ptr<const MemoryIndex>> build(Connection& c,
                                                          const std::atomic<bool>& stop);

  // One document as the word sets take it in or out.
  struct Doc {
    std::int64_t id = 0, key = 0, category = 0;
    std::string folded[kRankColumns];  // f_title, f_lead, f_body, f_meta
    std::string fields[3];             // title, lead, meta as written (taking in only)
  };
  // A copy with `removed` taken out and `added` taken in (either may be null), at
  // `generation`: a write of this process, without a rebuild. kInvalidArgument when removed
  // is not in the sets as given.
  Result<std::shared_ptr<const MemoryIndex>> updated(const Doc* removed, const Doc* added,
                                                     std::int64_t generation,
                                                     Fts5Words& words) const;

  std::int64_t generation() const { return generation_; }
  std::int64_t documents() const { return rows_; }
  std::size_t words() const { return terms_.size(); }
  // Approximate bytes held.
  std::size_t bytes() const;

  // nullopt when the expression has a phrase without words (FTS5 decides what that means).
  std::optional<Candidates> candidates(const FtsExpression& e) const;
  // Their keys within `keys` and, when categories is not empty, in one of them, newest first
  // (ascending).
  std::vector<std::int64_t> keys(const Candidates& c, KeyRange keys,
                                 const std::vector<content::Id>& categories) const;

  // The title, lead and meta of the document with this key as written, case_fold()ed (for
  // search::ExactForms::count_folded); false when it is not indexed.
  bool short_fields(std::int64_t key, std::string_view (&fields)[3]) const;

  // congtin_rank's inputs for e: phrase weights, slots, and the average column lengths.
  RankQuery rank_query(const FtsExpression& e) const;

 private:
  using Bits = std::vector<std::uint64_t>;
  struct Postings {
    Bits bits;                       // dense words: one bit per article id
    std::vector<std::uint32_t> ids;  // other words: sorted article ids
    std::int64_t count = 0;
  };
  // The set of a phrase's words (superset of its documents when it has several), or of
  // the words starting with the last one when prefix; false when no document can match.
  bool phrase_set(const FtsPhrase& p, Bits& out, Candidates* cost) const;
  void or_into(const Postings& p, Bits& out) const;
  // Appends article id's title, lead and meta, case-folded, to short_ and points
  // short_at_ at them; kUnavailable past 4 GiB (the offsets are 32-bit).
  Status keep_short_fields(std::size_t id, const std::string_view (&fields)[3]);
  std::pair<std::size_t, std::size_t> range_of(std::string_view word, bool prefix) const;

  std::int64_t generation_ = 0;
  std::int64_t rows_ = 0;
  double total_[kRankColumns] = {};      // tokens per column over all rows
  std::vector<std::string> terms_;       // sorted
  std::vector<Postings> postings_;       // parallel to terms_
  std::vector<std::int64_t> key_by_id_;  // 0: not indexed
  std::vector<std::int64_t> category_by_id_;
  std::string short_;                    // short fields, case-folded, one after another
  std::vector<std::uint32_t> short_at_;  // per id: 4 offsets into short_ (title, lead, meta, end)
};

// Scores documents for one expression from their folded columns (f_title, f_lead, f_body,
// f_meta), splitting them with FTS5's own tokenizer: the score congtin_rank gives the same
// row, or nullopt when the document does not match (a required phrase missing, an excluded
// one present). One per search; not thread-safe.
class DocScorer {
 public:
  // e's phrases must have their tokens (split_phrases).
  DocScorer(const FtsExpression& e, RankQuery q, Fts5Words& words);
  Result<std::optional<double>> score(const std::string_view (&columns)[kRankColumns]);

 private:
  const FtsExpression& e_;
  RankQuery q_;
  Fts5Words& words_;
  std::vector<std::string_view> tokens_;
  std::vector<int> tf_;
  std::vector<std::vector<int>> positions_[kRankColumns];
  std::vector<bool> first_;         // by the first two bytes of a token: may start a phrase
  std::vector<std::uint32_t> key_;  // per phrase: the first two bytes of its first word
  std::vector<bool> short_prefix_;  // per phrase: a prefix of one byte
};

}  // namespace congtin::store::sqlite
