// SiteService's back-office writes on a real SQLite database with the real audit log:
// validation (Vietnamese messages), menu rules, order, and what happens after commit (one
// audit entry, one event, seen by subscribers with the change already visible).
#include "content/site_service.h"

#include <gmock/gmock.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/newsroom_store.h"
#include "store/sqlite/sqlite_store.h"

namespace congtin::content {
namespace {

using ::testing::HasSubstr;

// 2026-03-02 08:00:00 UTC.
const Seconds kNow{std::chrono::seconds(1772438400)};

class SiteServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("congtin-site-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = store::open_sqlite_store(dir_ / "congtin.db", store::OpenMode::kCreate);
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    auto n = store::open_newsroom(dir_ / "congtin.db");
    ASSERT_TRUE(n) << n.error().message;
    newsroom_ = std::move(*n);
    events_.subscribe([this](const Event& e) {
      // Subscribers run after commit: what they read is the new state.
      seen_.push_back({e.kind, store_->site().links()->size()});
    });
    service_.emplace(*store_, events_, newsroom_->audit(), clock_);
    SiteSettings base;
    base.name = "Sở Ngoại vụ";
    base.base_url = "https://songoaivu.example.gov.vn";
    ASSERT_TRUE(SiteService(*store_).save_settings(base));
  }
  void TearDown() override {
    service_.reset();
    newsroom_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::vector<AuditEntry> audit(std::string_view action = {}) {
    AuditQuery q;
    q.action = std::string(action);
    return *newsroom_->audit().list(q);
  }
  Id category(const std::string& name, std::optional<Id> parent = std::nullopt) {
    Category c;
    c.name = name;
    c.parent_id = parent;
    auto id = service_->create_category(admin_, c);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }
  std::vector<std::string> names(std::optional<Id> parent = std::nullopt) {
    std::vector<std::string> out;
    const auto all = store_->categories().list();
    for (const auto& c : *all)
      if (c.parent_id == parent) out.push_back(c.name);
    return out;
  }

  struct Seen {
    EventKind kind;
    std::size_t links;
  };
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<NewsroomStore> newsroom_;
  FakeClock clock_{kNow};
  EventBus events_;
  std::vector<Seen> seen_;
  std::optional<SiteService> service_;
  SiteActor admin_{7, "quan.tri", "192.0.2.7"};
};

TEST_F(SiteServiceTest, SettingsAreCleanedRecordedAndAnnounced) {
  SiteSettings s = *store_->site().settings();
  s.slogan =
      "Chu\xCC\x89 \xC4\x91o\xCC\xA3\xCC\x82ng   ti\xCC\x81"
      "ch cu\xCC\x9B\xCC\xA3"
      "c";  // NFD, with a run of spaces
  s.phone = "0200 3851 200";
  s.email = "songoaivu@lachong.example.gov.vn";
  s.logo_url = "/media/ab/cd12.png";
  s.base_url = "https://evil.example";  // ignored: base_url comes from the configuration
  ASSERT_TRUE(service_->update_settings(admin_, s));
  SiteSettings back = *store_->site().settings();
  EXPECT_EQ(back.slogan, "Chủ động tích cực");
  EXPECT_EQ(back.base_url, "https://songoaivu.example.gov.vn");
  ASSERT_EQ(seen_.size(), 1u);
  EXPECT_EQ(seen_[0].kind, EventKind::kSiteChanged);
  auto entries = audit(audit_action::kSettingChange);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor_id, 7);
  EXPECT_EQ(entries[0].actor_name, "quan.tri");
  EXPECT_EQ(entries[0].address, "192.0.2.7");
  EXPECT_EQ(entries[0].at, kNow);
  EXPECT_THAT(entries[0].detail, HasSubstr("Khẩu hiệu"));
  EXPECT_THAT(entries[0].detail, HasSubstr("Điện thoại"));

