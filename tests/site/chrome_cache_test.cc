// The in-memory chrome and "latest" lists (site/chrome_cache.h): read once, renewed by every
// content event kind, by renew() (outside writes) and by time for the lists; and a site that
// follows a bus serving from them.
#include "site/chrome_cache.h"

#include <gmock/gmock.h>

#include "content/events.h"
#include "site/preview.h"
#include "site/site.h"
#include "site_test_support.h"
#include "store/sqlite/sqlite_store.h"

namespace congtin::site::testing_support {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ChromeCacheTest : public SiteTest {
 protected:
  void rename_site(const std::string& name) {
    auto s = store_->site().settings();
    ASSERT_TRUE(s.ok());
    s->name = name;
    ASSERT_TRUE(store_->site().save_settings(*s).ok());
  }
  static std::string name_of(ChromeCache& cache) {
    auto c = cache.chrome();
    EXPECT_TRUE(c.ok());
    return c.ok() ? (*c)->settings.name : std::string();
  }
};

TEST_F(ChromeCacheTest, ReadsTheStoreOnceUntilRenewed) {
  ChromeCache cache(*store_);
  EXPECT_EQ(name_of(cache), "Sở Ngoại vụ tỉnh Lạng Sơn");
  EXPECT_EQ(name_of(cache), "Sở Ngoại vụ tỉnh Lạng Sơn");
  EXPECT_EQ(cache.chrome_loads(), 1u);

  rename_site("Sở Ngoại vụ tỉnh Cao Bằng");
  EXPECT_EQ(name_of(cache), "Sở Ngoại vụ tỉnh Lạng Sơn") << "no event, no renewal: from memory";
  cache.renew();  // what the outside-write watcher calls
  EXPECT_EQ(name_of(cache), "Sở Ngoại vụ tỉnh Cao Bằng");
  EXPECT_EQ(cache.chrome_loads(), 2u);
}

TEST_F(ChromeCacheTest, EveryEventKindRenewsChromeAndLists) {
  struct Case {
    content::EventKind kind;
    std::string name;
  };
  const std::vector<Case> cases = {
      {content::EventKind::kSiteChanged, "Sở Ngoại vụ tỉnh Hà Giang"},
      {content::EventKind::kCategoriesChanged, "Sở Ngoại vụ tỉnh Điện Biên"},
      {content::EventKind::kArticlePublished, "Sở Ngoại vụ tỉnh Quảng Ninh"},
      {content::EventKind::kArticleUpdated, "Sở Ngoại vụ tỉnh Lào Cai"},
      {content::EventKind::kArticleUnpublished, "Sở Ngoại vụ tỉnh Đắk Lắk"},
  };
  ChromeCache cache(*store_);
  content::EventBus bus;
  cache.follow(bus);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    (void)name_of(cache);
    ASSERT_TRUE(cache.latest(doi_ngoai_, false, test_now()).ok());
    const auto chrome_loads = cache.chrome_loads();
    const auto latest_loads = cache.latest_loads();

    rename_site(c.name);
    const content::Id added =
        add_article("Bài mới: " + c.name, "bai-moi-" + std::to_string(static_cast<int>(c.kind)),
                    doi_ngoai_, test_now() - std::chrono::minutes(1));
    content::Event e;
    e.kind = c.kind;
    e.article_id = added;
    e.category_id = doi_ngoai_;
    bus.publish(e);

    EXPECT_EQ(name_of(cache), c.name);
    auto latest = cache.latest(doi_ngoai_, false, test_now());
    ASSERT_TRUE(latest.ok());
    ASSERT_FALSE((*latest)->empty());
    EXPECT_EQ((*latest)->front().id, added) << "the list was read again";
    EXPECT_EQ(cache.chrome_loads(), chrome_loads + 1);
    EXPECT_EQ(cache.latest_loads(), latest_loads + 1);
  }
}

