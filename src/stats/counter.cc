#include "stats/counter.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "stats/classify.h"
#include "stats/repository.h"

namespace congtin::stats {
namespace {

constexpr DayNumber kNoDay = std::numeric_limits<DayNumber>::min();
constexpr std::int64_t kOnlineCacheSeconds = 5;
constexpr std::size_t kMaxAddressBytes = 64;

// A sum spread over cache lines, so that threads counting at once do not fight over one.
class Striped {
 public:
  void add(std::int64_t n) { cells_[index()].v.fetch_add(n, std::memory_order_relaxed); }
  std::int64_t take() {
    std::int64_t sum = 0;
    for (Cell& c : cells_) sum += c.v.exchange(0, std::memory_order_relaxed);
    return sum;
  }
  std::int64_t peek() const {
    std::int64_t sum = 0;
    for (const Cell& c : cells_) sum += c.v.load(std::memory_order_relaxed);
    return sum;
  }

 private:
  static constexpr std::size_t kCells = 16;
  struct alignas(64) Cell {
    std::atomic<std::int64_t> v{0};
  };
  static std::size_t index() {
    static std::atomic<std::size_t> next{0};
    thread_local const std::size_t i = next.fetch_add(1, std::memory_order_relaxed) % kCells;
    return i;
  }
  std::array<Cell, kCells> cells_;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

std::uint64_t keyed_hash(const unsigned char* key, char tag, std::string_view a,
                         std::string_view b) {
  unsigned char buf[2 + kMaxAddressBytes + kMaxUserAgentBytes];
  a = a.substr(0, kMaxAddressBytes);
  b = b.substr(0, kMaxUserAgentBytes);
  std::size_t n = 0;
  buf[n++] = static_cast<unsigned char>(tag);
  std::memcpy(buf + n, a.data(), a.size());
  n += a.size();
  buf[n++] = 0;  // separator: ("1.2.3.4", "5x") and ("1.2.3.45", "x") differ
  std::memcpy(buf + n, b.data(), b.size());
  n += b.size();
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, buf, n, key);
  std::uint64_t h;
  std::memcpy(&h, out, sizeof h);
  return h;
}

void merge_into(std::vector<PendingDay>& out, PendingDay&& p) {
  if (p.empty()) return;
  for (PendingDay& q : out) {
    if (q.day != p.day) continue;
    q.visits += p.visits;
    q.views += p.views;
    for (auto& [k, v] : p.paths) q.paths[k] += v;
    for (auto& [k, v] : p.keys) q.keys[k] += v;
    return;
  }
  out.push_back(std::move(p));
}

}  // namespace

struct Counter::Slot {
  explicit Slot(const CounterOptions& o)
      : visitors(o.max_visitors_per_day), addresses(o.max_visitors_per_day) {}

  std::atomic<DayNumber> day{kNoDay};
  unsigned char key[crypto_shorthash_KEYBYTES] = {};  // the day's salt; memory only
  ShardedTable visitors;   // a = views today, b = last hit (unix seconds, mod 2^32)
  ShardedTable addresses;  // a = distinct visitors today
  Striped visits;
  Striped views;

  struct alignas(64) PathShard {
    std::mutex mu;
    std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>> counts;
  };
  std::array<PathShard, 16> paths;
  std::atomic<std::size_t> path_count{0};