  // Saving the same values again changes nothing: no entry, no event.
  ASSERT_TRUE(service_->update_settings(admin_, back));
  EXPECT_EQ(seen_.size(), 1u);
  EXPECT_EQ(audit(audit_action::kSettingChange).size(), 1u);
}

TEST_F(SiteServiceTest, BadSettingsAreRefusedInVietnamese) {
  struct Case {
    std::string SiteSettings::*field;
    std::string value;
    std::string message_part;
  };
  const std::vector<Case> cases = {
      {&SiteSettings::name, "   ", "tên cơ quan"},
      {&SiteSettings::logo_url, "https://evil.example/logo.png", "/media/"},
      {&SiteSettings::logo_url, "/media/../congtin.db", "/media/"},
      {&SiteSettings::logo_url, "javascript:alert(1)", "/media/"},
      {&SiteSettings::phone, "gọi 113", "Điện thoại"},
      {&SiteSettings::phone, "123", "8 đến 15 chữ số"},
      {&SiteSettings::fax, "0200-ABC", "Số fax"},
      {&SiteSettings::email, "songoaivu@", "Thư điện tử"},
      {&SiteSettings::email, "a b@example.vn", "Thư điện tử"},
      {&SiteSettings::slogan, std::string(1001, 'a'), "dài quá 1000 ký tự"},
      {&SiteSettings::name, std::string(201, 'x'), "dài quá 200 ký tự"},
  };
  for (const auto& c : cases) {
    SiteSettings s = *store_->site().settings();
    s.*c.field = c.value;
    Status st = service_->update_settings(admin_, s);
    ASSERT_FALSE(st) << c.value;
    EXPECT_EQ(st.error().kind, ErrorKind::kInvalidArgument) << c.value;
    EXPECT_THAT(st.error().message, HasSubstr(c.message_part)) << c.value;
  }
  EXPECT_TRUE(seen_.empty());
  EXPECT_TRUE(audit(audit_action::kSettingChange).empty());
  EXPECT_EQ(store_->site().settings()->name, "Sở Ngoại vụ");
}

TEST_F(SiteServiceTest, CategoriesNestTwoLevelsWithoutCycles) {
  const Id news = category("Tin tức - Sự kiện");
  const Id foreign = category("Hoạt động đối ngoại", news);
  EXPECT_EQ(store_->categories().by_id(foreign)->slug, "hoat-dong-doi-ngoai");
  EXPECT_EQ(names(news), std::vector<std::string>{"Hoạt động đối ngoại"});

  Category grandchild;
  grandchild.name = "Đoàn ra";
  grandchild.parent_id = foreign;
  auto refused = service_->create_category(admin_, grandchild);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_THAT(refused.error().message, HasSubstr("hai cấp"));

  // The parent cannot go under its own child, nor under itself.
  Category c = *store_->categories().by_id(news);
  c.parent_id = foreign;
  EXPECT_FALSE(service_->update_category(admin_, c, true));
  c.parent_id = news;
  Status self = service_->update_category(admin_, c, true);
  ASSERT_FALSE(self);
  EXPECT_THAT(self.error().message, HasSubstr("chính nó"));
  // A category with children stays at the top.
  const Id border = category("Công tác biên giới");
  c.parent_id = border;
  Status with_children = service_->update_category(admin_, c, true);
  ASSERT_FALSE(with_children);
  EXPECT_THAT(with_children.error().message, HasSubstr("đang có mục con"));

  Category unknown;
  unknown.name = "Mồ côi";
  unknown.parent_id = 999;
  EXPECT_EQ(service_->create_category(admin_, unknown).error().kind, ErrorKind::kInvalidArgument);
}

TEST_F(SiteServiceTest, SlugOfACategoryWithArticlesCannotChange) {
  const Id border = category("Công tác biên giới");
  Article a;
  a.title = "Bài";
  a.slug = "bai";
  a.category_id = border;
  a.status = ArticleStatus::kDraft;
  ASSERT_TRUE(store_->articles().create(a));

  Category c = *store_->categories().by_id(border);
  c.slug = "bien-gioi";
  Status s = service_->update_category(admin_, c, true);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kConflict);
  EXPECT_THAT(s.error().message, HasSubstr("1 bài viết"));
  EXPECT_THAT(s.error().message, HasSubstr("cong-tac-bien-gioi"));
  // Renaming with the slug kept (or left empty) is fine.
  c.slug = "";
  c.name = "Biên giới";
  ASSERT_TRUE(service_->update_category(admin_, c, false));
  auto back = store_->categories().by_id(border);
  EXPECT_EQ(back->slug, "cong-tac-bien-gioi");
  EXPECT_EQ(back->name, "Biên giới");
  EXPECT_EQ(*store_->categories().hidden_from_menu(), std::vector<Id>{border});
  auto entries = audit(audit_action::kMenuChange);
  ASSERT_FALSE(entries.empty());
  EXPECT_THAT(entries.front().detail, HasSubstr("ẩn khỏi menu"));
  EXPECT_EQ(entries.front().target_type, "category");
  EXPECT_EQ(entries.front().target_id, border);

