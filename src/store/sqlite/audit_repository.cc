#include "store/sqlite/audit_repository.h"

#include <algorithm>

#include "store/sqlite/repositories.h"

namespace congtin::store::sqlite {

using content::AuditEntry;

Status SqliteAuditLog::append(const AuditEntry& e) {
  if (e.action.empty()) return Error::invalid("an audit entry needs an action");
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id, "
      "detail, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return stmt.take_error();
  stmt->bind(1, to_unix(e.at))
      .bind(2, e.actor_id)
      .bind(3, e.actor_name)
      .bind(4, e.action)
      .bind(5, e.target_type)
      .bind(6, e.target_id)
      .bind(7, e.detail)
      .bind(8, e.address);
  return stmt->run();
}

Result<std::vector<AuditEntry>> SqliteAuditLog::list(const content::AuditQuery& q) const {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "SELECT id, at, actor_id, actor_name, action, target_type, target_id, detail, address "
      "FROM audit_log WHERE (?1 IS NULL OR actor_id = ?1) AND (?2 = '' OR action = ?2) "
      "AND (?3 = '' OR target_type = ?3) AND (?4 IS NULL OR target_id = ?4) "
      "AND (?5 IS NULL OR at >= ?5) ORDER BY at DESC, id DESC LIMIT ?6 OFFSET ?7");
  if (!stmt) return stmt.take_error();
  std::optional<std::int64_t> since;
  if (q.since) since = to_unix(*q.since);
  stmt->bind(1, q.actor_id)
      .bind(2, q.action)
      .bind(3, q.target_type)
      .bind(4, q.target_id)
      .bind(5, since)
      .bind(6, static_cast<std::int64_t>(std::min<std::size_t>(q.limit, 1000)))
      .bind(7, static_cast<std::int64_t>(std::min<std::size_t>(q.offset, 1'000'000'000)));
  std::vector<AuditEntry> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) break;
    AuditEntry e;
    e.id = stmt->column_int64(0);
    e.at = from_unix(stmt->column_int64(1));
    e.actor_id = stmt->column_optional_int64(2);
    e.actor_name = stmt->column_string(3);
    e.action = stmt->column_string(4);
    e.target_type = stmt->column_string(5);
    e.target_id = stmt->column_optional_int64(6);
    e.detail = stmt->column_string(7);
    e.address = stmt->column_string(8);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace congtin::store::sqlite
