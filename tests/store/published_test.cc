// ArticleRepository::published() and count_published(): what the public site lists.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "store_fixture.h"

namespace congtin::store {
namespace {

using content::Article;
using content::ArticleQuery;
using content::ArticleStatus;
using content::Id;
using testing::at;
using testing::StoreTest;

constexpr std::int64_t kNow = 1'700'000'000;

// A small portal: Tin tức > Đối ngoại > Biên giới, and Thông báo beside it.
class PublishedTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    news_ = category("tin-tuc");
    foreign_ = category("doi-ngoai", news_);
    border_ = category("bien-gioi", foreign_);
    notices_ = category("thong-bao");

    ids_["news-old"] = create(article("news-old", news_, kNow - 5000));
    ids_["foreign"] = create(article("foreign", foreign_, kNow - 4000));
    Article f = article("border-featured", border_, kNow - 3000);
    f.featured = true;
    ids_["border-featured"] = create(f);
    ids_["notice"] = create(article("notice", notices_, kNow - 2000));
    // Same instant as "notice": ordered by id descending.
    ids_["notice-same-time"] = create(article("notice-same-time", notices_, kNow - 2000));
    ids_["exactly-now"] = create(article("exactly-now", news_, kNow));

    // Not public: a draft, a scheduled one, one published "in the future", one taken down,
    // one marked published without a date.
    Article draft = article("draft", news_, kNow - 100);
    draft.status = ArticleStatus::kDraft;
    create(draft);
    Article scheduled = article("scheduled", news_, kNow + 3600);
    scheduled.status = ArticleStatus::kScheduled;
    create(scheduled);
    create(article("future", news_, kNow + 1));
    Article down = article("taken-down", news_, kNow - 100);
    down.status = ArticleStatus::kTakenDown;
    create(down);
    Article undated = article("undated", news_, kNow - 100);
    undated.published_at.reset();
    create(undated);
  }

  std::vector<std::string> slugs(const ArticleQuery& q) {
    auto r = store().articles().published(q, at(kNow));
    EXPECT_TRUE(r.ok()) << r.error().message;
    std::vector<std::string> out;
    if (r.ok())
      for (const auto& s : *r) out.push_back(s.slug);
    return out;
  }

  std::int64_t count(const ArticleQuery& q) {
    auto r = store().articles().count_published(q, at(kNow));
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : -1;
  }

 public:  // read by the query table below
  Id news_ = 0, foreign_ = 0, border_ = 0, notices_ = 0;
  std::map<std::string, Id> ids_;
};

struct QueryCase {
  const char* name;
  std::function<ArticleQuery(const PublishedTest&)> query;
  std::vector<std::string> want;
};

