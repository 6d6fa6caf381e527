// GET /so-do-cong ("Sơ đồ cổng": the tree of menus, categories and pages) and
// GET /tro-giup-tiep-can (accessibility help: shortcuts, text size, how to report a problem).
#include "site/discovery.h"
#include "site/view_models.h"

namespace congtin::site {
namespace {

nlohmann::json crumbs_to(std::string_view title) {
  return nlohmann::json::array(
      {{{"title", "Trang chủ"}, {"url", "/"}}, {{"title", title}, {"url", ""}}});
}

}  // namespace

http::Response handle_site_map_page(const Deps& d, const http::Request& req) {
  (void)req;
  auto chrome_or = site_chrome(d);
  if (!chrome_or) return error_page(d, "site map page", chrome_or.error());
  const auto& chrome = *chrome_or;  // shared, immutable
  auto ctx = chrome_context(*chrome, d.clock.now(), Where{}, "Sơ đồ cổng", kSiteMapPagePath);
  ctx["has_breadcrumbs"] = true;
  ctx["breadcrumbs"] = crumbs_to("Sơ đồ cổng");
  // The menu is the tree a visitor sees; the site map adds each category's feed and the
  // pages that are not in the menu.
  nlohmann::json tree = ctx["menu"];
  for (auto& item : tree) {
    const auto& url = item["url"].get_ref<const std::string&>();
    item["feed_url"] =
        url.starts_with("/chuyen-muc/") ? url + std::string(kCategoryFeedSuffix) : "";
    for (auto& child : item["children"]) {
      const auto& curl = child["url"].get_ref<const std::string&>();
      child["feed_url"] =
          curl.starts_with("/chuyen-muc/") ? curl + std::string(kCategoryFeedSuffix) : "";
    }
  }
  ctx["tree"] = std::move(tree);
  ctx["tools"] = nlohmann::json::array({
      {{"title", "Tìm kiếm"}, {"url", std::string(kSearchPath)}},
      {{"title", "Kênh RSS"}, {"url", std::string(kFeedsPagePath)}},
      {{"title", "Trợ giúp tiếp cận"}, {"url", std::string(kAccessibilityPath)}},
      {{"title", "Sơ đồ cổng dạng XML (cho máy tìm kiếm)"}, {"url", std::string(kSitemapXmlPath)}},
  });
  http::Response r = render_html(d, "so_do_cong", std::move(ctx));
  r.cache_tags = {"sitemap"};
  return r;
}

http::Response handle_accessibility_page(const Deps& d, const http::Request& req) {
  (void)req;
  auto chrome_or = site_chrome(d);
  if (!chrome_or) return error_page(d, "accessibility page", chrome_or.error());
  const auto& chrome = *chrome_or;  // shared, immutable
  auto ctx =
      chrome_context(*chrome, d.clock.now(), Where{}, "Trợ giúp tiếp cận", kAccessibilityPath);
  ctx["has_breadcrumbs"] = true;
  ctx["breadcrumbs"] = crumbs_to("Trợ giúp tiếp cận");
  ctx["meta_description"] =
      "Phím tắt, cỡ chữ và các cách sử dụng cổng thông tin bằng bàn phím, trình đọc màn hình và "
      "điện thoại.";
  http::Response r = render_html(d, "tro_giup_tiep_can", std::move(ctx));
  r.cache_tags = {"help"};
  return r;
}

}  // namespace congtin::site
