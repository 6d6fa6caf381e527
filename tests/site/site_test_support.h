// A real temporary SQLite store filled with Vietnamese test content, the real theme, a fake
// clock and a router with the public routes; requests are dispatched without sockets.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "content/repository.h"
#include "core/clock.h"
#include "http/router.h"
#include "render/theme.h"

namespace congtin::site::testing_support {

// UTC seconds for a Vietnam local time.
Seconds vn_time(int y, unsigned m, unsigned d, int hh, int mm);

// Now, for every test: Friday 30/06/2017 10:00 in Vietnam.
inline Seconds test_now() { return vn_time(2017, 6, 30, 10, 0); }

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  http::Response get(const std::string& target) const;
  // The values of the src/href/srcset attributes of every <link>, <script> and <img>.
  static std::vector<std::string> resource_urls(const std::string& html);

  content::Id add_article(const std::string& title, const std::string& slug, content::Id category,
                          Seconds published_at,
                          content::ArticleStatus status = content::ArticleStatus::kPublished,
                          bool featured = false);

  std::filesystem::path dir_;
  std::unique_ptr<content::Store> store_;
  std::unique_ptr<render::Theme> theme_;
  std::unique_ptr<FakeClock> clock_;
  http::Router router_;

  // Seeded ids.
  content::Id tin_tuc_ = 0, doi_ngoai_ = 0, thong_bao_ = 0;
  content::Id main_article_ = 0;
};

}  // namespace congtin::site::testing_support
