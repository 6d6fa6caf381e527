// A fresh congtin database (temp file, migrated by the content store) with the newsroom
// store and service on top, a FakeClock, and the events the service published.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <vector>

#include "content/newsroom_service.h"
#include "store/sqlite/newsroom_store.h"
#include "store/sqlite/sqlite_store.h"
#include "temp_dir.h"

namespace congtin::content::testing {

template <class R>
std::optional<ErrorKind> error_kind(const R& r) {
  return r.ok() ? std::nullopt : std::optional<ErrorKind>(r.error().kind);
}

inline Time at(std::int64_t s) { return Time(std::chrono::seconds(s)); }

class NewsroomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite_store(dir_ / "congtin.db", store::OpenMode::kCreate);
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    auto n = store::open_newsroom(dir_ / "congtin.db");
    ASSERT_TRUE(n.ok()) << n.error().message;
    newsroom_ = std::move(*n);
    bus_.subscribe([this](const Event& e) {
      std::lock_guard lock(mu_);
      events_.push_back(e);
    });
    service_ = std::make_unique<NewsroomService>(*newsroom_, bus_, clock_);
    Category c;
    c.name = "Tin hoạt động";
    c.slug = "tin-hoat-dong";
    auto id = store_->categories().create(c);
    ASSERT_TRUE(id.ok());
    category_ = *id;
  }

  ArticleContent content(std::string title, std::string body = "<p>Nội dung bài viết.</p>") {
    ArticleContent c;
    c.title = std::move(title);
    c.lead = "Sáng nay, đoàn công tác đã đến làm việc.";
    c.body_html = std::move(body);
    c.author = "Phùng Anh Văn";
    c.author_unit = "TTTTDV&ĐN";
    c.category_id = category_;
    return c;
  }

  std::vector<Event> take_events() {
    std::lock_guard lock(mu_);
    return std::exchange(events_, {});
  }

  // Public listings, as the site reads them.
  std::vector<std::string> public_titles() {
    ArticleQuery q;
    q.limit = 100;
    auto list = store_->articles().published(q, clock_.now());
    EXPECT_TRUE(list.ok());
    std::vector<std::string> out;
    if (list.ok())
      for (const auto& s : *list) out.push_back(s.title);
    return out;
  }

  NewsroomService& svc() { return *service_; }

  // A draft by `who`, walked to `Chờ duyệt`.
  Id reviewed_draft(const Actor& who, std::string title) {
    auto w = svc().create_draft(who, content(std::move(title)));
    EXPECT_TRUE(w.ok()) << w.error().message;
    EXPECT_TRUE(svc().submit(who, w->article_id).ok());
    EXPECT_TRUE(svc().pass_on(editor, w->article_id).ok());
    return w->article_id;
  }

  const Actor reporter{1, "pv.lan", Role::kReporter, "203.0.113.5"};
  const Actor reporter2{2, "pv.minh", Role::kReporter, ""};
  const Actor contributor{7, "ctv.thu", Role::kContributor, ""};
  const Actor editor{3, "btv.hoa", Role::kEditor, ""};
  const Actor editor2{4, "btv.son", Role::kEditor, ""};
  const Actor chief{5, "tb.nam", Role::kChiefEditor, ""};
  const Actor admin{6, "qt.an", Role::kAdmin, ""};

  store::testing::TempDir dir_;
  FakeClock clock_{at(1'750'000'000)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<NewsroomStore> newsroom_;
  EventBus bus_;
  std::unique_ptr<NewsroomService> service_;
  Id category_ = 0;
  std::mutex mu_;
  std::vector<Event> events_;
};

}  // namespace congtin::content::testing