  std::mutex keys_mu;
  std::map<std::pair<std::string, std::string>, std::int64_t> keys;
  std::size_t key_count = 0;  // guarded by keys_mu
};

Counter::Counter(CounterOptions options) : options_(std::move(options)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  for (auto& s : slots_) s = std::make_unique<Slot>(options_);
}

Counter::~Counter() {
  for (auto& s : slots_) sodium_memzero(s->key, sizeof s->key);
}

Counter::Slot* Counter::slot_for(DayNumber d) {
  Slot& s = *slots_[static_cast<std::size_t>(d & 1)];
  DayNumber cur = s.day.load(std::memory_order_acquire);
  if (cur == d) return &s;
  if (cur > d) return nullptr;  // a hit stamped two days ago: too late to count
  std::lock_guard lock(roll_mu_);
  cur = s.day.load(std::memory_order_relaxed);
  if (cur == d) return &s;
  if (cur > d) return nullptr;
  // The slot holds the day before yesterday (or nothing): keep its uncollected counts for
  // the next take(), forget its visitors and its salt, and start the new day.
  if (cur != kNoDay) move_pending(s, leftover_);
  s.visitors.clear();
  s.addresses.clear();
  randombytes_buf(s.key, sizeof s.key);
  s.day.store(d, std::memory_order_release);
  return &s;
}

Outcome Counter::record(const Hit& hit, Seconds now) {
  const DayNumber d = day_of(now);
  Slot* s = slot_for(d);
  auto refuse = [this] {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return Outcome::kNotCounted;
  };
  if (s == nullptr) return refuse();
  const auto stamp = static_cast<std::uint32_t>(now.time_since_epoch().count());
  const std::uint32_t max_views = options_.max_views_per_visitor;

  auto count_path = [&] {
    if (options_.item_prefix.empty() || !hit.path.starts_with(options_.item_prefix)) return;
    Slot::PathShard& ps = s->paths[std::hash<std::string_view>{}(hit.path) % s->paths.size()];
    std::lock_guard lock(ps.mu);
    if (auto it = ps.counts.find(hit.path); it != ps.counts.end()) {
      ++it->second;
    } else if (s->path_count.fetch_add(1, std::memory_order_relaxed) < options_.max_paths) {
      ps.counts.emplace(std::string(hit.path), 1);
    }
  };

  const std::uint64_t hv = keyed_hash(s->key, 'v', hit.address, hit.user_agent);
  bool viewed = false;
  if (s->visitors.update(hv, [&](TableSlot& e) {
        e.b = stamp;
        if (e.a < max_views) viewed = (++e.a, true);
      })) {
    if (!viewed) return refuse();
    s->views.add(1);
    count_path();
    return Outcome::kRepeatView;
  }

  // A new visitor (as far as this day knows): within its address's share?
  const std::uint64_t ha = keyed_hash(s->key, 'a', hit.address, {});
  bool allowed = false;
  if (!s->addresses.upsert(ha, [&](TableSlot& e, bool) {
        if (e.a < options_.max_visitors_per_address) allowed = (++e.a, true);
      }) ||
      !allowed)
    return refuse();
  bool inserted = false;
  if (!s->visitors.upsert(hv, [&](TableSlot& e, bool ins) {
        inserted = ins;
        e.b = stamp;
        if (e.a < max_views) viewed = (++e.a, true);
      }) ||
      !viewed)
    return refuse();
  s->views.add(1);
  count_path();
  if (!inserted) return Outcome::kRepeatView;  // the same visitor's other request won the race
  s->visits.add(1);
  {
    std::lock_guard lock(s->keys_mu);
    auto bump = [&](std::string_view kind, std::string_view key) {
      auto k = std::make_pair(std::string(kind), std::string(key));
      if (auto it = s->keys.find(k); it != s->keys.end()) {
        ++it->second;
      } else if (s->key_count < options_.max_keys) {
        ++s->key_count;
        s->keys.emplace(std::move(k), 1);
      } else if (kind == kReferrer) {
        ++s->keys[{std::string(kReferrer), "(khác)"}];
      }
    };
    bump(kBrowser, browser_of(hit.user_agent));
    bump(kDevice, device_of(hit.user_agent));
    if (!hit.referrer_host.empty()) bump(kReferrer, hit.referrer_host);
  }
  return Outcome::kNewVisit;
}

void Counter::move_pending(Slot& s, std::vector<PendingDay>& out) {
  PendingDay p;
  p.day = s.day.load(std::memory_order_relaxed);
  p.visits = s.visits.take();
  p.views = s.views.take();
  for (Slot::PathShard& ps : s.paths) {
    std::lock_guard lock(ps.mu);
    for (auto& [k, v] : ps.counts) p.paths[k] += v;
    ps.counts.clear();
  }
  s.path_count.store(0, std::memory_order_relaxed);
  {
    std::lock_guard lock(s.keys_mu);
    p.keys.swap(s.keys);
    s.key_count = 0;
  }
  merge_into(out, std::move(p));
}

std::vector<PendingDay> Counter::take() {
  std::lock_guard lock(roll_mu_);
  std::vector<PendingDay> out;
  out.swap(leftover_);
  for (auto& s : slots_)
    if (s->day.load(std::memory_order_acquire) != kNoDay) move_pending(*s, out);
  std::sort(out.begin(), out.end(),
            [](const PendingDay& a, const PendingDay& b) { return a.day < b.day; });
  return out;
}

void Counter::restore(std::vector<PendingDay> days) {
  std::lock_guard lock(roll_mu_);
  for (PendingDay& p : days) merge_into(leftover_, std::move(p));
}

std::pair<std::int64_t, std::int64_t> Counter::pending(DayNumber d) const {
  std::lock_guard lock(roll_mu_);
  std::int64_t visits = 0, views = 0;
  for (const PendingDay& p : leftover_) {
    if (p.day != d) continue;
    visits += p.visits;
    views += p.views;
  }
  for (const auto& s : slots_) {
    if (s->day.load(std::memory_order_acquire) != d) continue;
    visits += s->visits.peek();
    views += s->views.peek();
  }
  return {visits, views};
}

std::int64_t Counter::pending_total_visits() const {
  std::lock_guard lock(roll_mu_);
  std::int64_t visits = 0;
  for (const PendingDay& p : leftover_) visits += p.visits;
  for (const auto& s : slots_) visits += s->visits.peek();
  return visits;
}

std::int64_t Counter::pending_path_views(std::string_view path) const {
  std::lock_guard lock(roll_mu_);
  std::int64_t views = 0;
  for (const PendingDay& p : leftover_)
    if (auto it = p.paths.find(std::string(path)); it != p.paths.end()) views += it->second;
  for (const auto& s : slots_) {
    Slot::PathShard& ps = s->paths[std::hash<std::string_view>{}(path) % s->paths.size()];
    std::lock_guard shard_lock(ps.mu);
    if (auto it = ps.counts.find(path); it != ps.counts.end()) views += it->second;
  }
  return views;
}

std::int64_t Counter::online(Seconds now) {
  const std::int64_t t = now.time_since_epoch().count();
  const std::int64_t at = online_at_.load(std::memory_order_acquire);
  if (at >= 0 && t >= at && t - at < kOnlineCacheSeconds)
    return online_value_.load(std::memory_order_relaxed);
  std::unique_lock lock(online_mu_, std::try_to_lock);
  if (!lock.owns_lock()) return online_value_.load(std::memory_order_relaxed);
  const DayNumber today = day_of(now);
  const auto since = static_cast<std::uint32_t>(t - options_.online_window.count());
  const auto stamp_now = static_cast<std::uint32_t>(t);
  std::int64_t n = 0;
  for (const auto& s : slots_) {
    const DayNumber d = s->day.load(std::memory_order_acquire);
    if (d != today && d != today - 1) continue;
    // Differences of 32-bit stamps stay right across the 2106 wrap.
    s->visitors.for_each([&](const TableSlot& e) {
      if (static_cast<std::uint32_t>(e.b - since) <= stamp_now - since) ++n;
    });
  }
  online_value_.store(n, std::memory_order_relaxed);
  online_at_.store(t, std::memory_order_release);
  return n;
}

}  // namespace congtin::stats
