// search_paths: each query of a file answered by both ways of the SQLite search index (FTS5's
// walk and the in-memory word sets), timed on one thread, with the way the automatic choice
// takes and whether both agree (same ids, order, total, scores).
// usage: search_paths DB QUERIES [REPEAT [ONLY]]   (QUERIES: one query a line, as typed;
// ONLY: 0, 1 or 2 times only FTS5, memory or auto, for profiling)
//        search_paths DB --update   times put() and remove() of one new article while
//        the word sets are current: the in-place update of the sets included.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "search/query.h"
#include "store/sqlite/search_index.h"

using namespace congtin;
using Clock = std::chrono::steady_clock;

namespace {
std::unique_ptr<search::SearchIndex> open(const char* db, store::SqliteSearchOptions::Path path) {
  store::SqliteSearchOptions o;
  o.path = path;
  o.build_in_background = false;
  auto index = store::open_sqlite_search_index(db, o);
  if (!index) {
    std::cerr << "search_paths: " << index.error().message << "\n";
    std::exit(1);
  }
  return std::move(*index);
}
double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int time_updates(const char* db) {
  store::SqliteSearchOptions o;
  o.path = store::SqliteSearchOptions::Path::kMemory;
  o.build_in_background = false;
  o.report = [](const std::string& m) { std::printf("  %s\n", m.c_str()); };
  auto index = store::open_sqlite_search_index(db, o);
  if (!index) {
    std::cerr << "search_paths: " << index.error().message << "\n";
    return 1;
  }
  search::SearchRequest r;
  r.query = search::parse_query("cà phê xuất khẩu");
  r.now = content::Time(std::chrono::seconds(4102444800));
  auto t = Clock::now();
  if (!(*index)->search(r).ok()) return 1;
  std::printf("word sets built in %.0f ms\n", ms_since(t));
  search::Document d;
  d.id = 100001;  // beside the 100,000 of bench/search/load.sh's site
  d.slug = "search-paths-update";
  d.title = "Cà phê xuất khẩu";
  d.body_text = "Hợp tác quốc tế về cà phê";
  d.category_id = 1;
  d.published_at = content::Time(std::chrono::seconds(1780000000));
  for (int i = 0; i < 3; ++i) {
    t = Clock::now();
    if (!(*index)->put(d).ok()) return 1;
    std::printf("put %.1f ms\n", ms_since(t));
  }
  t = Clock::now();
  if (!(*index)->remove(d.id).ok()) return 1;
  std::printf("remove %.1f ms\n", ms_since(t));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: search_paths DB QUERIES [REPEAT]\n";
    return 2;
  }
  if (std::string_view(argv[2]) == "--update") return time_updates(argv[1]);
  const int repeat = argc > 3 ? std::atoi(argv[3]) : 3;
  const int only = argc > 4 ? std::atoi(argv[4]) : -1;
  using Path = store::SqliteSearchOptions::Path;
  auto fts = open(argv[1], Path::kFts5);
  auto mem = open(argv[1], Path::kMemory);
  auto aut = open(argv[1], Path::kAuto);
  std::ifstream in(argv[2]);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) lines.push_back(l);
  const auto t0 = Clock::now();
  search::SearchRequest warm;
  warm.query = search::parse_query("a");
  warm.now = content::Time(std::chrono::seconds(4102444800));
  if (only != 0 && only != 2) (void)mem->search(warm);
  if (only != 0 && only != 1) (void)aut->search(warm);
  std::printf("memory index built in %.0f ms\n",
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  double sum[3] = {};
  int disagree = 0;
  for (const auto& q : lines) {
    search::SearchRequest r;
    r.query = search::parse_query(q);
    r.now = warm.now;
    double best[3] = {1e9, 1e9, 1e9};
    search::SearchPage pages[3];
    search::SearchIndex* ix[3] = {fts.get(), mem.get(), aut.get()};
    for (int k = 0; k < repeat; ++k) {
      for (int w = 0; w < 3; ++w) {
        if (only >= 0 && w != only) continue;
        const auto s = Clock::now();
        auto p = ix[w]->search(r);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - s).count();
        if (!p) {
          std::cerr << "search_paths: " << q << ": " << p.error().message << "\n";
          return 1;
        }
        best[w] = std::min(best[w], ms);
        pages[w] = std::move(*p);
      }
    }
    bool same = pages[0].total == pages[1].total && pages[0].more == pages[1].more &&
                pages[0].hits.size() == pages[1].hits.size();
    for (std::size_t i = 0; same && i < pages[0].hits.size(); ++i)
      same = pages[0].hits[i].id == pages[1].hits[i].id &&
             pages[0].hits[i].score == pages[1].hits[i].score;
    if (!same) ++disagree;
    for (int w = 0; w < 3; ++w) sum[w] += best[w];
    std::printf("%7.2f %7.2f %7.2f %s %5lld %s\n", best[0], best[1], best[2],
                best[2] > 1.5 * std::min(best[0], best[1]) ? "!" : " ",
                static_cast<long long>(pages[0].total), (same ? q : "DIFFER " + q).c_str());
  }
  std::printf("sum fts5 %.1f ms, memory %.1f ms, auto %.1f ms; %d of %zu differ\n", sum[0], sum[1],
              sum[2], disagree, lines.size());
  return disagree == 0 ? 0 : 1;
}