TEST_F(PublishedTest, FiltersAndOrders) {
  const std::vector<QueryCase> cases = {
      {"everything public, newest first, ties by id desc",
       [](const PublishedTest&) { return ArticleQuery{}; },
       {"exactly-now", "notice-same-time", "notice", "border-featured", "foreign", "news-old"}},
      {"category includes all descendants",
       [](const PublishedTest& t) {
         ArticleQuery a;
         a.category_id = t.news_;
         return a;
       },
       {"exactly-now", "border-featured", "foreign", "news-old"}},
      {"middle of the tree",
       [](const PublishedTest& t) {
         ArticleQuery a;
         a.category_id = t.foreign_;
         return a;
       },
       {"border-featured", "foreign"}},
      {"leaf",
       [](const PublishedTest& t) {
         ArticleQuery a;
         a.category_id = t.border_;
         return a;
       },
       {"border-featured"}},
      {"exclude the article being read",
       [](const PublishedTest& t) {
         ArticleQuery a;
         a.category_id = t.notices_;
         a.exclude_id = t.ids_.at("notice");
         return a;
       },
       {"notice-same-time"}},
      {"featured only",
       [](const PublishedTest&) {
         ArticleQuery a;
         a.featured_only = true;
         return a;
       },
       {"border-featured"}},
      {"page 2 of size 2",
       [](const PublishedTest&) {
         ArticleQuery a;
         a.limit = 2;
         a.offset = 2;
         return a;
       },
       {"notice", "border-featured"}},
      {"past the end",
       [](const PublishedTest&) {
         ArticleQuery a;
         a.offset = 100;
         return a;
       },
       {}},
      {"limit 0",
       [](const PublishedTest&) {
         ArticleQuery a;
         a.limit = 0;
         return a;
       },
       {}},
      {"negative limit clamps to 0",
       [](const PublishedTest&) {
         ArticleQuery a;
         a.limit = -5;
         return a;
       },
       {}},
      {"negative offset clamps to 0",
       [](const PublishedTest&) {
         ArticleQuery a;
         a.limit = 1;
         a.offset = -3;
         return a;
       },
       {"exactly-now"}},
      {"unknown category",
       [](const PublishedTest&) {
         ArticleQuery a;
         a.category_id = 999;
         return a;
       },
       {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(slugs(c.query(*this)), c.want) << c.name;
  }
}

TEST_F(PublishedTest, CountMatchesTheFilterIgnoringPagination) {
  ArticleQuery all;
  EXPECT_EQ(count(all), 6);
  all.limit = 1;
  all.offset = 3;
  EXPECT_EQ(count(all), 6);
  ArticleQuery news;
  news.category_id = news_;
  EXPECT_EQ(count(news), 4);
  news.exclude_id = ids_.at("foreign");
  EXPECT_EQ(count(news), 3);
  ArticleQuery featured;
  featured.featured_only = true;
  EXPECT_EQ(count(featured), 1);
}

TEST_F(PublishedTest, SummariesCarryListingFields) {
  Article a = article("co-anh", foreign_, kNow - 1);
  a.title = "Có ảnh bìa";
  a.lead = "Sapo ngắn";
  a.cover_image = "/media/12/34.jpg";
  a.cover_alt = "Ảnh bìa";
  const Id id = create(a);
  ArticleQuery q;
  q.limit = 2;
  auto r = store().articles().published(q, at(kNow));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  const auto& s = (*r)[1];
  EXPECT_EQ(s.id, id);
  EXPECT_EQ(s.title, a.title);
  EXPECT_EQ(s.slug, a.slug);
  EXPECT_EQ(s.lead, a.lead);
  EXPECT_EQ(s.cover_image, a.cover_image);
  EXPECT_EQ(s.cover_alt, a.cover_alt);
  EXPECT_EQ(s.category_id, foreign_);
  EXPECT_EQ(s.published_at, a.published_at);
}

TEST_F(PublishedTest, IdsAreThoseOfPublishedInItsOrder) {
  auto r = store().articles().published_ids(at(kNow));
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::vector<Id> want;
  for (const char* slug :
       {"exactly-now", "notice-same-time", "notice", "border-featured", "foreign", "news-old"})
    want.push_back(ids_.at(slug));
  EXPECT_EQ(*r, want);
  auto later = store().articles().published_ids(at(kNow + 1));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->size(), 7u);  // "future" too
}

TEST_F(PublishedTest, LaterNowShowsScheduledTimesReached) {
  auto r = store().articles().count_published({}, at(kNow + 1));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 7) << "\"future\" is public from its published_at on; \"scheduled\" never is";
}

TEST_F(StoreTest, LimitIsClampedTo1000) {
  ASSERT_TRUE(store()
                  .transaction([&]() -> Status {
                    for (int i = 0; i < 1005; ++i) {
                      auto r = store().articles().create(article("a" + std::to_string(i), 0, i));
                      if (!r) return r.take_error();
                    }
                    return {};
                  })
                  .ok());
  ArticleQuery q;
  q.limit = 5000;
  auto r = store().articles().published(q, at(1'000'000));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 1000u);
  EXPECT_EQ(*store().articles().count_published(q, at(1'000'000)), 1005);
  auto all = store().articles().published_ids(at(1'000'000));  // not clamped: every id
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1005u);
}

}  // namespace
}  // namespace congtin::store
