// Responses shared by the public handlers: rendered pages, the 404 page, the error page, and
// the JSON answers of the API.
#include <spdlog/spdlog.h>

#include <charconv>

#include "site/discovery.h"
#include "site/handlers.h"
#include "site/view_models.h"

namespace congtin::site {

http::Response render_html(const Deps& d, std::string_view page_template, const nlohmann::json& ctx,
                           int status) {
  http::Response r;
  r.status = status;
  nlohmann::json full = ctx;
  add_metadata(full, page_template);  // site/metadata.cc
  r.body = d.theme.render(page_template, full);
  return r;
}

http::Response not_found_page(const Deps& d, const http::Request& req) {
  auto chrome = load_chrome(d.store);
  if (!chrome) return error_page(d, "404 page for " + req.path, chrome.error());
  auto ctx = chrome_context(*chrome, d.clock.now(), Where{}, "Không tìm thấy trang", req.path);
  ctx["canonical_url"] = "";  // a missing page has no canonical address
  return render_html(d, "not_found", ctx, 404);
}

void log_error(std::string_view what, const Error& e) {
  spdlog::error("site: {}: {} error: {}", what, error_kind_name(e.kind), e.message);
}

http::Response error_page(const Deps& d, std::string_view what, const Error& e) {
  const int status = e.kind == ErrorKind::kUnavailable ? 503 : 500;
  log_error(what, e);
  // The store may be what failed, so the page is rendered from defaults only.
  auto ctx = chrome_context(Chrome{}, d.clock.now(), Where{}, "Lỗi hệ thống", "");
  http::Response r = render_html(d, "error", ctx, status);
  r.header("Cache-Control", "no-store");
  if (status == 503) r.header("Retry-After", "60");
  return r;
}

http::Response json_response(int status, const nlohmann::json& body) {
  http::Response r = http::Response::json(
      status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.header("Access-Control-Allow-Origin", "*");  // open data: any site may read it
  return r;
}

std::optional<long long> parse_integer(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace congtin::site
