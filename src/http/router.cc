#include "http/router.h"

#include <boost/container/small_vector.hpp>
#include <boost/url/pct_string_view.hpp>

#include <set>
#include <stdexcept>

namespace congtin::http {
namespace {

// One registered (method, handler); placeholder names are per route because two routes
// may share a trie position under different names ("/a/{id}" GET, "/a/{slug}" POST).
struct Route {
  std::string method;
  std::vector<std::string> names;  // placeholder names in path order, rest last
  RouteHandler handler;
};

// A position in the pattern trie. Routes are compiled into it once, so dispatch walks
// string comparisons only: no regex, no pattern parsing per request.
struct Node {
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> literals;
  std::unique_ptr<Node> param;  // "{name}": one non-empty segment
  std::vector<Route> rest;      // "{name...}": the rest of the path, non-empty
  std::vector<Route> routes;    // routes ending exactly here
};

struct Segment {
  std::string_view raw;
  std::string_view decoded;  // == raw unless raw has '%'
};

using Segments = boost::container::small_vector<Segment, 12>;
using Captures = boost::container::small_vector<std::string_view, 6>;

// The route table entry a dispatch found.
struct Found {
  const std::vector<Route>* routes = nullptr;
  Captures captures;
};

bool decode_into(std::string_view raw, std::string& out) {
  auto pct = boost::urls::make_pct_string_view(raw);
  if (!pct) return false;
  out = pct->decode();
  return true;
}

// Visits the route lists matching segs[i..] in priority order (literal, placeholder, rest);
// visit returns true to stop.
template <class Visit>
bool walk(const Node& node, const Segments& segs, std::size_t i, std::string_view path_end,
          Captures& caps, Visit& visit) {
  if (i == segs.size()) return !node.routes.empty() && visit(node.routes, caps);
  const Segment& s = segs[i];
  for (const auto& [lit, child] : node.literals)
    if (lit == s.decoded && walk(*child, segs, i + 1, path_end, caps, visit)) return true;
  if (node.param && !s.raw.empty()) {
    caps.push_back(s.raw);
    if (walk(*node.param, segs, i + 1, path_end, caps, visit)) return true;
    caps.pop_back();
  }
  if (!node.rest.empty()) {
    std::string_view rest(s.raw.data(), static_cast<std::size_t>(path_end.data() - s.raw.data()));
    if (!rest.empty()) {
      caps.push_back(rest);
      if (visit(node.rest, caps)) return true;
      caps.pop_back();
    }
  }
  return false;
}

const Route* find_method(const std::vector<Route>& routes, std::string_view method) {
  for (const auto& r : routes)
    if (r.method == method) return &r;
  return nullptr;
}

}  // namespace

std::string_view Params::get(std::string_view name) const {
  for (const auto& [n, v] : items_)
    if (n == name) return v;
  return {};
}

struct Router::Impl {
  Node root;
  // GET routes without placeholders, as registered ("/admin"): the targets of the
  // trailing-slash redirect.
  std::set<std::string, std::less<>> literal_get_paths;
  RouteHandler not_found = [](const Request&, const Params&) {
    return Response::text(404, "Không tìm thấy trang.");
  };
};

Router::Router() : impl_(std::make_unique<Impl>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::get(std::string_view pattern, RouteHandler h) { add("GET", pattern, std::move(h)); }
void Router::post(std::string_view pattern, RouteHandler h) { add("POST", pattern, std::move(h)); }

void Router::add(std::string_view method, std::string_view pattern, RouteHandler h) {
  // A bad pattern is a programming error found at start-up, hence an exception.
  if (pattern.empty() || pattern[0] != '/')
    throw std::invalid_argument("route pattern must start with '/': " + std::string(pattern));
  if (method == "GET" && pattern.find('{') == std::string_view::npos)
    impl_->literal_get_paths.emplace(pattern);
  Node* node = &impl_->root;
  Route route{std::string(method), {}, std::move(h)};
  std::string_view rest = pattern.substr(1);
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    bool last = slash == std::string_view::npos;
    rest = last ? std::string_view() : rest.substr(slash + 1);
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string_view name = seg.substr(1, seg.size() - 2);
      if (name.size() > 3 && name.substr(name.size() - 3) == "...") {
        if (!last)
          throw std::invalid_argument("'{name...}' must end the pattern: " + std::string(pattern));
        route.names.emplace_back(name.substr(0, name.size() - 3));
        node->rest.push_back(std::move(route));
        return;
      }
      if (name.empty()) throw std::invalid_argument("empty placeholder in " + std::string(pattern));
      route.names.emplace_back(name);
      if (!node->param) node->param = std::make_unique<Node>();
      node = node->param.get();
      continue;
    }
    Node* next = nullptr;
    for (auto& [lit, child] : node->literals)
      if (lit == seg) next = child.get();
    if (next == nullptr) {
      node->literals.emplace_back(std::string(seg), std::make_unique<Node>());
      next = node->literals.back().second.get();
    }
    node = next;
  }
  node->routes.push_back(std::move(route));
}

