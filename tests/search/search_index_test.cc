// The SQLite FTS5 index on a real temporary database file: matching as visitors type,
// query syntax, filters, pagination, ranking rules, and removal.
#include "store/sqlite/search_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "index_test_support.h"

namespace congtin::search {
namespace {

using testing_support::IndexTest;
using testing_support::vn_time;
using Ids = std::vector<content::Id>;

class SearchIndexTest : public IndexTest {
 protected:
  void SetUp() override {
    IndexTest::SetUp();
    put(1, "Sở Ngoại vụ tỉnh Lạng Sơn tiếp đoàn công tác",
        "Buổi làm việc diễn ra tại cửa khẩu quốc tế Đồng Đăng.");
    put(2, "Hội nghị công tác biên giới", "Thảo luận về ngoại giao và nhiệm vụ năm tới.");
    put(3, "Hướng dẫn hợp pháp hóa lãnh sự", "Thủ tục trực tuyến cho công dân.");
  }
};

TEST_F(SearchIndexTest, SizeAndEmpty) {
  EXPECT_FALSE(*index_->empty());  // the fixture's documents
  ASSERT_TRUE(index_->clear().ok());
  EXPECT_TRUE(*index_->empty());
  EXPECT_EQ(*index_->size(), 0);
  put(1, "Tin thứ nhất", "", vn_time(2020, 1, 1));
  put(2, "Tin thứ hai", "", vn_time(2020, 1, 2));
  EXPECT_FALSE(*index_->empty());
  EXPECT_EQ(*index_->size(), 2);
}

TEST_F(SearchIndexTest, FindsWhatPeopleType) {
  const struct {
    const char* query;
    Ids expected;
  } cases[] = {
      {"Ngoại vụ", {1, 2}},
      {"ngoai vu", {1, 2}},
      {"NGOAI VU", {1, 2}},
      {"NGOẠI VỤ", {1, 2}},
      {"ngoa\xCC\xA3i vu\xCC\xA3", {1, 2}},  // NFD, combining marks
      {"Đồng Đăng", {1}},
      {"dong dang", {1}},  // đ typed as d, no tones
      {"đong đang", {1}},  // đ kept, tones left out
      {"hop phap hoa", {3}},
      {"lanh su", {3}},
      {"trực tuyến", {3}},
      {"không có đâu", {}},
  };
  // Ranked: 1 has "Ngoại vụ" in its title, 2 has "ngoại giao ... nhiệm vụ" in its body.
  for (const auto& c : cases) EXPECT_EQ(ids(c.query), c.expected) << c.query;
}

TEST_F(SearchIndexTest, Syntax) {
  const struct {
    const char* query;
    Ids expected;
  } cases[] = {
      {"\"ngoai vu\"", {1}},  // phrase: 2 has "ngoại giao và nhiệm vụ", not the phrase
      {"ngoai vu", {1, 2}},
      {"cong tac", {1, 2}},
      {"cong tac -bien", {1}},  // exclude
      {"cong tac -\"bien gioi\"", {1}},
      {"ngoa*", {1, 2}},  // prefix, no diacritics
      {"hợp*", {3}},
      {"bie*", {2}},
      {"\"dong dang", {1}},    // unbalanced: plain words
      {"-bien", {2}},          // exclusions only: plain words
      {"AND", {}},             // operators are words
      {"NEAR(ngoai vu)", {}},  // "near(ngoai" is a word here
      {"\" OR \"", {}},
      {"{f_title}: ngoai", {}},  // column filters are words too
  };
  for (const auto& c : cases) {
    Ids got = ids(c.query);
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, c.expected) << c.query;
  }
}

TEST_F(SearchIndexTest, FiltersAndPagination) {
  for (int i = 10; i < 35; ++i) {
    put(i, "Tin biên giới số " + std::to_string(i), "", vn_time(2017, 5, i - 9), i % 2 ? 7 : 8);
  }
  SearchRequest r;
  EXPECT_EQ(find("tin bien gioi", r).total, 25);
  r.category_ids = {7};
  EXPECT_EQ(find("tin bien gioi", r).total, 12);
  r.category_ids = {7, 8};
  EXPECT_EQ(find("tin bien gioi", r).total, 25);
  r.category_ids = {};
  r.from = vn_time(2017, 5, 10, 0);
  r.until = vn_time(2017, 5, 12, 0);
  EXPECT_EQ(ids("tin bien gioi", r), (Ids{20, 19}));  // 10 and 11 May, newest first
  r.from.reset();
  r.until.reset();
  r.now = vn_time(2017, 5, 2, 9);  // not yet published: not found
  EXPECT_EQ(ids("tin bien gioi", r), (Ids{11, 10}));

  SearchRequest pages;
  pages.limit = 10;
  const SearchPage first = find("tin bien gioi", pages);
  pages.offset = 20;
  const SearchPage last = find("tin bien gioi", pages);
  EXPECT_EQ(first.total, 25);
  EXPECT_EQ(first.hits.size(), 10u);
  EXPECT_EQ(last.total, 25);
  EXPECT_FALSE(last.more);
  EXPECT_EQ(last.hits.size(), 5u);
  pages.offset = 100;
  EXPECT_TRUE(find("tin bien gioi", pages).hits.empty());
}

TEST_F(SearchIndexTest, BroadQueriesRankTheirNewestMatches) {
  ASSERT_TRUE(index_
                  ->batch([&]() -> Status {
                    for (int i = 0; i < 1010; ++i)
                      put(1000 + i, "Bản tin số " + std::to_string(i), "",
                          vn_time(2016, 1, 1) + std::chrono::hours(i));
                    return {};
                  })
                  .ok());
  SearchRequest r;
  r.limit = 10;
  const SearchPage first = find("ban tin", r);
  EXPECT_EQ(first.total, 300);  // counting stops there
  EXPECT_TRUE(first.more);
  EXPECT_EQ(first.reachable, 300);
  ASSERT_EQ(first.hits.size(), 10u);
  EXPECT_EQ(first.hits[0].id, 2009);  // the newest, on equal relevance
  r.offset = 290;
  EXPECT_EQ(find("ban tin", r).hits.size(), 10u);
  r.offset = 300;
  EXPECT_TRUE(find("ban tin", r).hits.empty());
}

TEST_F(SearchIndexTest, TitleAboveBody) {
  put(40, "Thông báo lịch tiếp dân", "Nội dung có nhắc tới kiều bào ở nước ngoài.",
      vn_time(2020, 1, 1));
  put(41, "Gặp mặt kiều bào đón Tết", "Nội dung khác.", vn_time(2010, 1, 1));
  EXPECT_EQ(ids("kieu bao"), (Ids{41, 40}));
}

TEST_F(SearchIndexTest, SameDiacriticsAboveFolded) {
  // Inserted in both orders, so neither the id nor the insertion order decides.
  put(50, "Thuyền hạ nổi ở bến", "", vn_time(2017, 6, 1));
  put(51, "Đoàn công tác thăm Hà Nội", "", vn_time(2017, 6, 1));
  put(52, "Đoàn công tác thăm Hà Nội lần hai", "", vn_time(2017, 6, 1));
  put(53, "Thuyền hạ nổi ở bến lần hai", "", vn_time(2017, 6, 1));
  Ids got = ids("hà nội");
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(std::set<content::Id>(got.begin(), got.begin() + 2), (std::set<content::Id>{51, 52}));
  got = ids("hạ nổi");
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(std::set<content::Id>(got.begin(), got.begin() + 2), (std::set<content::Id>{50, 53}));
  // Typed without marks, both spellings are found.
  EXPECT_EQ(ids("ha noi").size(), 4u);
}

TEST_F(SearchIndexTest, WordsTogetherAboveScattered) {
  // The same words, as many, in both: only their arrangement differs, and the scattered one
  // is newer, so without the proximity rule it would come first.
  put(60, "Báo cáo chuyên đề",
      "Hợp tác trong nhiều lĩnh vực kinh tế nông nghiệp giáo dục y tế văn hóa quốc tế.",
      vn_time(2020, 1, 1));
  put(61, "Báo cáo chuyên đề",
      "Trong nhiều lĩnh vực kinh tế nông nghiệp giáo dục y tế văn hóa hợp tác quốc tế.",
      vn_time(2010, 1, 1));
  EXPECT_EQ(ids("hop tac quoc te"), (Ids{61, 60}));
}

TEST_F(SearchIndexTest, RecencyBreaksTies) {
  put(70, "Lịch tiếp công dân tháng", "", vn_time(2015, 1, 1));
  put(71, "Lịch tiếp công dân tháng", "", vn_time(2018, 1, 1));
  put(72, "Lịch tiếp công dân tháng", "", vn_time(2016, 1, 1));
  EXPECT_EQ(ids("lich tiep cong dan"), (Ids{71, 72, 70}));
}

TEST_F(SearchIndexTest, MetaFieldsAreSearchable) {
  Document d;
  d.id = 80;
  d.slug = "bai-80";
  d.title = "Bài không liên quan";
  d.byline = "Phùng Anh Văn - TTTTDV&ĐN";
  d.category_name = "Viện trợ phi chính phủ";
  d.tags = {"kiều bào", "Tết"};
  d.published_at = vn_time(2017, 1, 1);
  ASSERT_TRUE(index_->put(d).ok());
  EXPECT_EQ(ids("phung anh van"), Ids{80});
  EXPECT_EQ(ids("vien tro"), Ids{80});
  EXPECT_EQ(ids("tet"), Ids{80});
}

TEST_F(SearchIndexTest, RemovedDisappearsEditReflected) {
  ASSERT_EQ(ids("dong dang"), Ids{1});
  ASSERT_TRUE(index_->remove(1).ok());
  EXPECT_TRUE(ids("dong dang").empty());
  EXPECT_TRUE(index_->remove(1).ok());  // absent: still ok

  put(3, "Hướng dẫn cấp hộ chiếu công vụ", "Thủ tục mới.");  // an edit of 3
  EXPECT_TRUE(ids("lanh su").empty());
  EXPECT_EQ(ids("ho chieu"), Ids{3});
  auto size = index_->size();
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, 2);

