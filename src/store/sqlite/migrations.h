// Schema migrations of the SQLite database.
//
// Migration N takes the schema from version N-1 to N; the version a file is at lives in
// PRAGMA user_version (0 for a new file). Each migration runs in its own transaction together
// with the bump of user_version, so a crash leaves the file at a whole version. Migrations are
// never edited once released: a change is a new migration appended to the list in
// migrations.cc.
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"
#include "store/sqlite/db.h"

namespace congtin::store::sqlite {

struct Migration {
  int version;            // 1, 2, 3... in order, no gaps
  std::string_view name;  // for logs: "initial schema"
  std::string_view sql;   // fixed DDL, may hold several statements
};

// Every migration this binary knows, in order.
std::span<const Migration> migrations();

// The version a fully migrated database is at.
int latest_schema_version();

// The file's current version (PRAGMA user_version).
Result<int> schema_version(Connection& c);

// Applies the pending migrations in order. kCorruption if the file's version is newer than
// latest_schema_version() (written by a newer congtin); kUnavailable if the database stays
// busy. Safe against another process migrating at the same time: the version is re-read
// under the write lock.
Status migrate(Connection& c);

}  // namespace congtin::store::sqlite
