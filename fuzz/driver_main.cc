// A plain main for the fuzz targets, so that every compiler (GCC in CI included) runs their
// LLVMFuzzerTestOneInput over the seed corpus and then over pseudo-random mutations of it.
// Deterministic: the seed is fixed unless --seed is given. Bounded by --runs and --seconds.
//
//   fuzz_text_driver [--runs N] [--seconds S] [--seed X] [--max-len L] CORPUS_DIR_OR_FILE...
//
// An invariant failure aborts; the handler below prints the offending input as hex first,
// so a CI log is enough to turn it into a regression seed.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

const Bytes* g_current = nullptr;

// Async-signal-safe: only write(2).
void dump_current_input(int sig) {
  static const char kHex[] = "0123456789abcdef";
  static const char kPrefix[] = "\nfuzz driver: failing input (hex): ";
  ssize_t ignored = write(STDERR_FILENO, kPrefix, sizeof(kPrefix) - 1);
  if (g_current != nullptr) {
    for (uint8_t b : *g_current) {
      const char pair[2] = {kHex[b >> 4], kHex[b & 0xF]};
      ignored = write(STDERR_FILENO, pair, 2);
    }
  }
  ignored = write(STDERR_FILENO, "\n", 1);
  (void)ignored;
  signal(sig, SIG_DFL);
  raise(sig);
}

void run(const Bytes& input) {
  g_current = &input;
  LLVMFuzzerTestOneInput(input.data(), input.size());
  g_current = nullptr;
}

std::vector<Bytes> load_corpus(const std::vector<std::filesystem::path>& roots) {
  std::vector<std::filesystem::path> files;
  for (const auto& root : roots) {
    if (std::filesystem::is_directory(root)) {
      for (const auto& entry : std::filesystem::directory_iterator(root)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      files.push_back(root);
    }
  }
  std::sort(files.begin(), files.end());  // the same order everywhere, for reproducibility
  std::vector<Bytes> corpus;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "fuzz driver: cannot read %s\n", file.c_str());
      std::exit(2);
    }
    corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return corpus;
}

// Byte strings that matter to the targets: UTF-8 pieces (combining marks, Vietnamese letters,
// ill-formed sequences, white space) and the punctuation of ISO 8601.
const std::vector<std::string> kTokens = {"\xCC\x80",
                                          "\xCC\xA3",
                                          "\xCC\x82",
                                          "\xCC\x9B",
                                          "\xC4\x90",
                                          "\xC4\x91",
                                          "\xE1\xBB\x87",
                                          "\xC6\xB0",
                                          "\xC2\xA0",
                                          "\xE3\x80\x80",
                                          "\xF0\x9F\x8E\x89",
                                          "\xFF",
                                          "\xC3",
                                          "\xED\xA0\x80",
                                          "\xC0\xAF",
                                          "\xC4\xB0",
                                          "\xCD\x85",
                                          " ",
                                          "\t",
                                          "\n",
                                          "-",
                                          "--",
                                          "T",
                                          "Z",
                                          ":",
                                          "+07:00",
                                          "+0700",
                                          "-",
                                          ".",
                                          "2024-02-29",
                                          "23:59:60",
                                          "00",
                                          "9999",
                                          "0000"};

class Mutator {
 public:
  Mutator(uint64_t seed, size_t max_len) : rng_(seed), max_len_(max_len) {}

  Bytes mutate(const std::vector<Bytes>& corpus) {
    Bytes out = corpus.empty() ? Bytes{} : corpus[below(corpus.size())];
    const size_t steps = 1 + below(4);
    for (size_t i = 0; i < steps; ++i) step(out, corpus);
    if (out.size() > max_len_) out.resize(max_len_);
    return out;
  }

 private:
  size_t below(size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
  }

  void step(Bytes& b, const std::vector<Bytes>& corpus) {
    const size_t pos = below(b.size() + 1);
    switch (below(7)) {
      case 0:  // flip a bit
        if (!b.empty()) b[below(b.size())] ^= static_cast<uint8_t>(1u << below(8));
        break;
      case 1:  // overwrite a byte
        if (!b.empty()) b[below(b.size())] = static_cast<uint8_t>(below(256));
        break;
      case 2: {  // insert a token
        const std::string& t = kTokens[below(kTokens.size())];
        b.insert(b.begin() + pos, t.begin(), t.end());
        break;
      }
      case 3:  // erase a range
        if (!b.empty())
          b.erase(b.begin() + pos, b.begin() + std::min(b.size(), pos + 1 + below(8)));
        break;
      case 4:  // truncate
        b.resize(below(b.size() + 1));
        break;
      case 5: {  // splice in part of another input
        if (corpus.empty()) break;
        const Bytes& other = corpus[below(corpus.size())];
        const size_t from = below(other.size() + 1);
        const size_t len = below(other.size() - from + 1);
        b.insert(b.begin() + pos, other.begin() + from, other.begin() + from + len);
        break;
      }
      default:  // insert a random byte
        b.insert(b.begin() + pos, static_cast<uint8_t>(below(256)));
        break;
    }
  }

  std::mt19937_64 rng_;
  size_t max_len_;
};

}  // namespace

int main(int argc, char** argv) {
  size_t runs = 10000;
  double seconds = 30;
  uint64_t seed = 20170623;
  size_t max_len = 4096;
  std::vector<std::filesystem::path> roots;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--runs" && has_value) {
      runs = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--seconds" && has_value) {
      seconds = std::strtod(argv[++i], nullptr);
    } else if (arg == "--seed" && has_value) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--max-len" && has_value) {
      max_len = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "fuzz driver: unknown option %s\n", arg.c_str());
      return 2;
    } else {
      roots.emplace_back(arg);
    }
  }
  signal(SIGABRT, dump_current_input);
  signal(SIGSEGV, dump_current_input);

  const auto start = std::chrono::steady_clock::now();
  const std::vector<Bytes> corpus = load_corpus(roots);
  for (const Bytes& input : corpus) run(input);

  Mutator mutator(seed, max_len);
  size_t done = 0;
  for (; done < runs; ++done) {
    // Checking the clock every 256 inputs keeps it out of the profile.
    if (done % 256 == 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > seconds) {
      break;
    }
    run(mutator.mutate(corpus));
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("fuzz driver: %zu corpus inputs and %zu mutated inputs (seed %llu) in %.1f s\n",
              corpus.size(), done, static_cast<unsigned long long>(seed), elapsed);
  if (corpus.empty()) {
    std::fprintf(stderr, "fuzz driver: empty corpus; pass the seed directory\n");
    return 2;
  }
  return 0;
}
