// SiteService: settings, the init-time add_*() calls, the checks shared by the back-office
// forms, and what every back-office change does once committed.
#include "content/site_service.h"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/url/parse.hpp>
#include <utility>

#include "content/site_service_internal.h"
#include "html/sanitize.h"
#include "text/vietnamese.h"

namespace congtin::content {

namespace site_internal {

std::string clean_line(std::string_view s) { return text::squash_spaces(text::to_nfc(s)); }

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::optional<std::string> check_length(std::string_view field, std::string_view s,
                                        std::size_t max) {
  if (char_count(s) <= max) return std::nullopt;
  return std::string(field) + " dài quá " + std::to_string(max) + " ký tự.";
}

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

Error not_found_vi(std::string_view what) {
  return Error::not_found("Không tìm thấy " + std::string(what) + ".");
}

}  // namespace site_internal

using namespace site_internal;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The settings fields the back office edits, with their Vietnamese labels and bounds.
struct SettingField {
  std::string SiteSettings::*field;
  std::string_view label;
  std::size_t max_chars;
};
constexpr std::array<SettingField, 13> kSettingFields{{
    {&SiteSettings::name, "Tên cơ quan", kMaxNameChars},
    {&SiteSettings::parent_name, "Cơ quan cấp trên", kMaxNameChars},
    {&SiteSettings::slogan, "Khẩu hiệu", kMaxLongChars},
    {&SiteSettings::logo_url, "Biểu trưng (logo)", 300},
    {&SiteSettings::description, "Mô tả", kMaxLongChars},
    {&SiteSettings::owner, "Cơ quan chủ quản", kMaxNameChars},
    {&SiteSettings::responsible_person, "Người chịu trách nhiệm", kMaxNameChars},
    {&SiteSettings::license, "Giấy phép", kMaxNameChars * 2},
    {&SiteSettings::address, "Địa chỉ", kMaxNameChars * 2},
    {&SiteSettings::phone, "Điện thoại", 30},
    {&SiteSettings::fax, "Fax", 30},
    {&SiteSettings::email, "Thư điện tử", 254},
    {&SiteSettings::copyright, "Bản quyền", kMaxLongChars},
}};

}  // namespace

std::optional<std::string> check_http_url(std::string_view url) {
  if (url.empty()) return "Hãy nhập địa chỉ liên kết.";
  if (url.size() > kMaxUrlBytes) return "Địa chỉ liên kết quá dài.";
  auto u = boost::urls::parse_absolute_uri(url);
  const bool http = u && (u->scheme_id() == boost::urls::scheme::http ||
                          u->scheme_id() == boost::urls::scheme::https);
  if (!http || u->encoded_host().empty())
    return "Địa chỉ liên kết phải là một địa chỉ web đầy đủ, bắt đầu bằng https:// hoặc "
           "http:// (ví dụ https://chinhphu.vn).";
  return std::nullopt;
}

std::optional<std::string> check_phone(std::string_view field, std::string_view phone) {
  // Vietnamese numbers have 10 (mobile) or 11 (landline with area code) digits, hotlines 8;
  // international ones up to 15 (E.164). Spaces, dots, hyphens and parentheses group them.
  std::size_t digits = 0;
  bool ok = !phone.empty() && phone.size() <= 30;
  for (std::size_t i = 0; ok && i < phone.size(); ++i) {
    const char c = phone[i];
    if (is_digit(c)) {
      ++digits;
    } else if (!(c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' ||
                 (c == '+' && i == 0))) {
      ok = false;
    }
  }
  if (ok && digits >= 8 && digits <= 15) return std::nullopt;
  return std::string(field) + " " + quoted(phone) +
         " không hợp lệ: chỉ gồm 8 đến 15 chữ số, có thể có dấu + ở đầu và dấu cách, chấm, "
         "gạch ngang, ngoặc đơn để tách nhóm (ví dụ 0200 3851 200).";
}

