// SearchIndex: the full-text index of published articles, behind an interface so that the
// SQLite FTS5 implementation (store/sqlite/search_index.h) can be joined by a PostgreSQL one.
//
// The index holds one Document per published article, with its text as written (NFC) and
// matches it the way visitors type: without diacritics, with đ as d, in any case, in NFC or
// NFD (search/query.h). It is kept current by search::Indexer, which follows content events;
// `congtin reindex` rebuilds it from the articles.
//
// Ranking (every implementation follows these rules, tested in tests/search/):
//   1. every term must match (AND); excluded terms must not;
//   2. a match in the title outweighs one in the lead, which outweighs the body (weights in
//      kRanking below); byline, category and tags count like the lead;
//   3. a word matched with the same diacritics as typed ranks above a folded match
//      ("hà nội" puts "Hà Nội" above "hạ nổi") in the title, lead, byline, category and
//      tags (the body is matched folded only, to keep the index small); a query typed
//      without diacritics treats both alike;
//   4. articles where the words stand together (as a phrase, or close) rank above articles
//      where they are scattered;
//   5. on equal relevance the newer article comes first; a query matching very many
//      articles is ranked among its newest matches only (SearchPage::reachable).
//
// Thread-safety: implementations are thread-safe. Failures are values: kUnavailable when
// the database is busy or unreachable, kCorruption when the index cannot be read.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "content/model.h"
#include "core/result.h"
#include "search/query.h"

namespace congtin::search {

// What is indexed for one article. Text is NFC; body_text is the body without markup.
struct Document {
  content::Id id = 0;
  std::string slug;
  std::string title;
  std::string lead;
  std::string body_text;
  std::string byline;  // "Phùng Anh Văn - TTTTDV&ĐN"
  content::Id category_id = 0;
  std::string category_name;
  std::vector<std::string> tags;
  content::Time published_at{};

  // The folded forms (text::fold) that every index matches against, filled by
  // fold_document(); put() folds a document whose `folded` is false itself. Folding ahead
  // lets a bulk load do it on another thread than the index writes.
  bool folded = false;
  std::string f_title, f_lead, f_body, f_meta;
};

// Byline, category and tags as one searchable field.
std::string meta_text(const Document& d);
// Fills the folded forms of d (and sets d.folded).
void fold_document(Document& d);

struct RankingWeights {
  double title = 10.0;
  double lead = 4.0;
  double body = 1.0;
  double meta = 4.0;  // byline, category, tags
  // Extra weight of the phrase/near boosts relative to single words is carried by the terms
  // themselves (each boost is one more matched term); see the FTS5 query builder.
};
inline constexpr RankingWeights kRanking{};

struct SearchRequest {
  Query query;
  std::vector<content::Id> category_ids;  // empty: any category
  std::optional<content::Time> from;      // published_at >= from
  std::optional<content::Time> until;     // published_at < until
  content::Time now{};                    // only articles published at or before now
  int limit = 10;                         // clamped to 1..100
  int offset = 0;                         // clamped to 0..10000
};

struct Hit {
  content::Id id = 0;
  std::string slug;
  std::string title;
  std::string lead;
  std::string body_text;
  // text::fold of lead and body_text when the index keeps them (for snippets without
  // folding again), else empty.
  std::string folded_lead, folded_body;
  content::Id category_id = 0;
  content::Time published_at{};
  double score = 0;  // larger is better; comparable within one result set only
};

struct SearchPage {
  // Matches of the whole query and filters, not just this page; counting stops at an
  // implementation's cap (300 for SQLite): then `more` is set and total is the cap.
  std::int64_t total = 0;
  bool more = false;
  // How many of them can be paged through (<= total): a very broad query is ranked among its
  // newest matches only (300 for SQLite); later pages are empty.
  std::int64_t reachable = 0;
  std::vector<Hit> hits;
};

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // Adds the document, or replaces the one with the same id.
  virtual Status put(const Document& d) = 0;
  // Removes the document with this id; ok if there is none.
  virtual Status remove(content::Id id) = 0;
  // Removes every document.
  virtual Status clear() = 0;

  // The page of hits of r, best first. An empty query gives an empty page (total 0).
  virtual Result<SearchPage> search(const SearchRequest& r) = 0;

  // Ids of the indexed documents in a category (to refresh them when it is renamed).
  virtual Result<std::vector<content::Id>> ids_in_category(content::Id category_id) = 0;
  // How many documents the index holds.
  virtual Result<std::int64_t> size() = 0;
  // Whether it holds none (cheaper than size() == 0: nothing is counted).
  virtual Result<bool> empty() = 0;

  // Runs fn with every index write it makes on this thread in one transaction: all or
  // nothing, and much faster for many writes. Not reentrant.
  virtual Status batch(const std::function<Status()>& fn) = 0;
  // Replaces every document by those next() gives until it gives nullopt, each id at most
  // once, in one transaction: all or nothing (an error from next() or a write leaves the index as
  // it was). Documents should come folded (fold_document()) so that a caller can fold on another
  // thread. The fastest way to fill an index; this default is clear() and put() in a batch(). Not
  // within a batch().
  using NextDocument = std::function<Result<std::optional<Document>>()>;
  virtual Status replace_all(const NextDocument& next) {
    return batch([&]() -> Status {
      if (Status s = clear(); !s) return s;
      for (;;) {
        auto d = next();
        if (!d) return d.take_error();
        if (!*d) return {};
        if (Status s = put(**d); !s) return s;
      }
    });
  }

  // Compacts the index after a bulk load (slow; makes later queries faster).
  virtual Status optimize() = 0;
  // Prepares, in the background, what the index keeps in memory to answer faster; returns
  // at once. Searches are right before, during and after; a server calls it at start.
  virtual void warm_up() {}
};

}  // namespace congtin::search