  // Taken slugs are a conflict with a Vietnamese message.
  const Id other = category("Thông báo");
  Category o = *store_->categories().by_id(other);
  o.slug = "cong-tac-bien-gioi";
  Status taken = service_->update_category(admin_, o, true);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().kind, ErrorKind::kConflict);
  EXPECT_THAT(taken.error().message, HasSubstr("đã được một chuyên mục khác dùng"));
  // A category without articles may change its slug.
  o.slug = "thong-bao-moi";
  EXPECT_TRUE(service_->update_category(admin_, o, true));
}

TEST_F(SiteServiceTest, MoveAmongSiblingsAndDeleteWhenEmpty) {
  const Id a = category("Tin tức");
  const Id b = category("Biên giới");
  const Id c = category("Lãnh sự");
  const Id child = category("Tin trong tỉnh", a);
  const std::size_t events_before = seen_.size();
  ASSERT_TRUE(service_->move_category(admin_, c, Move::kUp));
  EXPECT_EQ(names(), (std::vector<std::string>{"Tin tức", "Lãnh sự", "Biên giới"}));
  ASSERT_TRUE(service_->move_category(admin_, a, Move::kDown));
  EXPECT_EQ(names(), (std::vector<std::string>{"Lãnh sự", "Tin tức", "Biên giới"}));
  // At an end: nothing moves, nothing is recorded.
  ASSERT_TRUE(service_->move_category(admin_, child, Move::kUp));
  ASSERT_TRUE(service_->move_category(admin_, b, Move::kDown));
  EXPECT_EQ(seen_.size(), events_before + 2);
  EXPECT_EQ(seen_.back().kind, EventKind::kCategoriesChanged);
  EXPECT_EQ(service_->move_category(admin_, 999, Move::kUp).error().kind, ErrorKind::kNotFound);

  Status parent = service_->delete_category(admin_, a);
  ASSERT_FALSE(parent);
  EXPECT_THAT(parent.error().message, HasSubstr("còn mục con"));
  ASSERT_TRUE(service_->delete_category(admin_, child));
  ASSERT_TRUE(service_->delete_category(admin_, a));
  EXPECT_EQ(names(), (std::vector<std::string>{"Lãnh sự", "Biên giới"}));
  EXPECT_EQ(service_->delete_category(admin_, a).error().kind, ErrorKind::kNotFound);
  EXPECT_THAT(audit(audit_action::kMenuChange).front().detail,
              HasSubstr("Xóa chuyên mục “Tin tức”"));
}

