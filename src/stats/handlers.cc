#include "stats/handlers.h"

#include <nlohmann/json.hpp>

namespace congtin::stats {
namespace {

constexpr std::string_view kCacheControl = "private, max-age=5";

nlohmann::json summary_object(const Summary& s) {
  return {{"online", s.online},       {"today", s.today}, {"yesterday", s.yesterday},
          {"week", s.week},           {"month", s.month}, {"total", s.total}};
}

http::Response json_answer(const nlohmann::json& j) {
  http::Response r = http::Response::json(200, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.header("Cache-Control", std::string(kCacheControl));
  r.cacheable = false;
  return r;
}

}  // namespace

std::string summary_json(const Summary& s) { return summary_object(s).dump(); }

http::Handler counted(StatsService& service, http::Handler inner) {
  return [&service, inner = std::move(inner)](const http::Request& req) {
    http::Response res = inner(req);
    service.count(req, res);
    return res;
  };
}

void add_routes(http::Router& router, StatsService& service) {
  router.get("/api/v1/stats/summary", [&service](const http::Request&, const http::Params&) {
    return json_answer(summary_object(service.summary()));
  });
  router.get("/api/v1/stats/block", [&service](const http::Request& req, const http::Params&) {
    nlohmann::json j;
    j["summary"] = summary_object(service.summary());
    j["views"] = nullptr;
    if (auto path = req.query_param("path"); path && path->size() <= 512) {
      if (auto v = service.views_of(*path)) j["views"] = *v;
    }
    j["most_read"] = nlohmann::json::array();
    for (const MostRead& m : service.most_read())
      j["most_read"].push_back({{"title", m.title}, {"url", m.url}, {"views", m.views}});
    return json_answer(j);
  });
}

}  // namespace congtin::stats
