// The SQLite index's two ways to answer (FTS5's walk and the in-memory word sets) give the
// same pages: same documents, order, scores, totals and "more", on a corpus large enough to
// fill the 300-document window, with phrases, exclusions, prefixes and filters.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <random>
#include <thread>

#include "index_test_support.h"
#include "search/query.h"

namespace congtin::search {
namespace {

using testing_support::IndexTest;
using testing_support::vn_time;
using Path = store::SqliteSearchOptions::Path;

std::unique_ptr<SearchIndex> open_with(const std::filesystem::path& db, Path path) {
  store::SqliteSearchOptions o;
  o.path = path;
  o.build_in_background = false;
  auto index = store::open_sqlite_search_index(db, o);
  EXPECT_TRUE(index.ok()) << index.error().message;
  return index.ok() ? std::move(*index) : nullptr;
}

// Syllables with and without marks, some common, some rare, so that queries meet every case:
// more than 300 matches, a few, none, phrases that hold and phrases whose words stand apart.
const char* const kWords[] = {
    "hợp", "tác",   "quốc", "tế",   "Hà",    "Nội",   "hạ",   "nổi",      "đoàn",
    "đại", "biểu",  "tỉnh", "Vân",  "Lĩnh",  "thủ",   "tục",  "hành",     "chính",
    "hộ",  "chiếu", "công", "vụ",   "ngoại", "giao",  "lãnh", "sự",       "văn",
    "bản", "trang", "bảng", "tính", "chèn",  "chênh", "lệch", "covid-19", "10/2023",
    "ĐÀ",  "NẴNG",  "đổi",  "mới",  "biên",  "giới",  "mốc",  "thôn"};

class SearchPathsTest : public IndexTest {
 protected:
  // n articles, ids 1..n, in 3 categories, published over two years.
  void fill(int n) {
    std::mt19937 rng(2026);
    auto text = [&](int words, int common) {
      std::string s;
      for (int i = 0; i < words; ++i) {
        const std::size_t pick = i % 3 == 0 ? rng() % common : rng() % std::size(kWords);
        if (!s.empty()) s += (rng() % 11 == 0) ? ". " : " ";
        s += kWords[pick];
      }
      return s;
    };
    auto tx = index_->batch([&]() -> Status {
      for (int id = 1; id <= n; ++id) {
        Document d;
        d.id = id;
        d.slug = "bai-" + std::to_string(id);
        d.title = text(6, 8);
        d.lead = text(12, 8);
        d.body_text = text(60 + id % 40, 12);
        d.category_id = 1 + id % 3;
        d.byline = id % 5 == 0 ? "Phóng viên Vân Lĩnh" : "";
        d.tags = {id % 7 == 0 ? "hợp tác quốc tế" : "biên giới"};
        d.published_at = vn_time(2024, 1, 1) + std::chrono::hours(17 * id);
        if (Status s = index_->put(d); !s) return s;
      }
      return {};
    });
    ASSERT_TRUE(tx.ok()) << tx.error().message;
  }

  void expect_same(std::string_view q, SearchRequest r, SearchIndex& a, SearchIndex& b) {
    r.query = parse_query(q);
    r.now = vn_time(2030, 1, 1);
    auto pa = a.search(r);
    auto pb = b.search(r);
    ASSERT_TRUE(pa.ok() && pb.ok()) << q;
    EXPECT_EQ(pa->total, pb->total) << q;
    EXPECT_EQ(pa->more, pb->more) << q;
    EXPECT_EQ(pa->reachable, pb->reachable) << q;
    ASSERT_EQ(pa->hits.size(), pb->hits.size()) << q;
    for (std::size_t i = 0; i < pa->hits.size(); ++i) {
      EXPECT_EQ(pa->hits[i].id, pb->hits[i].id) << q << " hit " << i;
      EXPECT_EQ(pa->hits[i].score, pb->hits[i].score) << q << " hit " << i;
    }
    ++compared_;
    if (pa->more) ++full_windows_;
    if (pa->total > 0 && !pa->more) ++partial_;
  }

  // A search for q as typed, now in 2030.
  static SearchRequest request(std::string_view q) {
    SearchRequest r;
    r.query = parse_query(q);
    r.now = vn_time(2030, 1, 1);
    return r;
  }

