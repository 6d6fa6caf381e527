// How long the page cache's one-time compression takes and what it saves, per quality:
// g++ -O2 -std=c++20 -I../src compress_bench.cc ../src/cache/compress.cc -lz -lbrotlienc
// ./a.out PAGE.html
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cache/compress.h"

int main(int argc, char** argv) {
  std::ifstream f(argc > 1 ? argv[1] : "/dev/stdin", std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string page = ss.str();
  // The fastest of 30 runs: the machine is shared, and the minimum is the least disturbed.
  auto time = [](auto&& fn) {
    long best = 1L << 40;
    std::size_t n = 0;
    for (int i = 0; i < 30; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      n = fn();
      long us = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - t0).count();
      if (us < best) best = us;
    }
    return std::pair<std::size_t, long>(n, best);
  };
  std::printf("identity: %zu bytes\n", page.size());
  auto [g, gus] = time([&] { return congtin::cache::gzip_best(page)->size(); });
  std::printf("gzip -9: %zu bytes, %ld us\n", g, gus);
  for (int q : {4, 5, 6, 7, 9, 11}) {
    auto [b, bus] = time([&] { return congtin::cache::brotli(page, q)->size(); });
    std::printf("brotli q%d: %zu bytes (%.1f%% of gzip), %ld us\n", q, b, 100.0 * b / g, bus);
  }
}
