// Form: the fields of an application/x-www-form-urlencoded request body, decoded by
// Boost.URL ('+' as space, percent-escapes), and the request's cookies.
//
// Lives in admin/ because the back office is its only user so far; it has no admin logic and
// can move to http/ when another module posts forms. Thread-compatible values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "http/message.h"

namespace congtin::admin {

class Form {
 public:
  // Parses req.body. kInvalidArgument when the Content-Type is not
  // application/x-www-form-urlencoded, the body is larger than max_bytes, it is not valid
  // query syntax, a value is not valid UTF-8, or it has more than 200 fields.
  static Result<Form> parse(const http::Request& req, std::size_t max_bytes);

  // The first value of a field, or nullopt.
  std::optional<std::string> get(std::string_view name) const;
  // The first value of a field, or "".
  std::string value(std::string_view name) const { return get(name).value_or(std::string()); }
  bool has(std::string_view name) const { return get(name).has_value(); }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// The value of cookie `name` in the request's Cookie header(s), or "" (RFC 6265 syntax:
// "a=1; b=2"; surrounding double quotes are removed).
std::string cookie_value(const http::Request& req, std::string_view name);

struct CookieOptions {
  std::string path = "/admin";
  bool secure = false;
  std::string same_site = "Lax";
  std::optional<long long> max_age;  // nullopt: a browser-session cookie; 0: delete it
};

// A Set-Cookie header value; always HttpOnly.
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& o);

}  // namespace congtin::admin
