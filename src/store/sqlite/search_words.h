// Fts5Words: FTS5's own unicode61 tokenizer (remove_diacritics 0, as search_fts declares it)
// run outside FTS5, so that the in-memory word sets (search_memory.h) split and fold text
// exactly as the index does. search::for_each_word follows ICU's character categories, and
// FTS5 has tables of its own that disagree on some code points: FTS5 keeps U+0590 inside a
// word, where ICU (for which it is unassigned) splits; the differential fuzz target of
// fuzz/search found it. Internal to store/sqlite/.
//
// An instance keeps the tokenizer's buffers: one per thread (this_thread()); not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/sqlite/db.h"

struct Fts5Tokenizer;
struct fts5_api;
struct sqlite3;

namespace congtin::store::sqlite {

// FTS5's extension API of a connection; null if SQLite was built without FTS5.
fts5_api* fts5_api_of(sqlite3* db);

class Fts5Words {
 public:
  // The calling thread's instance, created on first use through c (any connection: the
  // tokenizer does not depend on it once created).
  static Result<Fts5Words*> this_thread(Connection& c);
  ~Fts5Words();
  Fts5Words(const Fts5Words&) = delete;
  Fts5Words& operator=(const Fts5Words&) = delete;

  // Appends the words of text to out, folded as FTS5 folds them, in order. The views point
  // into text or into this object, and stay valid until the next call and as long as text.
  Status split(std::string_view text, std::vector<std::string_view>& out);

 private:
  struct Api;
  Fts5Words() = default;
  std::unique_ptr<Api> api_;
  Fts5Tokenizer* tokenizer_ = nullptr;
  std::string arena_;                             // words the tokenizer folded
  std::vector<std::string_view>* out_ = nullptr;  // of the split() under way
};

}  // namespace congtin::store::sqlite