TEST_F(ChromeCacheTest, ListsMatchTheStoreAndExpireWithTime) {
  ChromeCache cache(*store_);
  struct Case {
    std::optional<content::Id> category;
    bool featured;
  };
  for (const Case c : {Case{std::nullopt, false}, Case{std::nullopt, true}, Case{tin_tuc_, false},
                       Case{doi_ngoai_, false}, Case{thong_bao_, true}}) {
    content::ArticleQuery q;
    q.category_id = c.category;
    q.featured_only = c.featured;
    q.limit = ChromeCache::kLatestDepth;
    auto want = store_->articles().published(q, test_now());
    auto got = cache.latest(c.category, c.featured, test_now());
    ASSERT_TRUE(want.ok() && got.ok());
    ASSERT_EQ((*got)->size(), want->size());
    for (std::size_t i = 0; i < want->size(); ++i) EXPECT_EQ((**got)[i].id, (*want)[i].id);
  }
  const auto loads = cache.latest_loads();
  ASSERT_TRUE(cache.latest(tin_tuc_, false, test_now() + std::chrono::seconds(10)).ok());
  EXPECT_EQ(cache.latest_loads(), loads) << "within the TTL: from memory";
  // An article whose time comes without an event: seen once the list expires.
  const content::Id later = add_article("Tin đăng hẹn giờ", "tin-dang-hen-gio", tin_tuc_,
                                        test_now() + std::chrono::seconds(20));
  auto after = cache.latest(tin_tuc_, false, test_now() + ChromeCache::kLatestTtl);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(cache.latest_loads(), loads + 1);
  ASSERT_FALSE((*after)->empty());
  EXPECT_EQ((*after)->front().id, later);
  // A clock that went back reads again rather than show what is not yet public for it.
  auto back = cache.latest(tin_tuc_, false, test_now());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(cache.latest_loads(), loads + 2);
  for (const auto& a : **back) EXPECT_NE(a.id, later);
}

// The public site with follow(): pages come from memory until an event says otherwise.
TEST_F(ChromeCacheTest, FollowingSiteRenewsPagesOnEvents) {
  content::EventBus bus;
  http::Router router;
  {
    PublicSite site(*store_, *theme_, *clock_, dir_ / "media");
    site.follow(bus);
    site.add_routes(router);
  }  // the routes keep what they need
  auto page = [&router](const std::string& path) {
    http::Request req;
    req.method = "GET";
    req.target = req.path = path;
    return router.dispatch(req);
  };
  auto main = store_->articles().by_id(main_article_);
  ASSERT_TRUE(main.ok());
  const std::string url = "/tin-tuc/" + main->slug;
  ASSERT_EQ(page(url).status, 200);
  ASSERT_EQ(page("/").status, 200);

  rename_site("Sở Ngoại vụ tỉnh Bắc Kạn");
  const content::Id other =
      add_article("Hội nghị hợp tác biên giới Việt - Trung", "hoi-nghi-hop-tac", main->category_id,
                  test_now() - std::chrono::hours(1));
  auto before = page(url);
  EXPECT_THAT(before.body, Not(HasSubstr("Bắc Kạn")));
  EXPECT_THAT(before.body, Not(HasSubstr("Hội nghị hợp tác biên giới")));
  EXPECT_THAT(page("/").body, Not(HasSubstr("Hội nghị hợp tác biên giới")));

  content::Event published;
  published.kind = content::EventKind::kArticlePublished;
  published.article_id = other;
  published.category_id = main->category_id;
  bus.publish(published);
  auto after = page(url);
  EXPECT_THAT(after.body, HasSubstr("Sở Ngoại vụ tỉnh Bắc Kạn"));
  EXPECT_THAT(after.body, HasSubstr("Hội nghị hợp tác biên giới Việt - Trung"));
  EXPECT_THAT(page("/").body, HasSubstr("Hội nghị hợp tác biên giới Việt - Trung"));
  // The new article's "Các thông tin khác", cut from the same list, shows the other one.
  auto own = page("/tin-tuc/hoi-nghi-hop-tac");
  ASSERT_EQ(own.status, 200);
  EXPECT_THAT(own.body, HasSubstr(main->title));
}