std::optional<std::string> check_email(std::string_view field, std::string_view email) {
  auto bad = [&] {
    return std::optional<std::string>(std::string(field) + " " + quoted(email) +
                                      " không phải địa chỉ thư điện tử hợp lệ (ví dụ "
                                      "vanphong@songoaivu.gov.vn).");
  };
  const auto at = email.find('@');
  if (email.size() > 254 || at == std::string_view::npos || at == 0 || at > 64) return bad();
  const std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  constexpr std::string_view kLocalPunct = ".!#$%&'*+/=?^_`{|}~-";
  for (char c : local)
    if (!is_alnum(c) && kLocalPunct.find(c) == std::string_view::npos) return bad();
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return bad();
  // Domain: two or more labels of letters, digits and inner hyphens.
  if (domain.empty() || domain.size() > 253 || domain.find('.') == std::string_view::npos)
    return bad();
  std::string_view rest = domain;
  while (true) {
    const auto dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return bad();
    for (char c : label)
      if (!is_alnum(c) && c != '-') return bad();
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return std::nullopt;
}

std::optional<std::string> check_logo_path(std::string_view path) {
  if (path.empty()) return std::nullopt;
  bool ok = (path.starts_with("/media/") || path.starts_with("/static/")) && path.size() <= 300 &&
            path.find("..") == std::string_view::npos && path.find("//") == std::string_view::npos;
  for (char c : path) ok = ok && (is_alnum(c) || c == '/' || c == '.' || c == '_' || c == '-');
  if (ok) return std::nullopt;
  return "Biểu trưng (logo) phải là đường dẫn của một tệp trong /media/ (ảnh đã tải lên thư "
         "viện) hoặc /static/, ví dụ /media/ab/cd1234.png; để trống nếu dùng quốc huy mặc định.";
}

Status SiteService::save_settings(SiteSettings s) {
  for (std::string* f : {&s.name, &s.parent_name, &s.slogan, &s.logo_url, &s.description, &s.owner,
                         &s.responsible_person, &s.license, &s.address, &s.phone, &s.fax, &s.email,
                         &s.copyright, &s.base_url})
    *f = clean_line(*f);
  if (s.name.empty()) return Error::invalid("the site needs the agency's name");
  while (!s.base_url.empty() && s.base_url.back() == '/') s.base_url.pop_back();
  if (!s.base_url.empty() && !s.base_url.starts_with("https://") &&
      !s.base_url.starts_with("http://"))
    return Error::invalid("base_url must start with https:// or http://");
  return store_.site().save_settings(s);
}

Status SiteService::update_settings(const SiteActor& by, SiteSettings s) {
  for (const auto& f : kSettingFields) {
    s.*f.field = clean_line(s.*f.field);
    if (auto e = check_length(f.label, s.*f.field, f.max_chars)) return Error::invalid(*e);
  }
  if (s.name.empty()) return Error::invalid("Hãy nhập tên cơ quan.");
  if (auto e = check_logo_path(s.logo_url)) return Error::invalid(*e);
  if (!s.phone.empty())
    if (auto e = check_phone("Điện thoại", s.phone)) return Error::invalid(*e);
  if (!s.fax.empty())
    if (auto e = check_phone("Số fax", s.fax)) return Error::invalid(*e);
  if (!s.email.empty())
    if (auto e = check_email("Thư điện tử", s.email)) return Error::invalid(*e);

  std::string changed;
  Status written = store_.transaction([&]() -> Status {
    auto old = store_.site().settings();
    if (!old) return old.take_error();
    s.base_url = old->base_url;  // from the configuration, not from this form
    for (const auto& f : kSettingFields) {
      if ((*old).*f.field != s.*f.field)
        changed += (changed.empty() ? "" : ", ") + std::string(f.label);
    }
    return store_.site().save_settings(s);
  });
  if (written && changed.empty()) return {};  // nothing to record or renew
  return after_commit(std::move(written), by, audit_action::kSettingChange, "setting", std::nullopt,
                      "Sửa cài đặt trang: " + changed, EventKind::kSiteChanged);
}

Status SiteService::after_commit(Status written, const SiteActor& by, std::string_view action,
                                 std::string_view target_type, std::optional<Id> target_id,
                                 std::string detail, EventKind kind) {
  if (!written) return written;
  if (events_ != nullptr) {
    Event e;
    e.kind = kind;
    events_->publish(e);
  }
  if (audit_ != nullptr) {
    AuditEntry e;
    e.at = clock_ != nullptr ? clock_->now() : Time{};
    e.actor_id = by.id;
    e.actor_name = by.name;
    e.action = std::string(action);
    e.target_type = std::string(target_type);
    e.target_id = target_id;
    e.detail = std::move(detail);
    e.address = by.address;
    if (auto s = audit_->append(e); !s)
      spdlog::error("audit log: cannot record \"{}\": {}", e.detail, s.error().message);
  }
  return written;
}

Result<Id> SiteService::add_category(Category c) {
  c.name = clean_line(c.name);
  c.description = clean_line(c.description);
  if (c.name.empty()) return Error::invalid("a category needs a name");
  if (c.slug.empty()) c.slug = text::slugify(c.name, 80);
  if (!is_valid_slug(c.slug))
    return Error::invalid("category \"" + c.name + "\": \"" + c.slug + "\" is not a valid slug");
  return store_.categories().create(c);
}

Result<Id> SiteService::add_link(LinkItem item) {
  item.title = clean_line(item.title);
  item.url = clean_line(item.url);
  if (item.title.empty()) return Error::invalid("a link needs a title");
  if (!item.url.starts_with("https://") && !item.url.starts_with("http://"))
    return Error::invalid("link \"" + item.title +
                          "\": the URL must start with https:// or http://");
  return store_.site().add_link(item);
}

Result<Id> SiteService::add_contact(ContactItem item) {
  for (std::string* f : {&item.name, &item.role, &item.phone, &item.email}) *f = clean_line(*f);
  if (item.name.empty()) return Error::invalid("a support contact needs a name");
  return store_.site().add_contact(item);
}

Result<Id> SiteService::add_page(Page p) {
  p.title = clean_line(p.title);
  if (p.title.empty()) return Error::invalid("a page needs a title");
  if (p.slug.empty()) p.slug = text::slugify(p.title, 80);
  if (!is_valid_slug(p.slug))
    return Error::invalid("page \"" + p.title + "\": \"" + p.slug + "\" is not a valid slug");
  auto body = html::sanitize(p.body_html);
  if (!body) return Error::invalid("page \"" + p.title + "\": " + body.error().message);
  p.body_html = std::move(*body);
  return store_.pages().create(p);
}

}  // namespace congtin::content