  int compared_ = 0, full_windows_ = 0, partial_ = 0;
};

TEST_F(SearchPathsTest, BothWaysGiveTheSamePages) {
  fill(900);
  auto fts = open_with(dir_ / "congtin.db", Path::kFts5);
  auto memory = open_with(dir_ / "congtin.db", Path::kMemory);
  ASSERT_TRUE(fts && memory);
  const char* const queries[] = {"hợp tác",
                                 "hop tac",
                                 "Hà Nội",
                                 "ha noi",
                                 "hạ nổi",
                                 "đoàn đại biểu tỉnh Vân Lĩnh",
                                 "doan dai bieu tinh van linh",
                                 "thủ tục hành chính hộ chiếu công vụ ngoại giao",
                                 "\"hợp tác quốc tế\"",
                                 "\"quốc tế hợp\"",
                                 "\"Hà Nội\" -trang",
                                 "văn bản -trang",
                                 "công -\"ngoại giao\"",
                                 "chè*",
                                 "chên* lệch",
                                 "\"chênh lệch\" biên*",
                                 "covid-19",
                                 "\"covid 19\"",
                                 "10/2023",
                                 "ĐÀ NẴNG",
                                 "da nang",
                                 "mốc thôn giới biên",
                                 "Phóng viên",
                                 "khong co tu nay",
                                 "lãnh sự -lãnh",
                                 "tác",
                                 "bảng tính chèn"};
  for (const char* q : queries) {
    SearchRequest r;
    expect_same(q, r, *fts, *memory);
    r.offset = 10;
    expect_same(q, r, *fts, *memory);
    r.offset = 0;
    r.category_ids = {2};
    expect_same(q, r, *fts, *memory);
    r.category_ids = {1, 3};
    r.from = vn_time(2024, 6, 1);
    r.until = vn_time(2025, 1, 1);
    expect_same(q, r, *fts, *memory);
  }
  // The corpus exercised both sides of the window.
  EXPECT_GT(full_windows_, 10);
  EXPECT_GT(partial_, 10);
}

// A write from another process (here another index object on the same file) moves the write
// count: the in-memory word sets built before it are not used for the search after it.
TEST_F(SearchPathsTest, AWriteElsewhereRetiresTheWordSets) {
  fill(50);
  auto memory = open_with(dir_ / "congtin.db", Path::kMemory);
  ASSERT_TRUE(memory);
  const SearchRequest r = request("xuất khẩu cà phê");
  auto before = memory->search(r);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->total, 0);
  put(5000, "Xuất khẩu cà phê tăng", "", vn_time(2026, 3, 1));
  auto after = memory->search(r);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->total, 1);
  EXPECT_EQ(after->hits[0].id, 5000);
  ASSERT_TRUE(index_->remove(5000).ok());
  auto gone = memory->search(r);
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(gone->total, 0);
}

// A batch (a rebuild or an import) moves the write count once, at its end; the word sets
// built before it are retired all the same.
TEST_F(SearchPathsTest, ABatchElsewhereRetiresTheWordSets) {
  fill(50);
  auto memory = open_with(dir_ / "congtin.db", Path::kMemory);
  ASSERT_TRUE(memory);
  const SearchRequest r = request("xuất khẩu cà phê");
  ASSERT_EQ(memory->search(r)->total, 0);
  auto batch = index_->batch([&]() -> Status {
    for (content::Id id : {6001, 6002}) {
      Document d;
      d.id = id;
      d.slug = "cf-" + std::to_string(id);
      d.title = "Xuất khẩu cà phê";
      d.published_at = vn_time(2026, 3, 1);
      if (Status s = index_->put(d); !s) return s;
    }
    return index_->remove(5);
  });
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(memory->search(r)->total, 2);
}

// Writes through the index object that holds the word sets update them in place (no
// rebuild), and the answers stay those of FTS5: new words, a new largest id (the bitsets
// grow), an edit, a removal.
TEST_F(SearchPathsTest, OwnWritesUpdateTheWordSetsInPlace) {
  fill(300);
  store::SqliteSearchOptions o;
  o.path = Path::kMemory;
  o.build_in_background = false;
  std::vector<std::string> reports;
  o.report = [&](const std::string& m) { reports.push_back(m); };
  auto opened = store::open_sqlite_search_index(dir_ / "congtin.db", o);
  ASSERT_TRUE(opened.ok());
  auto& memory = **opened;
  auto fts = open_with(dir_ / "congtin.db", Path::kFts5);
  const char* const queries[] = {
      "hợp tác", "xuất khẩu cà phê",           "\"cà phê\" -hợp", "Hà Nội",
      "cà*",     "đoàn đại biểu tỉnh Vân Lĩnh"};
  const auto compare = [&] {
    for (const char* q : queries) expect_same(q, {}, memory, *fts);
  };
  compare();  // builds the word sets
  const auto doc = [](content::Id id, std::string title, std::string body, int hours) {
    Document d;
    d.id = id;
    d.slug = "moi-" + std::to_string(id);
    d.title = std::move(title);
    d.body_text = std::move(body);
    d.category_id = 2;
    d.published_at = vn_time(2026, 3, 1) + std::chrono::hours(hours);
    return d;
  };
  ASSERT_TRUE(memory.put(doc(301, "Xuất khẩu cà phê tăng", "Hợp tác với Hà Nội", 1)).ok());
  compare();
  ASSERT_TRUE(memory.put(doc(70000, "Cà phê Vân Lĩnh", "đoàn đại biểu tỉnh Vân Lĩnh", 2)).ok());
  compare();
  ASSERT_TRUE(memory.put(doc(5, "Sửa: cà phê xuất khẩu", "nội dung mới hoàn toàn", 3)).ok());
  compare();
  ASSERT_TRUE(memory.remove(301).ok());
  compare();
  ASSERT_TRUE(memory.put(doc(7, "Cà phê và hợp tác", "", 4)).ok());
  compare();
  ASSERT_TRUE(memory.remove(5).ok());
  compare();
  // Back, without those words: its old postings must be gone.
  ASSERT_TRUE(memory.put(doc(5, "Hội nghị tổng kết", "", 5)).ok());
  compare();
  ASSERT_TRUE(memory.remove(12345).ok());  // not indexed: nothing to follow
  compare();
  EXPECT_EQ(std::count_if(reports.begin(), reports.end(),
                          [](const std::string& m) { return m.find("updated") != m.npos; }),
            7)
      << ::testing::PrintToString(reports);
}

