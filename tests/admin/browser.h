// Test helpers for the back office: a cookie-keeping client that dispatches requests through
// an http::Router without sockets, and small readers of responses and pages.
#pragma once

#include <cctype>
#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "http/router.h"

namespace congtin::admin::testing {

inline std::string header(const http::Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return {};
}

inline std::vector<std::string> headers(const http::Response& r, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [n, v] : r.headers)
    if (n == name) out.push_back(v);
  return out;
}

// The first hidden _csrf value in a page.
inline std::string csrf_in(const std::string& html) {
  static const std::regex re(R"re(name="_csrf" value="([^"]*)")re");
  std::smatch m;
  return std::regex_search(html, m, re) ? m[1].str() : std::string();
}

inline std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += k + '=';
    for (unsigned char c : v) {
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
        out += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
  }
  return out;
}

// A client with a cookie jar.
struct Browser {
  const http::Router* router;
  std::string address = "192.0.2.10";
  std::map<std::string, std::string> cookies{};
  http::Headers extra{};

  http::Response send(std::string method, std::string target, std::string body = {},
                      std::string content_type = "application/x-www-form-urlencoded") {
    http::Request req;
    req.method = std::move(method);
    req.target = target;
    const auto q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.remote_addr = address;
    req.headers = extra;
    std::string jar;
    for (const auto& [k, v] : cookies) jar += (jar.empty() ? "" : "; ") + k + "=" + v;
    if (!jar.empty()) req.headers.emplace_back("Cookie", jar);
    if (!body.empty() || req.method == "POST")
      req.headers.emplace_back("Content-Type", content_type);
    req.body = std::move(body);
    http::Response r = router->dispatch(req);
    for (const auto& c : headers(r, "Set-Cookie")) {
      const auto eq = c.find('='), semi = c.find(';');
      const std::string name = c.substr(0, eq), value = c.substr(eq + 1, semi - eq - 1);
      if (c.find("Max-Age=0") != std::string::npos)
        cookies.erase(name);
      else
        cookies[name] = value;
    }
    return r;
  }
  http::Response get(std::string target) { return send("GET", std::move(target)); }
  http::Response post(std::string target, std::vector<std::pair<std::string, std::string>> f) {
    return send("POST", std::move(target), form_encode(f));
  }
  // Posts a form with the CSRF token of the page at `page`.
  http::Response submit(const std::string& page, std::string target,
                        std::vector<std::pair<std::string, std::string>> f) {
    f.emplace_back("_csrf", csrf_in(get(page).body));
    return post(std::move(target), std::move(f));
  }
  http::Response login(const std::string& username, const std::string& password,
                       const std::string& tiep = "") {
    const std::string token = csrf_in(get("/admin/dang-nhap").body);
    return post("/admin/dang-nhap",
                {{"_csrf", token}, {"username", username}, {"password", password}, {"tiep", tiep}});
  }
};

}  // namespace congtin::admin::testing