TEST_F(SiteServiceTest, LinksTakeOnlyWebAddresses) {
  for (const std::string bad :
       {"javascript:alert(1)", "chinhphu.vn", "ftp://chinhphu.vn", "https://", "//chinhphu.vn",
        "https://chinh phu.vn", "data:text/html,x", ""}) {
    auto r = service_->create_link(admin_, {0, "Chính phủ", bad, 0});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument) << bad;
    EXPECT_THAT(r.error().message, HasSubstr("địa chỉ")) << bad;
  }
  EXPECT_TRUE(seen_.empty());
  auto a = service_->create_link(admin_, {0, " Chính  phủ ", "https://chinhphu.vn", 0});
  auto b = service_->create_link(admin_, {0, "Bộ Ngoại giao", "http://mofa.gov.vn/vi/", 0});
  ASSERT_TRUE(a && b);
  ASSERT_EQ(seen_.size(), 2u);
  EXPECT_EQ(seen_[1].kind, EventKind::kSiteChanged);
  EXPECT_EQ(seen_[1].links, 2u);  // the subscriber already sees the new link
  EXPECT_EQ(store_->site().links()->front().title, "Chính phủ");

  ASSERT_TRUE(service_->move_link(admin_, *b, Move::kUp));
  EXPECT_EQ(store_->site().links()->front().title, "Bộ Ngoại giao");
  ASSERT_TRUE(service_->update_link(admin_, {*a, "Cổng Chính phủ", "https://chinhphu.vn/", 0}));
  EXPECT_EQ(store_->site().links()->back().title, "Cổng Chính phủ");  // position kept
  EXPECT_FALSE(service_->update_link(admin_, {*a, "Cổng Chính phủ", "javascript:x", 0}));
  ASSERT_TRUE(service_->delete_link(admin_, *a));
  EXPECT_EQ(seen_.back().links, 1u);
  EXPECT_EQ(service_->delete_link(admin_, *a).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(audit(audit_action::kLinkChange).size(), 5u);  // 2 adds, move, edit, delete
}

TEST_F(SiteServiceTest, ContactsNeedAPhoneOrAnEmail) {
  struct Case {
    ContactItem item;
    std::string message_part;  // empty: accepted
  };
  const std::vector<Case> cases = {
      {{0, "Văn phòng Sở", "Hành chính", "0200 3851 201", "", 0}, ""},
      {{0, "Lãnh sự", "", "+84 (20) 3851-202", "lanhsu@example.gov.vn", 0}, ""},
      {{0, "Đường dây nóng", "", "1900.1234", "", 0}, ""},
      {{0, "Chỉ thư", "", "", "hotro@example.gov.vn", 0}, ""},
      {{0, "", "", "0200 3851 201", "", 0}, "Hãy nhập tên"},
      {{0, "Không liên lạc", "", "", "", 0}, "số điện thoại hoặc thư điện tử"},
      {{0, "Sai số", "", "0200 ABC", "", 0}, "Số điện thoại"},
      {{0, "Dấu cộng giữa", "", "0200+3851201", "", 0}, "Số điện thoại"},
      {{0, "Quá dài", "", "0200 3851 2010 1234 5678", "", 0}, "Số điện thoại"},
      {{0, "Sai thư", "", "", "hotro@@example.gov.vn", 0}, "Thư điện tử"},
      {{0, "Sai thư", "", "", "hotro@example", 0}, "Thư điện tử"},
      {{0, "Sai thư", "", "", "hộtrợ@example.gov.vn", 0}, "Thư điện tử"},
      {{0, "Sai thư", "", "", ".hotro@example.gov.vn", 0}, "Thư điện tử"},
      {{0, "Sai thư", "", "", "hotro@-example.gov.vn", 0}, "Thư điện tử"},
  };
  for (const auto& c : cases) {
    auto r = service_->create_contact(admin_, c.item);
    if (c.message_part.empty()) {
      EXPECT_TRUE(r) << c.item.name << ": " << (r ? "" : r.error().message);
    } else {
      ASSERT_FALSE(r) << c.item.name;
      EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
      EXPECT_THAT(r.error().message, HasSubstr(c.message_part)) << c.item.name;
    }
  }
  auto list = *store_->site().contacts();
  ASSERT_EQ(list.size(), 4u);
  ASSERT_TRUE(service_->move_contact(admin_, list[3].id, Move::kUp));
  ASSERT_TRUE(service_->update_contact(
      admin_, {list[0].id, "Văn phòng", "Tiếp dân", "0200 3851 209", "", 0}));
  ASSERT_TRUE(service_->delete_contact(admin_, list[1].id));
  list = *store_->site().contacts();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].role, "Tiếp dân");
  EXPECT_EQ(list[1].name, "Chỉ thư");
  EXPECT_EQ(list[2].name, "Đường dây nóng");
  EXPECT_EQ(audit(audit_action::kContactChange).size(), 7u);
}

}  // namespace
}  // namespace congtin::content
