// Site settings, links, contacts, categories and pages over a real SQLite file.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace congtin::store {
namespace {

using content::Category;
using content::ContactItem;
using content::LinkItem;
using content::Page;
using content::SiteSettings;
using testing::at;
using testing::error_kind;
using testing::StoreTest;

using SiteTest = StoreTest;

TEST_F(SiteTest, SettingsOfANewSiteAreEmpty) {
  auto s = store().site().settings();
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->name, "");
  EXPECT_EQ(s->base_url, "");
}

TEST_F(SiteTest, SettingsRoundTripAndOverwrite) {
  SiteSettings s;
  s.name = "Sở Ngoại vụ tỉnh Lạng Sơn";
  s.parent_name = "Ủy ban nhân dân tỉnh Lạng Sơn";
  s.slogan = "Đoàn kết – Hữu nghị – Hợp tác – Phát triển";
  s.logo_url = "/static/logo.png";
  s.description = "Cổng thông tin điện tử Sở Ngoại vụ";
  s.owner = "Sở Ngoại vụ tỉnh Lạng Sơn";
  s.responsible_person = "Giám đốc Sở";
  s.license = "Giấy phép số 01/GP-TTĐT";
  s.address = "Số 2, đường Hoàng Văn Thụ, phường Chi Lăng";
  s.phone = "0205 3812 345";
  s.fax = "0205 3812 346";
  s.email = "songoaivu@langson.gov.vn";
  s.copyright = "© Bản quyền thuộc Sở Ngoại vụ";
  s.base_url = "https://songoaivu.example.gov.vn";
  ASSERT_TRUE(store().site().save_settings(s).ok());
  auto got = store().site().settings();
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, s.name);
  EXPECT_EQ(got->parent_name, s.parent_name);
  EXPECT_EQ(got->slogan, s.slogan);
  EXPECT_EQ(got->logo_url, s.logo_url);
  EXPECT_EQ(got->description, s.description);
  EXPECT_EQ(got->owner, s.owner);
  EXPECT_EQ(got->responsible_person, s.responsible_person);
  EXPECT_EQ(got->license, s.license);
  EXPECT_EQ(got->address, s.address);
  EXPECT_EQ(got->phone, s.phone);
  EXPECT_EQ(got->fax, s.fax);
  EXPECT_EQ(got->email, s.email);
  EXPECT_EQ(got->copyright, s.copyright);
  EXPECT_EQ(got->base_url, s.base_url);

  s.slogan = "";
  s.name = "Sở Ngoại vụ";
  ASSERT_TRUE(store().site().save_settings(s).ok());
  got = store().site().settings();
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->slogan, "");
  EXPECT_EQ(got->name, "Sở Ngoại vụ");
}

TEST_F(SiteTest, LinksAreOrderedByPositionThenId) {
  auto add = [&](const char* title, int position) {
    LinkItem l;
    l.title = title;
    l.url = "https://example.gov.vn/" + std::string(title);
    l.position = position;
    auto id = store().site().add_link(l);
    EXPECT_TRUE(id.ok());
    return *id;
  };
  const auto b = add("Bộ Ngoại giao", 2);
  const auto c = add("Cổng Chính phủ", 1);
  const auto d = add("Đồng Đăng", 2);
  auto links = store().site().links();
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 3u);
  EXPECT_EQ((*links)[0].id, c);
  EXPECT_EQ((*links)[1].id, b);
  EXPECT_EQ((*links)[2].id, d);
  EXPECT_EQ((*links)[2].title, "Đồng Đăng");
  EXPECT_EQ((*links)[2].url, "https://example.gov.vn/Đồng Đăng");
  EXPECT_EQ((*links)[2].position, 2);
}

TEST_F(SiteTest, ContactsRoundTripInOrder) {
  ContactItem a;
  a.name = "Văn phòng Sở";
  a.role = "Hỗ trợ kỹ thuật";
  a.phone = "0205 3812 345";
  a.email = "vp@example.gov.vn";
  a.position = 5;
  ContactItem b = a;
  b.name = "Phòng Lãnh sự";
  b.position = 1;
  ASSERT_TRUE(store().site().add_contact(a).ok());
  ASSERT_TRUE(store().site().add_contact(b).ok());
  auto got = store().site().contacts();
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].name, "Phòng Lãnh sự");
  EXPECT_EQ((*got)[1].name, "Văn phòng Sở");
  EXPECT_EQ((*got)[1].role, "Hỗ trợ kỹ thuật");
  EXPECT_EQ((*got)[1].phone, a.phone);
  EXPECT_EQ((*got)[1].email, a.email);
  EXPECT_EQ((*got)[1].position, 5);
}

