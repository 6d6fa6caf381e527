// The SQL of the visitor statistics migration, kept beside its repository; migrations.cc lists
// it in order with the others. Never edit it once released: change it with a new migration.
#pragma once

#include <string_view>

namespace congtin::store::sqlite {

// Daily aggregates only: no address, user agent, visitor hash or salt is ever stored. Days are
// Vietnam calendar days as "YYYY-MM-DD" text (orders like the calendar). article_id has no
// foreign key: the counts of a deleted article stay, and ids are never reused.
inline constexpr std::string_view kStatsSchema = R"sql(
CREATE TABLE stats_days (
  day    TEXT PRIMARY KEY,
  visits INTEGER NOT NULL DEFAULT 0,
  views  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE stats_article_days (
  article_id INTEGER NOT NULL,
  day        TEXT NOT NULL,
  views      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, day)
) WITHOUT ROWID;
CREATE INDEX stats_article_days_day ON stats_article_days(day);

-- kind: 'browser', 'device' or 'referrer' (stats/repository.h); counted once per visit.
CREATE TABLE stats_key_days (
  kind   TEXT NOT NULL,
  day    TEXT NOT NULL,
  key    TEXT NOT NULL,
  visits INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, day, key)
) WITHOUT ROWID;
)sql";

}  // namespace congtin::store::sqlite
