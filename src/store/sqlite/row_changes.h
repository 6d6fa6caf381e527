// Small helpers of the site and category repositories: change one row by id, renumber
// positions. Internal to store/sqlite/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"
#include "store/sqlite/connection_pool.h"
#include "store/sqlite/db.h"

namespace congtin::store::sqlite {

// Runs one UPDATE or DELETE bound to ?1 = id (and whatever bind() adds); kNotFound with
// `missing` when no row had that id.
template <class Bind>
inline Status change_one(ConnectionPool& pool, std::string_view sql, content::Id id,
                         std::string missing, Bind bind) {
  auto conn = pool.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(sql);
  if (!stmt) return stmt.take_error();
  stmt->bind(1, id);
  bind(*stmt);
  if (Status st = stmt->run(); !st) return st;
  if ((*conn)->changes() == 0) return Error::not_found(std::move(missing));
  return {};
}

// Positions 0, 1, 2... in the order of ids, in one transaction (a savepoint inside another).
inline Status set_positions(ConnectionPool& pool, std::string_view sql,
                            const std::vector<content::Id>& ids, std::string_view what) {
  auto conn = pool.this_thread();
  if (!conn) return conn.take_error();
  auto tx = Transaction::begin(**conn);
  if (!tx) return tx.take_error();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Status st = change_one(pool, sql, ids[i],
                           std::string(what) + " " + std::to_string(ids[i]) + " does not exist",
                           [&](Statement& s) { s.bind(2, static_cast<std::int64_t>(i)); });
    if (!st) return st;
  }
  return tx->commit();
}

}  // namespace congtin::store::sqlite
