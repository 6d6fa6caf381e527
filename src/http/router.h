// Router: maps a method and a path to a handler.
//
// Patterns are literal segments and {name} placeholders, each matching one non-empty path
// segment: "/tin-tuc/{slug}". A trailing "{name...}" matches the rest of the path
// (one or more segments): "/static/{path...}". Literal routes win over placeholders. A path
// that matches no route gets the not-found handler; a known path with another method gets
// 405 with an Allow header. HEAD is routed to GET handlers (the server drops the body). A GET
// or HEAD path with a trailing slash that matches nothing answers 301 to the same path without
// it when that is a GET route without placeholders ("/admin/" → "/admin").
// Routes are added before serving; dispatch() is then thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace congtin::http {

class Params {
 public:
  // Value of a placeholder, percent-decoded; empty if absent.
  std::string_view get(std::string_view name) const;
  void set(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

using RouteHandler = std::function<Response(const Request&, const Params&)>;

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  void get(std::string_view pattern, RouteHandler h);
  void post(std::string_view pattern, RouteHandler h);
  void add(std::string_view method, std::string_view pattern, RouteHandler h);
  void set_not_found(RouteHandler h);

  Response dispatch(const Request& req) const;
  // A Handler (for the server) that dispatches through this router; the router must outlive it.
  Handler handler() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace congtin::http
