// The SQL of the media library migration (media/repository.h), kept beside its repository;
// migrations.cc lists it in order with the others. Never edit it once released.
#pragma once

#include <string_view>

namespace congtin::store::sqlite {

// One row per stored file. url is unique because files are named by content hash; uploaded_by
// has no foreign key so that deleting a user keeps the record of who uploaded (uploader is the
// display name at the time). Times are UTC seconds.
inline constexpr std::string_view kMediaSchema = R"sql(
CREATE TABLE media (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('image', 'attachment')),
  url         TEXT NOT NULL UNIQUE,
  format      TEXT NOT NULL,
  file_name   TEXT NOT NULL DEFAULT '',
  bytes       INTEGER NOT NULL,
  width       INTEGER NOT NULL DEFAULT 0,
  height      INTEGER NOT NULL DEFAULT 0,
  thumb_url   TEXT NOT NULL DEFAULT '',
  srcset      TEXT NOT NULL DEFAULT '',
  webp_srcset TEXT NOT NULL DEFAULT '',
  alt         TEXT NOT NULL DEFAULT '',
  caption     TEXT NOT NULL DEFAULT '',
  uploaded_by INTEGER NOT NULL DEFAULT 0,
  uploader    TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE INDEX media_newest ON media(created_at DESC, id DESC);
)sql";

}  // namespace congtin::store::sqlite