// Pages rendered with the kept chrome (its render layers, the menu per place) are byte for
// byte the pages a site reading everything afresh renders, before and after a change of the
// chrome announced by an event. The fresh site uses a second connection to the same file, so
// that it cannot find the followed cache of store_ (ChromeCache::followed) and reads all.
TEST_F(ChromeCacheTest, CachedChromeRendersAsAFreshReadAfterAChange) {
  auto other = store::open_sqlite_store(dir_ / "congtin.db", store::OpenMode::kOpenExisting);
  ASSERT_TRUE(other.ok()) << other.error().message;
  content::EventBus bus;
  http::Router cached_router, fresh_router;
  {
    PublicSite cached(*store_, *theme_, *clock_, dir_ / "media");
    cached.follow(bus);
    cached.add_routes(cached_router);
    PublicSite fresh(**other, *theme_, *clock_, dir_ / "media");
    fresh.add_routes(fresh_router);
  }
  auto main = store_->articles().by_id(main_article_);
  ASSERT_TRUE(main.ok());
  auto cats = store_->categories().list();
  ASSERT_TRUE(cats.ok() && !cats->empty());
  auto pages = store_->pages().list();
  ASSERT_TRUE(pages.ok() && !pages->empty());
  // Every place the menu marks differently: home, a category (current), an article (its
  // category active), a static page, a page outside the menu (404).
  std::vector<std::string> paths = {"/", "/tin-tuc/" + main->slug, "/trang/" + pages->front().slug,
                                    "/khong-co-trang-nay", "/tim-kiem-khong-co"};
  for (const auto& c : *cats) paths.push_back("/chuyen-muc/" + c.slug);
  // Articles in and beyond the top of their category's list ("Các thông tin khác" is cut
  // differently for the first ones).
  for (int i = 0; i < 20; ++i) {
    add_article("Tin hoạt động đối ngoại số " + std::to_string(i),
                "tin-doi-ngoai-" + std::to_string(i), doi_ngoai_,
                test_now() - std::chrono::hours(2 + i));
  }
  content::ArticleQuery all;
  all.limit = 100;
  auto published = store_->articles().published(all, test_now());
  ASSERT_TRUE(published.ok());
  for (const auto& a : *published) paths.push_back("/tin-tuc/" + a.slug);
  auto get_from = [](http::Router& router, const std::string& path) {
    http::Request req;
    req.method = "GET";
    req.target = req.path = path;
    return router.dispatch(req);
  };
  auto expect_same = [&](const std::string& when) {
    for (const auto& path : paths) {
      SCOPED_TRACE(when + " " + path);
      const auto want = get_from(fresh_router, path);
      const auto got = get_from(cached_router, path);
      EXPECT_EQ(got.status, want.status);
      EXPECT_EQ(got.body, want.body);
      // Twice: the second render takes the menu layer kept by the first.
      EXPECT_EQ(get_from(cached_router, path).body, want.body);
    }
  };
  expect_same("before the change");

  rename_site("Sở Ngoại vụ tỉnh Sơn La");
  auto s = store_->site().settings();
  ASSERT_TRUE(s.ok());
  s->slogan = "Đoàn kết – Đổi mới – Hội nhập";
  ASSERT_TRUE(store_->site().save_settings(*s).ok());
  ASSERT_TRUE(store_->site()
                  .add_link({0, "Cổng Dịch vụ công quốc gia", "https://dichvucong.example.vn", 9})
                  .ok());
  content::Category renamed = cats->front();
  renamed.name = "Tin tức – Sự kiện nổi bật";
  ASSERT_TRUE(store_->categories().update(renamed).ok());
  content::Event changed;
  changed.kind = content::EventKind::kSiteChanged;
  bus.publish(changed);

  EXPECT_THAT(get_from(cached_router, "/").body, HasSubstr("Sở Ngoại vụ tỉnh Sơn La"));
  EXPECT_THAT(get_from(cached_router, "/").body, HasSubstr("Cổng Dịch vụ công quốc gia"));
  EXPECT_THAT(get_from(cached_router, "/").body, HasSubstr("Tin tức – Sự kiện nổi bật"));
  expect_same("after the change");
}

// The back office's preview (and the search page, through the same site_chrome) takes the
// chrome from the cache the public site follows for the store, and only while it exists.
TEST_F(ChromeCacheTest, PreviewUsesTheFollowedCacheOfItsStore) {
  auto main = store_->articles().by_id(main_article_);
  ASSERT_TRUE(main.ok());
  EXPECT_EQ(ChromeCache::followed(*store_), nullptr);
  std::string public_page;
  {
    content::EventBus bus;
    http::Router router;
    {
      PublicSite site(*store_, *theme_, *clock_, dir_ / "media");
      site.follow(bus);
      site.add_routes(router);
    }
    auto cache = ChromeCache::followed(*store_);
    ASSERT_NE(cache, nullptr) << "the routes keep it, and it is published";
    http::Request req;
    req.method = "GET";
    req.target = req.path = "/tin-tuc/" + main->slug;
    public_page = router.dispatch(req).body;
    const auto loads = cache->chrome_loads();
    for (int i = 0; i < 3; ++i) {
      auto preview = render_article_preview(*store_, *theme_, *clock_, dir_ / "media", *main);
      ASSERT_TRUE(preview.ok()) << preview.error().message;
      EXPECT_EQ(*preview, public_page) << "a public article previews as its public page";
    }
    EXPECT_EQ(cache->chrome_loads(), loads) << "no read of the chrome for the previews";
  }
  EXPECT_EQ(ChromeCache::followed(*store_), nullptr) << "forgotten with the routes";
  rename_site("Sở Ngoại vụ tỉnh Tuyên Quang");
  auto fresh = render_article_preview(*store_, *theme_, *clock_, dir_ / "media", *main);
  ASSERT_TRUE(fresh.ok());
  EXPECT_THAT(*fresh, HasSubstr("Sở Ngoại vụ tỉnh Tuyên Quang")) << "read afresh without it";
}

}  // namespace
}  // namespace congtin::site::testing_support
