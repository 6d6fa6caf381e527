// The indexer follows content events on a real store and index: published → findable at
// once, updated → the edit shows, unpublished → gone at once; rebuild from the store.
#include "search/indexer.h"

#include <gtest/gtest.h>

#include "index_test_support.h"

namespace congtin::search {
namespace {

using content::ArticleStatus;
using content::Event;
using content::EventKind;
using testing_support::vn_time;
using Ids = std::vector<content::Id>;

class IndexerTest : public testing_support::IndexTest {
 protected:
  void SetUp() override {
    IndexTest::SetUp();
    content::Category c;
    c.name = "Công tác biên giới";
    c.slug = "cong-tac-bien-gioi";
    auto id = store_->categories().create(c);
    ASSERT_TRUE(id.ok());
    category_ = *id;
    indexer_ = std::make_unique<Indexer>(*store_, *index_);
    indexer_->subscribe(bus_);
  }

  content::Id create(std::string title, ArticleStatus status = ArticleStatus::kPublished) {
    content::Article a;
    a.title = std::move(title);
    a.slug = "bai-" + std::to_string(++n_);
    a.lead = "Tin của Sở Ngoại vụ.";
    a.body_html = "<p>Đoàn đã đến cửa khẩu <strong>Đồng Đăng</strong>.</p><p>Kết thúc.</p>";
    a.author = "Phùng Anh Văn";
    a.author_unit = "TTTTDV&ĐN";
    a.category_id = category_;
    a.tags = {"biên giới"};
    a.status = status;
    a.published_at = vn_time(2017, 6, n_);
    a.created_at = a.updated_at = *a.published_at;
    auto id = store_->articles().create(a);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }

  content::EventBus bus_;
  std::unique_ptr<Indexer> indexer_;
  content::Id category_ = 0;
  int n_ = 0;
};

TEST_F(IndexerTest, PublishedIsFindableAtOnce) {
  const content::Id id = create("Tuần tra song phương đoạn biên giới");
  EXPECT_TRUE(ids("tuan tra").empty());  // no event yet
  bus_.publish(Event{EventKind::kArticlePublished, id, "bai-1", {}, category_, {}});
  EXPECT_EQ(ids("tuan tra"), Ids{id});
  EXPECT_EQ(ids("dong dang"), Ids{id});           // body without markup
  EXPECT_EQ(ids("phung anh van"), Ids{id});       // byline
  EXPECT_EQ(ids("cong tac bien gioi"), Ids{id});  // category name
  // Markup is not text.
  EXPECT_TRUE(ids("strong").empty());
}

TEST_F(IndexerTest, UpdatedReflectsTheEdit) {
  const content::Id id = create("Tuần tra song phương");
  bus_.publish(Event{EventKind::kArticlePublished, id, "bai-1", {}, category_, {}});
  auto a = store_->articles().by_id(id);
  ASSERT_TRUE(a.ok());
  a->title = "Hội đàm cấp tỉnh";
  ASSERT_TRUE(store_->articles().update(*a).ok());
  bus_.publish(Event{EventKind::kArticleUpdated, id, "bai-1", {}, category_, {}});
  EXPECT_TRUE(ids("tuan tra").empty());
  EXPECT_EQ(ids("hoi dam"), Ids{id});
}

TEST_F(IndexerTest, UnpublishedIsGoneAtOnce) {
  const content::Id id = create("Tuần tra song phương");
  bus_.publish(Event{EventKind::kArticlePublished, id, "bai-1", {}, category_, {}});
  ASSERT_EQ(ids("tuan tra"), Ids{id});
  auto a = store_->articles().by_id(id);
  ASSERT_TRUE(a.ok());
  a->status = ArticleStatus::kTakenDown;
  ASSERT_TRUE(store_->articles().update(*a).ok());
  bus_.publish(Event{EventKind::kArticleUnpublished, id, "bai-1", {}, category_, {}});
  EXPECT_TRUE(ids("tuan tra").empty());
}

TEST_F(IndexerTest, UpdateOfANoLongerPublishedArticleRemovesIt) {
  const content::Id id = create("Tuần tra song phương");
  bus_.publish(Event{EventKind::kArticlePublished, id, "bai-1", {}, category_, {}});
  auto a = store_->articles().by_id(id);
  ASSERT_TRUE(a.ok());
  a->status = ArticleStatus::kReturned;
  ASSERT_TRUE(store_->articles().update(*a).ok());
  bus_.publish(Event{EventKind::kArticleUpdated, id, "bai-1", {}, category_, {}});
  EXPECT_TRUE(ids("tuan tra").empty());
}

TEST_F(IndexerTest, RebuildIndexesPublishedOnly) {
  const content::Id a = create("Tuần tra song phương");
  const content::Id b = create("Hội đàm cấp tỉnh");
  create("Bản nháp tuần tra", ArticleStatus::kDraft);
  Document stale;
  stale.id = 999;
  stale.slug = "cu";
  stale.title = "Tuần tra cũ";
  ASSERT_TRUE(index_->put(stale).ok());
  std::size_t last = 0, total = 0;
  auto n = indexer_->rebuild([&](std::size_t done, std::size_t all) { last = done, total = all; });
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 2u);
  EXPECT_EQ(last, 2u);
  EXPECT_EQ(total, 2u);
  EXPECT_EQ(ids("tuan tra"), Ids{a});  // not the draft, not the stale 999
  EXPECT_EQ(ids("hoi dam"), Ids{b});
}

// More articles than one chunk of a preparing thread, so that several threads prepare them
// and the writer takes their chunks in order.
TEST_F(IndexerTest, RebuildIndexesEveryArticleOfManyChunks) {
  constexpr int kArticles = 1234;
  std::vector<content::Id> all;
  ASSERT_TRUE(store_
                  ->transaction([&]() -> Status {
                    for (int i = 0; i < kArticles; ++i) {
                      content::Article a;
                      a.title = "Bản tin số " + std::to_string(i);
                      a.slug = "ban-tin-" + std::to_string(i);
                      a.body_html = "<p>Mã <em>m" + std::to_string(i) + "x</em>.</p>";
                      a.category_id = category_;
                      a.status = i % 10 == 9 ? ArticleStatus::kDraft : ArticleStatus::kPublished;
                      a.published_at = vn_time(2019, 1, 1) + std::chrono::minutes(i);
                      a.created_at = a.updated_at = *a.published_at;
                      auto id = store_->articles().create(a);
                      if (!id) return id.take_error();
                      if (a.status == ArticleStatus::kPublished) all.push_back(*id);
                    }
                    return {};
                  })
                  .ok());
  std::vector<std::size_t> seen;
  auto n = indexer_->rebuild([&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, all.size());
    seen.push_back(done);
  });
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, all.size());
  ASSERT_EQ(seen.size(), all.size());  // once per article, counting up
  for (std::size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], i + 1);
  EXPECT_EQ(*index_->size(), static_cast<std::int64_t>(all.size()));
  // Each published article by a word of its own body; drafts are not indexed.
  for (int i : {0, 1, 199, 200, 201, 599, 600, 1000, 1233}) {
    const std::string word = "m" + std::to_string(i) + "x";
    if (i % 10 == 9) {
      EXPECT_TRUE(ids(word).empty()) << word;
    } else {
      EXPECT_EQ(ids(word).size(), 1u) << word;
    }
  }
}

