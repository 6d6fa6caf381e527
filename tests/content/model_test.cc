#include "content/model.h"

#include <gtest/gtest.h>

namespace congtin::content {
namespace {

TEST(Slug, Valid) {
  for (const char* s : {"a", "tin-tuc", "doan-cong-tac-2017", "9"}) EXPECT_TRUE(is_valid_slug(s)) << s;
  for (const char* s : {"", "-a", "a-", "a--b", "Tin", "tin tuc", "tin_tuc", "đà-nẵng"})
    EXPECT_FALSE(is_valid_slug(s)) << s;
  EXPECT_FALSE(is_valid_slug(std::string(121, 'a')));
}

TEST(Status, CodesRoundTrip) {
  for (auto s : {ArticleStatus::kDraft, ArticleStatus::kSubmitted, ArticleStatus::kReview,
                 ArticleStatus::kScheduled, ArticleStatus::kPublished, ArticleStatus::kReturned,
                 ArticleStatus::kTakenDown})
    EXPECT_EQ(status_from_code(status_code(s)), s);
  EXPECT_EQ(status_from_code("nonsense"), std::nullopt);
}

}  // namespace
}  // namespace congtin::content
