// SqliteAuditLog: content::AuditLog over the audit_log table (migration 3).
//
// Append-only at every level: this class only INSERTs and SELECTs, and triggers in the schema
// make any UPDATE or DELETE of audit_log fail ("the audit log is append-only"), whoever runs
// it. Runs on the calling thread's connection of the pool it borrows (so an append made inside
// a transaction on that pool is part of it). Thread-safe.
#pragma once

#include "content/audit.h"
#include "store/sqlite/connection_pool.h"

namespace congtin::store::sqlite {

class SqliteAuditLog final : public content::AuditLog {
 public:
  explicit SqliteAuditLog(ConnectionPool& pool) : pool_(pool) {}
  // kInvalidArgument for an entry without an action.
  Status append(const content::AuditEntry& entry) override;
  // Newest first (then highest id first); limit clamped to [0, 1000].
  Result<std::vector<content::AuditEntry>> list(const content::AuditQuery& query) const override;

 private:
  ConnectionPool& pool_;
};

}  // namespace congtin::store::sqlite
