// ShardedTable: a bounded set of 64-bit keys, each with two small counters, for the visitor
// counter's hot path.
//
// Keys are keyed hashes (uniformly spread), so the table splits them into kShards shards by
// their top bits, each an open-addressing array (linear probing) behind its own mutex: two
// requests contend only when their visitors land in the same shard, and a lock is held for a
// probe of a few slots. A slot is 16 bytes; a shard grows by doubling while it is under 60 %
// full, up to its share of `capacity` entries. Past that share, new keys are refused
// (upsert() returns false) while known keys keep working — the caller decides what a refused
// visitor means. Memory is therefore bounded by about capacity * 16 / 0.6 * 2 bytes at worst.
//
// Key 0 marks an empty slot; callers map a hash of 0 to 1.
// Thread-safety: every method may be called from any thread. clear() must not race with a
// caller that still uses the table for the old day (the counter guarantees it; see counter.h).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace congtin::stats {

struct TableSlot {
  std::uint64_t key = 0;  // 0: empty
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};

class ShardedTable {
 public:
  static constexpr int kShards = 64;

  explicit ShardedTable(std::size_t capacity)
      : per_shard_cap_(capacity / kShards > 0 ? capacity / kShards : 1) {}

  // Finds key, or inserts it (a = b = 0) when absent and the shard has room, then calls
  // fn(TableSlot&, bool inserted) under the shard's lock. False when key was absent and
  // could not be inserted (fn is not called).
  template <class Fn>
  bool upsert(std::uint64_t key, Fn&& fn) {
    if (key == 0) key = 1;
    Shard& s = shard(key);
    std::lock_guard lock(s.mu);
    if (TableSlot* slot = probe(s, key); slot != nullptr && slot->key == key) {
      fn(*slot, false);
      return true;
    }
    if (s.used >= per_shard_cap_) return false;
    if ((s.used + 1) * 10 > s.slots.size() * 6) grow(s);
    TableSlot* slot = probe(s, key);
    slot->key = key;
    ++s.used;
    fn(*slot, true);
    return true;
  }

  // Calls fn(TableSlot&) under the shard's lock when key is stored; false when it is not.
  template <class Fn>
  bool update(std::uint64_t key, Fn&& fn) {
    if (key == 0) key = 1;
    Shard& s = shard(key);
    std::lock_guard lock(s.mu);
    TableSlot* slot = probe(s, key);
    if (slot == nullptr || slot->key != key) return false;
    fn(*slot);
    return true;
  }

  // Calls fn(const TableSlot&) for every stored key, one shard locked at a time.
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (const Shard& s : shards_) {
      std::lock_guard lock(s.mu);
      for (const TableSlot& slot : s.slots)
        if (slot.key != 0) fn(slot);
    }
  }

  // Drops every key and frees the memory.
  void clear() {
    for (Shard& s : shards_) {
      std::lock_guard lock(s.mu);
      std::vector<TableSlot>().swap(s.slots);
      s.used = 0;
    }
  }

  std::size_t size() const {
    std::size_t n = 0;
    for (const Shard& s : shards_) {
      std::lock_guard lock(s.mu);
      n += s.used;
    }
    return n;
  }

 private:
  struct alignas(64) Shard {
    mutable std::mutex mu;
    std::vector<TableSlot> slots;  // size 0 or a power of two
    std::size_t used = 0;
  };

  Shard& shard(std::uint64_t key) { return shards_[key >> 58]; }  // top 6 bits: 64 shards

  // The slot holding key, or the empty slot where it would go; null for an empty array.
  static TableSlot* probe(Shard& s, std::uint64_t key) {
    if (s.slots.empty()) return nullptr;
    const std::size_t mask = s.slots.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
      TableSlot& slot = s.slots[i];
      if (slot.key == key || slot.key == 0) return &slot;
    }
  }

  static void grow(Shard& s) {
    std::vector<TableSlot> old;
    old.swap(s.slots);
    s.slots.assign(old.empty() ? 64 : old.size() * 2, TableSlot{});
    for (const TableSlot& slot : old)
      if (slot.key != 0) *probe(s, slot.key) = slot;
  }

  const std::size_t per_shard_cap_;
  std::array<Shard, kShards> shards_;
};

}  // namespace congtin::stats