// The same with background work, as serve runs it: the build after warm_up(), then an
// update after a write, each reported once; answers are right throughout.
TEST_F(SearchPathsTest, BackgroundUpdatesFollowOwnWrites) {
  fill(200);
  std::mutex mu;
  std::vector<std::string> reports;
  store::SqliteSearchOptions o;
  o.report = [&](const std::string& m) {
    std::lock_guard lock(mu);
    reports.push_back(m);
  };
  auto opened = store::open_sqlite_search_index(dir_ / "congtin.db", o);
  ASSERT_TRUE(opened.ok());
  auto& index = **opened;
  auto fts = open_with(dir_ / "congtin.db", Path::kFts5);
  const auto wait_for = [&](std::string_view what) {
    for (int i = 0; i < 500; ++i) {
      {
        std::lock_guard lock(mu);
        for (const auto& m : reports)
          if (m.find(what) != m.npos) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  };
  index.warm_up();
  ASSERT_TRUE(wait_for("ready: 200 documents"));
  Document d;
  d.id = 201;
  d.slug = "moi";
  d.title = "Cà phê Vân Lĩnh xuất khẩu";
  d.published_at = vn_time(2026, 5, 1);
  ASSERT_TRUE(index.put(d).ok());
  expect_same("cà phê", {}, index, *fts);  // FTS5 or the sets, whichever is current
  ASSERT_TRUE(wait_for("updated for article 201"));
  expect_same("cà phê", {}, index, *fts);
  expect_same("Vân Lĩnh", {}, index, *fts);
  std::lock_guard lock(mu);
  EXPECT_EQ(reports.size(), 2u) << ::testing::PrintToString(reports);
}

// Ids far sparser than the articles: no word sets (they are sized by the largest id), and
// FTS5 answers alone.
TEST_F(SearchPathsTest, SparseIdsLeaveTheAnswersToFts5) {
  put(3, "Hội nghị xúc tiến đầu tư");
  put(400'000'000, "Xúc tiến thương mại tại Vân Lĩnh");
  auto memory = open_with(dir_ / "congtin.db", Path::kMemory);
  ASSERT_TRUE(memory);
  const SearchRequest r = request("xúc tiến");
  auto page = memory->search(r);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->total, 2);
}

// The same through an update in place: a sparse id added to current word sets leaves them
// stale (the rebuild then refuses), instead of growing them to the id.
TEST_F(SearchPathsTest, ASparseIdAddedLeavesTheAnswersToFts5) {
  put(3, "Hội nghị xúc tiến đầu tư");
  auto memory = open_with(dir_ / "congtin.db", Path::kMemory);
  ASSERT_TRUE(memory);
  const SearchRequest r = request("xúc tiến");
  ASSERT_TRUE(memory->search(r).ok());  // builds the word sets
  Document d;
  d.id = 400'000'000;
  d.slug = "xa";
  d.title = "Xúc tiến thương mại tại Vân Lĩnh";
  d.published_at = vn_time(2026, 1, 1);
  ASSERT_TRUE(memory->put(d).ok());
  auto page = memory->search(r);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->total, 2);
}

// The background build: searches are right before it finishes and after.
TEST_F(SearchPathsTest, BackgroundBuildKeepsAnswersRight) {
  fill(200);
  store::SqliteSearchOptions o;  // kAuto, background
  auto index = store::open_sqlite_search_index(dir_ / "congtin.db", o);
  ASSERT_TRUE(index.ok());
  auto fts = open_with(dir_ / "congtin.db", Path::kFts5);
  (*index)->warm_up();
  for (int i = 0; i < 50; ++i) {
    SearchRequest r;
    expect_same(i % 2 ? "hợp tác quốc" : "\"Hà Nội\"", r, **index, *fts);
  }
}

}  // namespace
}  // namespace congtin::search