  ASSERT_TRUE(index_->clear().ok());
  EXPECT_TRUE(ids("ho chieu").empty());
  EXPECT_EQ(*index_->size(), 0);
}

TEST_F(SearchIndexTest, HitsCarryOriginalText) {
  const SearchPage p = find("dong dang");
  ASSERT_EQ(p.hits.size(), 1u);
  EXPECT_EQ(p.hits[0].title, "Sở Ngoại vụ tỉnh Lạng Sơn tiếp đoàn công tác");
  EXPECT_EQ(p.hits[0].body_text, "Buổi làm việc diễn ra tại cửa khẩu quốc tế Đồng Đăng.");
  EXPECT_EQ(p.hits[0].slug, "bai-1");
  EXPECT_EQ(p.hits[0].published_at, vn_time(2017, 6, 1));
  EXPECT_GT(p.hits[0].score, 0);
}

TEST_F(SearchIndexTest, BatchIsAllOrNothing) {
  Status s = index_->batch([&]() -> Status {
    put(90, "Tin trong lô", "");
    return Error::invalid("stop");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(ids("tin trong lo").empty());
}

// A source of documents for replace_all(): these, then the end (or `fail` after them).
SearchIndex::NextDocument documents(std::vector<Document> docs,
                                    std::optional<Error> fail = std::nullopt) {
  auto left = std::make_shared<std::vector<Document>>(std::move(docs));
  std::reverse(left->begin(), left->end());
  return [left, fail]() -> Result<std::optional<Document>> {
    if (left->empty()) {
      if (fail) return *fail;
      return std::optional<Document>();
    }
    Document d = std::move(left->back());
    left->pop_back();
    return std::optional<Document>(std::move(d));
  };
}

Ids sorted(Ids ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

Document document(content::Id id, std::string title, bool folded) {
  Document d;
  d.id = id;
  d.slug = "moi-" + std::to_string(id);
  d.title = std::move(title);
  d.body_text = "Nội dung của bài " + std::to_string(id) + ".";
  d.tags = {"đối ngoại"};
  d.published_at = vn_time(2018, 3, static_cast<int>(id % 28) + 1);
  if (folded) fold_document(d);
  return d;
}

TEST_F(SearchIndexTest, ReplaceAllReplacesEveryDocument) {
  ASSERT_EQ(ids("dong dang"), Ids{1});
  // Folded ahead, as a rebuild hands them, or not: replace_all folds those itself.
  Status s = index_->replace_all(documents(
      {document(10, "Tiếp Đại sứ Hàn Quốc", true), document(11, "Đại sứ quán Nhật Bản", false)}));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(ids("dong dang").empty());  // the old documents are gone
  EXPECT_EQ(sorted(ids("dai su")), (Ids{10, 11}));
  EXPECT_EQ(sorted(ids("doi ngoai")), (Ids{10, 11}));  // tags, folded into meta
  EXPECT_EQ(*index_->size(), 2);
  // The index goes on as usual after it: a put replaces, a remove removes.
  put(10, "Tiếp Tổng Lãnh sự", "");
  EXPECT_EQ(ids("dai su"), Ids{11});
  ASSERT_TRUE(index_->remove(11).ok());
  EXPECT_TRUE(ids("dai su").empty());
  // Nothing to give: an empty index.
  ASSERT_TRUE(index_->replace_all(documents({})).ok());
  EXPECT_TRUE(*index_->empty());
}

TEST_F(SearchIndexTest, ReplaceAllIsAllOrNothing) {
  // An error from the source after some documents were written...
  Status s = index_->replace_all(
      documents({document(10, "Tiếp Đại sứ Hàn Quốc", true)}, Error::unavailable("đọc lỗi")));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "đọc lỗi");
  // ... or from the index (the same id twice) leaves it as it was.
  s = index_->replace_all(
      documents({document(10, "Tiếp Đại sứ Hàn Quốc", true), document(10, "Đại sứ quán", true)}));
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(ids("dai su").empty());
  EXPECT_EQ(ids("dong dang"), Ids{1});
  EXPECT_EQ(*index_->size(), 3);
}

TEST_F(SearchIndexTest, EmptyQueryIsEmptyPage) {
  const SearchPage p = find("  -  ");
  EXPECT_EQ(p.total, 0);
  EXPECT_TRUE(p.hits.empty());
}

}  // namespace
}  // namespace congtin::search
