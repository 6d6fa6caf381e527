#include "store/sqlite/search_words.h"

#include <sqlite3.h>

#include <array>
#include <limits>

namespace congtin::store::sqlite {

struct Fts5Words::Api {
  fts5_tokenizer calls{};
};

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

Result<Fts5Words*> Fts5Words::this_thread(Connection& c) {
  thread_local std::unique_ptr<Fts5Words> words;
  if (words) return words.get();
  fts5_api* fts = fts5_api_of(c.handle());
  if (fts == nullptr) return Error::internal("search: this SQLite has no FTS5");
  std::unique_ptr<Fts5Words> w(new Fts5Words);
  w->api_ = std::make_unique<Api>();
  void* context = nullptr;
  if (fts->xFindTokenizer(fts, "unicode61", &context, &w->api_->calls) != SQLITE_OK)
    return Error::internal("search: FTS5 has no unicode61 tokenizer");
  const char* args[] = {"remove_diacritics", "0"};
  if (w->api_->calls.xCreate(context, args, 2, &w->tokenizer_) != SQLITE_OK)
    return Error::internal("search: cannot create FTS5's unicode61 tokenizer");
  words = std::move(w);
  return words.get();
}

Fts5Words::~Fts5Words() {
  if (tokenizer_ != nullptr) api_->calls.xDelete(tokenizer_);
}

Status Fts5Words::split(std::string_view text, std::vector<std::string_view>& out) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    return Error::invalid("search: text too long to split");
  // unicode61 (without tokenchars or separators options, as search_fts has it) takes ASCII
  // letters and digits as word characters and every other ASCII character as a separator,
  // and folds only capitals and non-ASCII. So a run between ASCII separators is a word as it
  // stands when it is lower-case ASCII (all of folded Vietnamese but for its punctuation:
  // “ ” – …), and only the other runs go through the tokenizer, one by one.
  // Room for every folded word up front (folding at most triples a character's bytes), so
  // that views into the arena stay valid while it fills.
  arena_.clear();
  arena_.reserve(3 * text.size() + 16);
  out_ = &out;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // Per byte: 0 an ASCII separator, 1 a lower-case letter or a digit, 2 a capital or a byte
  // of a non-ASCII character (the tokenizer decides).
  static constexpr auto kClass = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c)
      t[c] = c >= 0x80 || (c >= 'A' && c <= 'Z')
                 ? 2
                 : ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    return t;
  }();
  std::size_t i = 0;
  while (i < n) {
    while (i < n && kClass[p[i]] == 0) ++i;
    const std::size_t start = i;
    unsigned char seen = 0;
    for (unsigned char k; i < n && (k = kClass[p[i]]) != 0; ++i) seen |= k;
    const bool plain = seen == 1;
    if (i == start) break;
    if (plain) {
      out.push_back(text.substr(start, i - start));
      continue;
    }
    const int rc = api_->calls.xTokenize(
        tokenizer_, this, FTS5_TOKENIZE_DOCUMENT, text.data() + start, static_cast<int>(i - start),
        [](void* self, int, const char* token, int len, int, int) {
          auto* w = static_cast<Fts5Words*>(self);
          const std::size_t at = w->arena_.size();
          if (at + static_cast<std::size_t>(len) > w->arena_.capacity()) return SQLITE_NOMEM;
          w->arena_.append(token, static_cast<std::size_t>(len));
          w->out_->push_back(std::string_view(w->arena_).substr(at, static_cast<std::size_t>(len)));
          return SQLITE_OK;
        });
    if (rc != SQLITE_OK) return Error::internal("search: FTS5's tokenizer failed");
  }
  return {};
}

}  // namespace congtin::store::sqlite