using CategoryTest = StoreTest;

TEST_F(CategoryTest, CreateAndFindByIdSlugAndName) {
  Category root;
  root.name = "Tin tức – Sự kiện";
  root.slug = "tin-tuc-su-kien";
  root.description = "Hoạt động đối ngoại của tỉnh";
  root.position = 3;
  auto root_id = store().categories().create(root);
  ASSERT_TRUE(root_id.ok()) << root_id.error().message;
  Category child;
  child.parent_id = *root_id;
  child.name = "Hợp tác quốc tế";
  child.slug = "hop-tac-quoc-te";
  auto child_id = store().categories().create(child);
  ASSERT_TRUE(child_id.ok());

  auto by_id = store().categories().by_id(*root_id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->name, root.name);
  EXPECT_EQ(by_id->slug, root.slug);
  EXPECT_EQ(by_id->description, root.description);
  EXPECT_EQ(by_id->position, 3);
  EXPECT_FALSE(by_id->parent_id.has_value());

  auto by_slug = store().categories().by_slug("hop-tac-quoc-te");
  ASSERT_TRUE(by_slug.ok());
  EXPECT_EQ(by_slug->id, *child_id);
  EXPECT_EQ(by_slug->parent_id, *root_id);

  auto by_name = store().categories().by_name("Hợp tác quốc tế");
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->id, *child_id);
  // Exact match only: decomposed marks are a different byte string.
  const std::string decomposed =
      "Ho\xcc\x9b\xcc\xa3p ta\xcc\x81"
      "c quo\xcc\x82\xcc\x81"
      "c te\xcc\x82\xcc\x81";
  EXPECT_EQ(error_kind(store().categories().by_name(decomposed)), ErrorKind::kNotFound);
}

TEST_F(CategoryTest, MissingRowsAreNotFound) {
  EXPECT_EQ(error_kind(store().categories().by_id(42)), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(store().categories().by_slug("khong-co")), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(store().categories().by_name("Không có")), ErrorKind::kNotFound);
}

TEST_F(CategoryTest, DuplicateSlugIsConflict) {
  category("thong-bao");
  Category again;
  again.name = "Thông báo (trùng)";
  again.slug = "thong-bao";
  auto r = store().categories().create(again);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error_kind(r), ErrorKind::kConflict);
  EXPECT_NE(r.error().message.find("thong-bao"), std::string::npos);
}

TEST_F(CategoryTest, MissingParentIsInvalidArgument) {
  Category c;
  c.parent_id = 999;
  c.name = "Mồ côi";
  c.slug = "mo-coi";
  auto r = store().categories().create(c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error_kind(r), ErrorKind::kInvalidArgument) << r.error().message;
}

TEST_F(CategoryTest, ListIsOrderedByPositionThenId) {
  auto make = [&](const char* slug, int position) {
    Category c;
    c.name = slug;
    c.slug = slug;
    c.position = position;
    return *store().categories().create(c);
  };
  const auto a = make("a", 2);
  const auto b = make("b", 1);
  const auto c = make("c", 2);
  auto list = store().categories().list();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].id, b);
  EXPECT_EQ((*list)[1].id, a);
  EXPECT_EQ((*list)[2].id, c);
}

using PageTest = StoreTest;

TEST_F(PageTest, CreateFindListAndConflict) {
  Page p;
  p.slug = "co-cau-to-chuc";
  p.title = "Cơ cấu tổ chức";
  p.body_html = "<p>Ban Giám đốc Sở gồm Giám đốc và các Phó Giám đốc.</p>";
  p.position = 2;
  p.updated_at = at(1'700'000'000);
  auto id = store().pages().create(p);
  ASSERT_TRUE(id.ok());
  Page q;
  q.slug = "gioi-thieu";
  q.title = "Giới thiệu";
  q.position = 1;
  ASSERT_TRUE(store().pages().create(q).ok());

  auto got = store().pages().by_slug("co-cau-to-chuc");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->id, *id);
  EXPECT_EQ(got->title, p.title);
  EXPECT_EQ(got->body_html, p.body_html);
  EXPECT_EQ(got->position, 2);
  EXPECT_EQ(got->updated_at, p.updated_at);

  auto list = store().pages().list();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].slug, "gioi-thieu");
  EXPECT_EQ((*list)[1].body_html, p.body_html);

  EXPECT_EQ(error_kind(store().pages().create(p)), ErrorKind::kConflict);
  EXPECT_EQ(error_kind(store().pages().by_slug("khong-co")), ErrorKind::kNotFound);
}

TEST_F(StoreTest, PingAnswers) { EXPECT_TRUE(store().ping().ok()); }

}  // namespace
}  // namespace congtin::store
