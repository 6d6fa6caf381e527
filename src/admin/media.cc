// The media library screens and the upload endpoint (admin/media.h).
#include "admin/media.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <utility>

#include "admin/internal.h"
#include "http/multipart.h"
#include "text/date.h"

namespace congtin::admin {
namespace {

using Deps = std::shared_ptr<const BackOfficeDeps>;
using Library = std::shared_ptr<media::MediaLibrary>;
using content::Role;

constexpr RoleSet kDeleters = {Role::kEditor, Role::kChiefEditor, Role::kAdmin};
constexpr std::string_view kLibraryPath = "/admin/thu-vien";

// The library's own notices (the frame knows only the account ones), chosen by ?tb=CODE.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kNotices{{
    {"da-tai-len", "Đã tải tệp lên thư viện."},
    {"da-luu", "Đã lưu mô tả và chú thích."},
    {"da-xoa", "Đã xóa tệp khỏi thư viện."},
}};

bool wants_json(const http::Request& req) {
  return req.header("Accept").find("application/json") != std::string_view::npos ||
         !req.header("X-Requested-With").empty();
}

http::Response json_answer(int status, const nlohmann::json& body) {
  return http::Response::json(status,
                              body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::optional<std::int64_t> parse_id(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

int page_param(const http::Request& req, std::string_view fallback_field = {}) {
  std::string v = req.query_param("trang").value_or(std::string(fallback_field));
  if (v.empty() || v.size() > 6) return 1;
  int n = 1;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  return ec == std::errc() && p == v.data() + v.size() && n > 0 ? n : 1;
}

std::string library_url(int page) {
  return page > 1 ? std::string(kLibraryPath) + "?trang=" + std::to_string(page)
                  : std::string(kLibraryPath);
}

nlohmann::json item_json(const media::MediaItem& m, bool can_delete) {
  const bool image = m.kind == media::MediaKind::kImage;
  std::string format = m.format;
  std::transform(format.begin(), format.end(), format.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const std::string action = std::string(kLibraryPath) + "/" + std::to_string(m.id);
  return {{"id", m.id},
          {"url", m.url},
          {"is_image", image},
          {"thumb_url", image ? m.thumb_url : ""},
          {"file_name", m.file_name},
          {"format", format},
          {"size", media::format_size(m.bytes)},
          {"dimensions", image ? std::to_string(m.width) + "×" + std::to_string(m.height) : ""},
          {"uploader", m.uploader},
          {"date", text::format_vi_datetime(Seconds(std::chrono::seconds(m.created_at)))},
          {"alt", m.alt},
          {"caption", m.caption},
          {"missing_alt", image && m.alt.empty()},
          {"action", action},
          {"delete_action", action + "/xoa"},
          {"can_delete", can_delete}};
}

http::Response show_library(const AdminRequest& r, media::MediaLibrary& lib, int page,
                            std::string error = {}, int status = 200) {
  auto list = lib.list(page);
  if (!list) return error_page(r.deps, r.http, "media library", list.error());
  const bool can_delete = kDeleters.contains(r.who.user.role);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : list->items) items.push_back(item_json(m, can_delete));
  const auto& o = lib.options();
  nlohmann::json ctx = {
      {"title", "Thư viện"},
      {"items", std::move(items)},
      {"has_items", !list->items.empty()},
      {"total", list->total},
      {"page", list->page},
      {"pages", list->pages},
      {"has_pages", list->pages > 1},
      {"prev_url", list->page > 1 ? library_url(list->page - 1) : ""},
      {"next_url", list->page < list->pages ? library_url(list->page + 1) : ""},
      {"max_image_mb", o.image.max_bytes >> 20},
      {"max_attachment_mb", o.max_attachment_bytes >> 20},
      {"max_megapixels", o.image.max_pixels / 1000000},
      {"error", std::move(error)},
  };
  if (auto code = r.http.query_param("tb")) {
    for (const auto& [c, text] : kNotices)
      if (c == *code) ctx["notice"] = std::string(text);
  }
  return r.page("media_library", std::move(ctx), status);
}

// An expected refusal as JSON for fetch callers, or the library page with the message.
http::Response refuse(const AdminRequest& r, media::MediaLibrary& lib, int status,
                      std::string message) {
  if (wants_json(r.http)) return json_answer(status, {{"error", std::move(message)}});
  return show_library(r, lib, page_param(r.http), std::move(message), status);
}

http::Response failure(const AdminRequest& r, media::MediaLibrary& lib, std::string_view what,
                       const Error& e) {
  switch (e.kind) {
    case ErrorKind::kInvalidArgument:
      return refuse(r, lib, 422, e.message);
    case ErrorKind::kConflict:
      return refuse(r, lib, 409, e.message);
    case ErrorKind::kNotFound:
      return refuse(r, lib, 404, "Không tìm thấy tệp này trong thư viện; có thể nó đã bị xóa.");
    default:
      if (!wants_json(r.http)) return error_page(r.deps, r.http, what, e);
      spdlog::error("admin: {} {}: {}: {}", r.http.method, r.http.path, what, e.message);
      return json_answer(e.kind == ErrorKind::kUnavailable ? 503 : 500,
                         {{"error",
                           "Lỗi hệ thống: chưa lưu được tệp. Vui lòng thử lại sau ít "
                           "phút."}});
  }
}

http::Response post_upload(const AdminRequest& r, media::MediaLibrary& lib) {
  auto parts = http::parse_multipart(r.http.header("Content-Type"), r.http.body);
  if (!parts) return refuse(r, lib, 400, parts.error().message);
  const http::MultipartPart* file = http::find_part(*parts, "file");
  if (file == nullptr || !file->filename || file->data.empty())
    return refuse(r, lib, 422, "Chưa chọn tệp để tải lên, hoặc tệp rỗng.");
  const auto& o = lib.options();
  const std::size_t limit = std::max(o.image.max_bytes, o.max_attachment_bytes);
  if (file->data.size() > limit) {
    return refuse(r, lib, 413,
                  "Tệp lớn hơn giới hạn " + std::to_string(limit >> 20) +
                      " MiB. Hãy giảm kích thước tệp rồi tải lên lại.");
  }
  auto field = [&](std::string_view name) {
    const http::MultipartPart* p = http::find_part(*parts, name);
    return p == nullptr ? std::string_view() : p->data;
  };
  const auth::User& u = r.who.user;
  auto item = lib.upload(file->data, *file->filename, field("alt"), field("caption"),
                         {u.id, u.display_name.empty() ? u.username : u.display_name});
  if (!item) return failure(r, lib, "media upload", item.error());
  if (!wants_json(r.http)) return see_other(std::string(kLibraryPath), "da-tai-len");
  http::Response res =
      json_answer(201, {{"id", item->id},
                        {"location", item->url},
                        {"kind", item->kind == media::MediaKind::kImage ? "image" : "attachment"},
                        {"width", item->width},
                        {"height", item->height},
                        {"srcset", item->srcset},
                        {"webp_srcset", item->webp_srcset},
                        {"file_name", item->file_name},
                        {"alt", item->alt},
                        {"caption", item->caption}});
  res.header("Location", item->url);
  return res;
}

http::Response post_edit(const AdminRequest& r, media::MediaLibrary& lib) {
  auto id = parse_id(r.params.get("id"));
  if (!id) return failure(r, lib, "media edit", Error::not_found("media id"));
  if (Status s = lib.update_text(*id, r.form.value("alt"), r.form.value("caption")); !s)
    return failure(r, lib, "media edit", s.error());
  if (wants_json(r.http)) {
    auto item = lib.get(*id);
    if (!item) return failure(r, lib, "media edit", item.error());
    return json_answer(200, {{"id", item->id}, {"alt", item->alt}, {"caption", item->caption}});
  }
  return see_other(library_url(page_param(r.http, r.form.value("trang"))), "da-luu");
}

http::Response post_delete(const AdminRequest& r, media::MediaLibrary& lib) {
  auto id = parse_id(r.params.get("id"));
  if (!id) return failure(r, lib, "media delete", Error::not_found("media id"));
  if (Status s = lib.remove(*id); !s) return failure(r, lib, "media delete", s.error());
  if (wants_json(r.http)) return json_answer(200, {{"id", *id}, {"deleted", true}});
  return see_other(library_url(page_param(r.http, r.form.value("trang"))), "da-xoa");
}

// A plain HTML form cannot set a header, and the guard reads "_csrf" only from url-encoded
// bodies: for a multipart post without X-CSRF-Token, lift the field into the header.
http::RouteHandler with_multipart_csrf(http::RouteHandler inner) {
  return [inner = std::move(inner)](const http::Request& req, const http::Params& params) {
    const std::string_view type = req.header("Content-Type");
    if (!req.header("X-CSRF-Token").empty() ||
        type.find("multipart/form-data") == std::string_view::npos)
      return inner(req, params);
    auto parts = http::parse_multipart(type, req.body);
    const http::MultipartPart* token = parts ? http::find_part(*parts, "_csrf") : nullptr;
    if (token == nullptr || token->data.empty() || token->data.size() > 256)
      return inner(req, params);
    http::Request copy = req;  // one copy of the body, for plain-form uploads only
    copy.headers.emplace_back("X-CSRF-Token", std::string(token->data));
    return inner(copy, params);
  };
}

// The guard answers with pages and redirects; a fetch caller gets the same refusal as JSON.
http::RouteHandler json_refusals(http::RouteHandler inner) {
  return [inner = std::move(inner)](const http::Request& req, const http::Params& params) {
    http::Response res = inner(req, params);
    if (!wants_json(req) || res.status < 300 || res.content_type.starts_with("application/json"))
      return res;
    std::string message;
    if (res.status == 403) {
      message =
          "Không được phép: phiên đăng nhập đã hết hạn, vai trò của bạn không có quyền "
          "này, hoặc thiếu mã bảo vệ CSRF. Hãy tải lại trang rồi thử lại.";
    } else if (res.status >= 500) {
      message = "Lỗi hệ thống. Vui lòng thử lại sau ít phút.";
    } else {
      message = "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại rồi thử lại.";
      res.status = 401;
    }
    std::erase_if(res.headers, [](const auto& h) { return h.first == "Location"; });
    res.content_type = "application/json; charset=utf-8";
    res.body = nlohmann::json{{"error", message}}.dump();
    return res;
  };
}

}  // namespace

void add_media_routes(http::Router& router, const Deps& deps, Library library) {
  auto bind = [library](http::Response (*fn)(const AdminRequest&, media::MediaLibrary&)) {
    return [library, fn](const AdminRequest& r) { return fn(r, *library); };
  };
  router.get(kLibraryPath, guarded(deps, RoleSet::all(), [library](const AdminRequest& r) {
               return show_library(r, *library, page_param(r.http));
             }));
  router.post("/admin/thu-vien/tai-len",
              json_refusals(with_multipart_csrf(guarded(deps, RoleSet::all(), bind(post_upload)))));
  router.post("/admin/thu-vien/{id}",
              json_refusals(guarded(deps, RoleSet::all(), bind(post_edit))));
  router.post("/admin/thu-vien/{id}/xoa",
              json_refusals(guarded(deps, kDeleters, bind(post_delete))));
}

}  // namespace congtin::admin