// The way an import indexes what it added: each id as index_article() would, in one batch.
TEST_F(IndexerTest, IndexArticlesPutsThePublishedAndRemovesTheRest) {
  const content::Id a = create("Tuần tra song phương");
  const content::Id b = create("Hội đàm cấp tỉnh");
  const content::Id draft = create("Bản nháp tuần tra", ArticleStatus::kDraft);
  Document stale;  // indexed once, its article since deleted
  stale.id = 999;
  stale.slug = "cu";
  stale.title = "Tuần tra cũ";
  ASSERT_TRUE(index_->put(stale).ok());
  Document was_public;  // indexed while published; a draft now
  was_public.id = draft;
  was_public.slug = "bai-3";
  was_public.title = "Bản nháp tuần tra";
  ASSERT_TRUE(index_->put(was_public).ok());
  ASSERT_EQ(ids("tuan tra").size(), 2u);

  ASSERT_TRUE(indexer_->index_articles({a, b, draft, 999}).ok());
  EXPECT_EQ(ids("tuan tra"), Ids{a});
  EXPECT_EQ(ids("hoi dam"), Ids{b});
  EXPECT_EQ(ids("dong dang").size(), 2u);  // bodies without markup
  EXPECT_EQ(*index_->size(), 2);
  ASSERT_TRUE(indexer_->index_articles({}).ok());  // nothing to do
  EXPECT_EQ(*index_->size(), 2);
}

TEST_F(IndexerTest, RebuildIfEmptyFillsAnEmptyIndexOnly) {
  auto nothing = indexer_->rebuild_if_empty(nullptr);  // nothing published yet
  ASSERT_TRUE(nothing.ok()) << nothing.error().message;
  EXPECT_EQ(*nothing, 0u);
  const content::Id a = create("Tuần tra song phương");  // stored without an event
  auto n = indexer_->rebuild_if_empty(nullptr);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 1u);
  EXPECT_EQ(ids("tuan tra"), Ids{a});
  create("Tuần tra lần hai");
  auto again = indexer_->rebuild_if_empty(nullptr);  // the index is not empty any more
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, 0u);
  EXPECT_EQ(ids("tuan tra"), Ids{a});
}

TEST(MakeDocument, TakesPlainTextAndByline) {
  content::Article a;
  a.id = 5;
  a.title = "Tiêu đề";
  a.body_html = "<p>Một <em>hai</em></p><p>ba &amp; bốn</p>";
  a.author = "Phùng Anh Văn";
  a.author_unit = "TTTTDV&ĐN";
  a.published_at = vn_time(2017, 1, 1);
  const Document d = make_document(a, "Thông báo");
  EXPECT_EQ(d.byline, "Phùng Anh Văn - TTTTDV&ĐN");
  EXPECT_EQ(d.category_name, "Thông báo");
  EXPECT_EQ(d.body_text.find('<'), std::string::npos) << d.body_text;
  EXPECT_NE(d.body_text.find("ba & bốn"), std::string::npos) << d.body_text;
}

}  // namespace
}  // namespace congtin::search
