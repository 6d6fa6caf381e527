#include "admin/form.h"

#include <boost/url/parse_query.hpp>

#include "text/vietnamese.h"

namespace congtin::admin {
namespace {

constexpr std::size_t kMaxFields = 200;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

Result<Form> Form::parse(const http::Request& req, std::size_t max_bytes) {
  if (!starts_with_ci(trim(req.header("Content-Type")), "application/x-www-form-urlencoded"))
    return Error::invalid("Biểu mẫu phải được gửi dạng application/x-www-form-urlencoded.");
  if (req.body.size() > max_bytes) return Error::invalid("Nội dung biểu mẫu quá lớn.");
  auto params = boost::urls::parse_query(req.body);
  if (!params) return Error::invalid("Nội dung biểu mẫu không hợp lệ.");
  const boost::urls::encoding_opts opts(/*space_as_plus=*/true);
  Form f;
  for (auto p : *params) {
    if (f.fields_.size() >= kMaxFields) return Error::invalid("Biểu mẫu có quá nhiều trường.");
    std::string key = p.key.decode(opts);
    std::string value = p.has_value ? p.value.decode(opts) : std::string();
    if (!text::is_valid_utf8(key) || !text::is_valid_utf8(value))
      return Error::invalid("Biểu mẫu chứa ký tự không hợp lệ.");
    f.fields_.emplace_back(std::move(key), std::move(value));
  }
  return f;
}

std::optional<std::string> Form::get(std::string_view name) const {
  for (const auto& [k, v] : fields_)
    if (k == name) return v;
  return std::nullopt;
}

std::string cookie_value(const http::Request& req, std::string_view name) {
  // A request may carry several Cookie headers (HTTP/2 splits them); read them all.
  for (const auto& [hname, hvalue] : req.headers) {
    if (hname.size() != 6 || !starts_with_ci(hname, "cookie")) continue;
    std::string_view rest = hvalue;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
      std::string_view v = trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return {};
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& o) {
  std::string s = std::string(name) + "=" + std::string(value) + "; Path=" + o.path;
  if (o.max_age) s += "; Max-Age=" + std::to_string(*o.max_age);
  s += "; HttpOnly; SameSite=" + o.same_site;
  if (o.secure) s += "; Secure";
  return s;
}

}  // namespace congtin::admin