void Router::set_not_found(RouteHandler h) { impl_->not_found = std::move(h); }

Response Router::dispatch(const Request& req) const {
  // Match on the encoded path so that "%2F" stays inside its segment; values are decoded
  // after matching. Requests built by hand (tests) may only carry the decoded path.
  std::string_view path = req.path;
  bool encoded = false;
  if (!req.target.empty() && req.target[0] == '/') {
    path = std::string_view(req.target).substr(0, req.target.find_first_of("?#"));
    encoded = true;
  }
  Params none;
  if (path.empty() || path[0] != '/') return impl_->not_found(req, none);
  path.remove_prefix(1);

  Segments segs;
  boost::container::small_vector<std::string, 4> storage;
  std::size_t n_encoded = 0;
  for (char c : path) n_encoded += c == '%';
  storage.reserve(n_encoded);  // stable addresses for decoded views
  if (!path.empty()) {
    std::string_view rest = path;
    while (true) {
      std::size_t slash = rest.find('/');
      Segment s{rest.substr(0, slash), rest.substr(0, slash)};
      if (encoded && s.raw.find('%') != std::string_view::npos) {
        storage.emplace_back();
        if (!decode_into(s.raw, storage.back())) return impl_->not_found(req, none);
        s.decoded = storage.back();
      }
      segs.push_back(s);
      if (slash == std::string_view::npos) break;
      rest.remove_prefix(slash + 1);
    }
  }

  std::string_view want = req.method;
  const Route* chosen = nullptr;
  Captures chosen_caps;
  std::string allow;
  auto visit = [&](const std::vector<Route>& routes, const Captures& caps) {
    const Route* r = find_method(routes, want);
    if (r == nullptr && want == "HEAD") r = find_method(routes, "GET");
    if (r != nullptr) {
      chosen = r;
      chosen_caps = caps;
      return true;
    }
    for (const auto& route : routes) {
      auto add = [&](std::string_view m) {
        if (allow.find(m) != std::string::npos) return;  // method names are distinct words
        if (!allow.empty()) allow += ", ";
        allow += m;
      };
      add(route.method);
      if (route.method == "GET") add("HEAD");
    }
    return false;
  };
  Captures caps;
  walk(impl_->root, segs, 0, path.substr(path.size()), caps, visit);

  if (chosen == nullptr) {
    if (allow.empty()) {
      // Routes are registered without a trailing slash; "/admin/" answers with a permanent
      // redirect to "/admin" when that is a route. Only literal routes are redirect targets,
      // so "//host/" can never become a protocol-relative redirect to another site.
      const std::string_view full = std::string_view(req.target).substr(0, path.size() + 1);
      if ((want == "GET" || want == "HEAD") && encoded && full.size() > 1 && full.back() == '/' &&
          impl_->literal_get_paths.contains(full.substr(0, full.size() - 1))) {
        std::string location(full.substr(0, full.size() - 1));
        if (const auto q = req.target.find('?'); q != std::string::npos)
          location += req.target.substr(q);
        return Response::redirect(301, std::move(location));
      }
      return impl_->not_found(req, none);
    }
    Response r = Response::text(405, "Phương thức không được hỗ trợ.");
    r.header("Allow", std::move(allow));
    return r;
  }
  Params params;
  for (std::size_t i = 0; i < chosen_caps.size() && i < chosen->names.size(); ++i) {
    std::string value;
    if (!encoded) {
      value = chosen_caps[i];
    } else if (!decode_into(chosen_caps[i], value)) {
      return impl_->not_found(req, none);
    }
    params.set(chosen->names[i], std::move(value));
  }
  return chosen->handler(req, params);
}

Handler Router::handler() const {
  return [this](const Request& req) { return dispatch(req); };
}

}  // namespace congtin::http
