// The site and category repositories' back-office writes on a real SQLite file: update,
// delete, order, menu visibility, article counts, and the refusals that keep rows consistent.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace congtin::store {
namespace {

using content::ContactItem;
using content::Id;
using content::LinkItem;
using testing::error_kind;

class SiteRepositoryTest : public testing::StoreTest {
 protected:
  std::vector<std::string> link_titles() {
    std::vector<std::string> out;
    const auto links = store().site().links();
    for (const auto& l : *links) out.push_back(l.title);
    return out;
  }
};

TEST_F(SiteRepositoryTest, LinksUpdateDeleteAndOrder) {
  auto& site = store().site();
  const Id a = *site.add_link({0, "Chính phủ", "https://chinhphu.vn", 0});
  const Id b = *site.add_link({0, "Bộ Ngoại giao", "https://mofa.gov.vn", 1});
  const Id c = *site.add_link({0, "Quốc hội", "https://quochoi.vn", 2});
  ASSERT_TRUE(site.update_link({b, "Bộ Ngoại giao Việt Nam", "https://mofa.gov.vn/vi", 1}));
  EXPECT_EQ(link_titles(),
            (std::vector<std::string>{"Chính phủ", "Bộ Ngoại giao Việt Nam", "Quốc hội"}));
  ASSERT_TRUE(site.set_link_order({c, a, b}));
  EXPECT_EQ(link_titles(),
            (std::vector<std::string>{"Quốc hội", "Chính phủ", "Bộ Ngoại giao Việt Nam"}));
  ASSERT_TRUE(site.delete_link(a));
  EXPECT_EQ(link_titles(), (std::vector<std::string>{"Quốc hội", "Bộ Ngoại giao Việt Nam"}));

  EXPECT_EQ(error_kind(site.delete_link(a)), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(site.update_link({a, "x", "https://x.vn", 0})), ErrorKind::kNotFound);
  // An unknown id in an order changes nothing (one transaction).
  EXPECT_EQ(error_kind(site.set_link_order({b, 999, c})), ErrorKind::kNotFound);
  EXPECT_EQ(link_titles(), (std::vector<std::string>{"Quốc hội", "Bộ Ngoại giao Việt Nam"}));
}

TEST_F(SiteRepositoryTest, ContactsUpdateDeleteAndOrder) {
  auto& site = store().site();
  const Id a = *site.add_contact({0, "Văn phòng Sở", "Hành chính", "0200 3851 201", "", 0});
  const Id b = *site.add_contact({0, "Phòng Lãnh sự", "", "", "lanhsu@example.gov.vn", 1});
  ASSERT_TRUE(site.update_contact(
      {a, "Văn phòng", "Tiếp nhận văn bản", "0200 3851 202", "vp@example.gov.vn", 0}));
  ASSERT_TRUE(site.set_contact_order({b, a}));
  auto list = site.contacts();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "Phòng Lãnh sự");
  EXPECT_EQ((*list)[1].role, "Tiếp nhận văn bản");
  EXPECT_EQ((*list)[1].email, "vp@example.gov.vn");
  ASSERT_TRUE(site.delete_contact(b));
  EXPECT_EQ(site.contacts()->size(), 1u);
  EXPECT_EQ(error_kind(site.delete_contact(b)), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(site.update_contact({b, "x", "", "", "", 0})), ErrorKind::kNotFound);
}

TEST_F(SiteRepositoryTest, CategoryUpdateKeepsSlugsUnique) {
  auto& cats = store().categories();
  const Id news = category("tin-tuc");
  const Id border = category("bien-gioi");
  auto c = *cats.by_id(border);
  c.name = "Công tác biên giới";
  c.slug = "cong-tac-bien-gioi";
  c.description = "Mốc quốc giới";
  c.parent_id = news;
  c.position = 4;
  ASSERT_TRUE(cats.update(c));
  auto back = cats.by_slug("cong-tac-bien-gioi");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, "Công tác biên giới");
  EXPECT_EQ(back->parent_id, news);
  EXPECT_EQ(back->position, 4);
  EXPECT_EQ(error_kind(cats.by_slug("bien-gioi")), ErrorKind::kNotFound);

  c.slug = "tin-tuc";
  EXPECT_EQ(error_kind(cats.update(c)), ErrorKind::kConflict);
  c.slug = "cong-tac-bien-gioi";
  c.parent_id = 999;
  EXPECT_EQ(error_kind(cats.update(c)), ErrorKind::kInvalidArgument);
  c.id = 999;
  c.parent_id.reset();
  EXPECT_EQ(error_kind(cats.update(c)), ErrorKind::kNotFound);
}

TEST_F(SiteRepositoryTest, CategoryRemoveOnlyWhenEmpty) {
  auto& cats = store().categories();
  const Id parent = category("hop-tac");
  const Id child = category("kinh-te", parent);
  const Id empty = category("thong-bao");
  create(article("bai-1", child, 1'700'000'000));

  EXPECT_EQ(*cats.article_count(child), 1);
  EXPECT_EQ(*cats.article_count(parent), 0);                         // children are not counted
  EXPECT_EQ(error_kind(cats.remove(parent)), ErrorKind::kConflict);  // has a child
  EXPECT_EQ(error_kind(cats.remove(child)), ErrorKind::kConflict);   // has an article
  ASSERT_TRUE(cats.remove(empty));
  EXPECT_EQ(error_kind(cats.by_id(empty)), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(cats.remove(empty)), ErrorKind::kNotFound);
  EXPECT_TRUE(cats.by_id(child));
}

TEST_F(SiteRepositoryTest, CategoryOrderAndMenuVisibility) {
  auto& cats = store().categories();
  const Id a = category("a");
  const Id b = category("b");
  const Id c = category("c");
  ASSERT_TRUE(cats.set_order({c, a, b}));
  std::vector<Id> order;
  const auto listed = cats.list();
  for (const auto& x : *listed) order.push_back(x.id);
  EXPECT_EQ(order, (std::vector<Id>{c, a, b}));

  EXPECT_TRUE(cats.hidden_from_menu()->empty());  // new categories are shown
  ASSERT_TRUE(cats.set_in_menu(b, false));
  EXPECT_EQ(*cats.hidden_from_menu(), std::vector<Id>{b});
  ASSERT_TRUE(cats.set_in_menu(b, true));
  EXPECT_TRUE(cats.hidden_from_menu()->empty());
  EXPECT_EQ(error_kind(cats.set_in_menu(999, false)), ErrorKind::kNotFound);
}

TEST_F(SiteRepositoryTest, WritesJoinTheStoreTransaction) {
  const Id a = *store().site().add_link({0, "A", "https://a.vn", 0});
  Status s = store().transaction([&]() -> Status {
    if (auto u = store().site().update_link({a, "Đổi", "https://b.vn", 0}); !u) return u;
    return Error::invalid("then something else fails");
  });
  EXPECT_FALSE(s);
  EXPECT_EQ(store().site().links()->front().title, "A");  // rolled back with it
}

}  // namespace
}  // namespace congtin::store
