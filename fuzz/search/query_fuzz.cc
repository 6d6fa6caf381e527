// Fuzz target for search::parse_query (a hand-written parser) and the FTS5 expression built
// from it. Invariants:
//   - no crash, no sanitizer report;
//   - q.text is valid UTF-8 of at most kMaxQueryBytes; at most kMaxTerms terms;
//   - every term has a word to match, its folded form is text::fold of its text, and a query
//     with terms is never empty() (exclusions alone fall back to plain words);
//   - the highlight words are folded and non-empty;
//   - the query runs on a real SQLite FTS5 index without an error: no input reaches the
//     visitor as a syntax error.
#include <unicode/utf8.h>

#include <unistd.h>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "search/query.h"
#include "search/snippet.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_store.h"
#include "text/vietnamese.h"

namespace {

using namespace congtin;

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  for (int32_t i = 0, n = static_cast<int32_t>(s.size()); i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// One small index in a temporary file for the whole run (removed at exit).
struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<content::Store> store;
  std::unique_ptr<search::SearchIndex> index;
  // The two ways the SQLite index answers, forced: they must agree on every query.
  std::unique_ptr<search::SearchIndex> fts5, memory;

  Fixture() {
    dir = std::filesystem::temp_directory_path() /
          ("congtin-fuzz-search-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto s = store::open_sqlite_store(dir / "congtin.db", store::OpenMode::kCreate);
    FUZZ_CHECK(s.ok());
    store = std::move(s).value();
    auto i = store::open_sqlite_search_index(dir / "congtin.db");
    FUZZ_CHECK(i.ok());
    index = std::move(i).value();
    search::Document d;
    d.id = 1;
    d.slug = "a";
    d.title = "Sở Ngoại vụ tỉnh Lạng Sơn tại cửa khẩu Đồng Đăng";
    d.body_text = "Hợp tác quốc tế, near and or not \"x\" * ^ : { } ( ) - + covid-19 10/2023";
    FUZZ_CHECK(index->put(d).ok());
    // Characters where FTS5's tables and ICU's differ (U+0590, unassigned for ICU, is a word
    // character for FTS5), typographic punctuation, superscripts, CJK.
    const char* const more[] = {"Đoàn đại biểu Hà Nội thăm cửa khẩu", "hạ nổi hà nội HÀ NỘI",
                                "Quốc tế hợp tác: near near and", "x y z covid 19 2023 10",
                                "Đồng\u0590Đăng “trích dẫn” – x² 中文… dong"};
    for (int i = 0; i < 5; ++i) {
      d.id = 2 + i;
      d.slug = "b" + std::to_string(i);
      d.title = more[i];
      d.body_text = more[(i + 1) % 5];
      d.published_at = content::Time(std::chrono::seconds(1700000000 + i * 3600));
      FUZZ_CHECK(index->put(d).ok());
    }
    for (auto [path, out] : {std::pair{store::SqliteSearchOptions::Path::kFts5, &fts5},
                             std::pair{store::SqliteSearchOptions::Path::kMemory, &memory}}) {
      store::SqliteSearchOptions o;
      o.path = path;
      o.build_in_background = false;
      auto opened = store::open_sqlite_search_index(dir / "congtin.db", o);
      FUZZ_CHECK(opened.ok());
      *out = std::move(opened).value();
    }
  }
  ~Fixture() {
    fts5.reset();
    memory.reset();
    index.reset();
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const search::Query q = search::parse_query(input);

  FUZZ_CHECK(q.text.size() <= search::kMaxQueryBytes);
  FUZZ_CHECK(valid_utf8(q.text));
  FUZZ_CHECK(q.terms.size() <= search::kMaxTerms);
  FUZZ_CHECK(q.terms.empty() || !q.empty());
  for (const auto& t : q.terms) {
    FUZZ_CHECK(!t.folded.empty());
    FUZZ_CHECK(valid_utf8(t.text));
    FUZZ_CHECK(t.folded == text::fold(t.text));
    bool has_word = false;
    search::for_each_word(t.folded, [&](std::size_t, std::size_t) { has_word = true; });
    FUZZ_CHECK(has_word);
  }
  for (const auto& w : q.highlight_words()) {
    FUZZ_CHECK(!w.empty());
    FUZZ_CHECK(text::fold(w) == w);
  }

  search::SearchRequest r;
  r.query = q;
  r.now = content::Time(std::chrono::seconds(4102444800));
  auto page = fixture().index->search(r);
  if (!page.ok()) std::fprintf(stderr, "search failed: %s\n", page.error().message.c_str());
  FUZZ_CHECK(page.ok());
  for (const auto& h : page->hits) {
    const std::string s = search::snippet_html(h.body_text, q.highlight_words());
    FUZZ_CHECK(valid_utf8(s));
  }
  auto a = fixture().fts5->search(r);
  auto b = fixture().memory->search(r);
  FUZZ_CHECK(a.ok() && b.ok());
  FUZZ_CHECK(a->total == b->total && a->hits.size() == b->hits.size());
  for (std::size_t i = 0; i < a->hits.size(); ++i) {
    FUZZ_CHECK(a->hits[i].id == b->hits[i].id);
    FUZZ_CHECK(a->hits[i].score == b->hits[i].score);
  }
  return 0;
}
