// Per-request cost of counting: StatsService::count() on a page-view exchange, single thread
// and two threads, with a new client address every request (the counter's full path) and
// with a returning visitor. Prints ns per call. Not part of the build; compile with the
// command in bench/stats/README.md against a build directory.
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "stats/service.h"

namespace {

using namespace congtin;

struct NullRepo final : stats::StatsRepository {
  Status add(const stats::Batch&) override { return {}; }
  Result<std::vector<stats::DayCount>> days(std::string_view, std::string_view) override {
    return std::vector<stats::DayCount>{};
  }
  Result<stats::Totals> totals() override { return stats::Totals{}; }
  Result<std::vector<stats::ArticleCount>> top_articles(std::string_view, std::string_view,
                                                        int) override {
    return std::vector<stats::ArticleCount>{};
  }
  Result<std::int64_t> article_views(std::int64_t) override { return std::int64_t{0}; }
  Result<std::vector<stats::KeyCount>> top_keys(std::string_view, std::string_view,
                                                std::string_view, int) override {
    return std::vector<stats::KeyCount>{};
  }
};

struct NoArticles final : stats::ArticleLookup {
  std::optional<stats::ArticleRef> by_path(std::string_view) override { return std::nullopt; }
  std::optional<stats::ArticleRef> by_id(std::int64_t) override { return std::nullopt; }
};

double run(stats::StatsService& s, int threads, int per_thread, bool rotate) {
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t) {
    ts.emplace_back([&, t] {
      http::Request req;
      req.method = "GET";
      req.path = "/tin-tuc/chuyen-doi-gia-tri-thoi-gian";
      req.headers = {{"Host", "127.0.0.1"},
                     {"User-Agent",
                      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                      "Gecko) Chrome/120.0.0.0 Safari/537.36"},
                     {"Accept", "text/html,application/xhtml+xml"},
                     {"Accept-Encoding", "gzip"}};
      http::Response res;
      res.content_type = "text/html; charset=utf-8";
      for (int i = 0; i < per_thread; ++i) {
        const int n = rotate ? (t * per_thread + i) % 200000 : t;
        req.remote_addr = "10." + std::to_string(n >> 16) + "." + std::to_string((n >> 8) & 255) +
                          "." + std::to_string(n & 255);
        s.count(req, res);
      }
    });
  }
  for (auto& t : ts) t.join();
  const double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
  return ns / per_thread;  // wall time per call on each thread
}

}  // namespace

int main() {
  SystemClock clock;
  NullRepo repo;
  NoArticles articles;
  for (int threads : {1, 2}) {
    for (bool rotate : {true, false}) {
      stats::StatsService s(repo, articles, clock);
      (void)s.load();
      const double ns = run(s, threads, 400000, rotate);
      std::printf("threads=%d %-28s %.0f ns/call (wall, per thread)\n", threads,
                  rotate ? "new client every call:" : "returning visitor:", ns);
    }
  }
}
