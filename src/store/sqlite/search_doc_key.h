// The rowid of the SQLite search index (search_schema.h, migration 9): one int64 per indexed
// article that orders articles newest first and still names the article.
//
//   key = (kMaxTime - t) << kIdBits | (kMaxId - id)
//
// where t is the publication time in seconds shifted by kTimeOffset (so 1697–2242 map to
// 0..kMaxTime; times outside are clamped, which only affects their order among themselves)
// and id the article id (1..kMaxId). Ascending keys are newest first, and among articles
// published in the same second the larger id first — the order the site lists them in.
// "Published in [from, until)" is one key range (key_range()). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>

namespace congtin::store::sqlite {

inline constexpr int kIdBits = 29;
inline constexpr std::int64_t kMaxId = (std::int64_t{1} << kIdBits) - 1;  // 536,870,911
inline constexpr int kTimeBits = 34;
inline constexpr std::int64_t kMaxTime = (std::int64_t{1} << kTimeBits) - 1;
inline constexpr std::int64_t kTimeOffset = std::int64_t{1} << 33;

constexpr std::int64_t shifted_time(std::int64_t unix_seconds) {
  if (unix_seconds >= kMaxTime - kTimeOffset) return kMaxTime;
  if (unix_seconds <= -kTimeOffset) return 0;
  return unix_seconds + kTimeOffset;
}

// nullopt when id is outside 1..kMaxId.
constexpr std::optional<std::int64_t> doc_key(std::int64_t id, std::int64_t published_unix) {
  if (id < 1 || id > kMaxId) return std::nullopt;
  return ((kMaxTime - shifted_time(published_unix)) << kIdBits) | (kMaxId - id);
}

constexpr std::int64_t article_id_of(std::int64_t key) { return kMaxId - (key & kMaxId); }

// The keys of articles published at or after `from` and before `until` (unix seconds; nullopt:
// unbounded), as an inclusive range [first, last]; first > last when it is empty.
struct KeyRange {
  std::int64_t first, last;
};
constexpr KeyRange key_range(std::optional<std::int64_t> from, std::optional<std::int64_t> until) {
  // Newer articles have smaller keys: `until` bounds the first key, `from` the last.
  KeyRange r{0, (kMaxTime << kIdBits) | kMaxId};
  if (until) r.first = (kMaxTime - shifted_time(*until - 1)) << kIdBits;
  if (from) r.last = ((kMaxTime - shifted_time(*from)) << kIdBits) | kMaxId;
  return r;
}

}  // namespace congtin::store::sqlite
