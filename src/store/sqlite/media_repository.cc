#include "store/sqlite/media_repository.h"

#include "store/sqlite/connection_pool.h"
#include "store/sqlite/migrations.h"

namespace congtin::store {
namespace {

using media::MediaItem;
using media::MediaKind;
using sqlite::ConnectionPool;
using sqlite::Statement;

constexpr std::string_view kColumns =
    "id, kind, url, format, file_name, bytes, width, height, thumb_url, srcset, webp_srcset, alt, "
    "caption, uploaded_by, uploader, created_at";

MediaItem read_item(const Statement& s) {
  MediaItem m;
  m.id = s.column_int64(0);
  m.kind = s.column_text(1) == "attachment" ? MediaKind::kAttachment : MediaKind::kImage;
  m.url = s.column_string(2);
  m.format = s.column_string(3);
  m.file_name = s.column_string(4);
  m.bytes = s.column_int64(5);
  m.width = static_cast<int>(s.column_int64(6));
  m.height = static_cast<int>(s.column_int64(7));
  m.thumb_url = s.column_string(8);
  m.srcset = s.column_string(9);
  m.webp_srcset = s.column_string(10);
  m.alt = s.column_string(11);
  m.caption = s.column_string(12);
  m.uploaded_by = s.column_int64(13);
  m.uploader = s.column_string(14);
  m.created_at = s.column_int64(15);
  return m;
}

class SqliteMediaRepository final : public media::MediaRepository {
 public:
  explicit SqliteMediaRepository(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

  Result<MediaItem> insert(const MediaItem& m) override {
    auto conn = pool_->this_thread();
    if (!conn) return conn.take_error();
    auto st = (*conn)->prepare(
        "INSERT INTO media (kind, url, format, file_name, bytes, width, height, thumb_url, "
        "srcset, webp_srcset, alt, caption, uploaded_by, uploader, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!st) return st.take_error();
    st->bind(1, m.kind == MediaKind::kAttachment ? "attachment" : "image")
        .bind(2, m.url)
        .bind(3, m.format)
        .bind(4, m.file_name)
        .bind(5, m.bytes)
        .bind(6, m.width)
        .bind(7, m.height)
        .bind(8, m.thumb_url)
        .bind(9, m.srcset)
        .bind(10, m.webp_srcset)
        .bind(11, m.alt)
        .bind(12, m.caption)
        .bind(13, m.uploaded_by)
        .bind(14, m.uploader)
        .bind(15, m.created_at);
    if (Status s = st->run(); !s) return s.take_error();
    MediaItem out = m;
    out.id = (*conn)->last_insert_id();
    return out;
  }

  Result<MediaItem> by_id(std::int64_t id) override {
    auto st = prepare("SELECT " + std::string(kColumns) + " FROM media WHERE id = ?1");
    if (!st) return st.take_error();
    st->bind(1, id);
    return one(*st, "media " + std::to_string(id));
  }

  Result<MediaItem> by_url(std::string_view url) override {
    auto st = prepare("SELECT " + std::string(kColumns) + " FROM media WHERE url = ?1");
    if (!st) return st.take_error();
    st->bind(1, url);
    return one(*st, "media " + std::string(url));
  }

  Result<std::vector<MediaItem>> list(int offset, int limit) override {
    auto st = prepare("SELECT " + std::string(kColumns) +
                      " FROM media ORDER BY created_at DESC, id DESC LIMIT ?1 OFFSET ?2");
    if (!st) return st.take_error();
    st->bind(1, limit).bind(2, offset);
    std::vector<MediaItem> out;
    for (;;) {
      auto row = st->step();
      if (!row) return row.take_error();
      if (!*row) return out;
      out.push_back(read_item(*st));
    }
  }

  Result<std::int64_t> count() override {
    auto st = prepare("SELECT count(*) FROM media");
    if (!st) return st.take_error();
    auto row = st->step();
    if (!row) return row.take_error();
    return st->column_int64(0);
  }

  Status update_text(std::int64_t id, std::string_view alt, std::string_view caption) override {
    return change("UPDATE media SET alt = ?2, caption = ?3 WHERE id = ?1", id, alt, caption);
  }

  Status remove(std::int64_t id) override {
    return change("DELETE FROM media WHERE id = ?1", id, {}, {});
  }

  Result<std::int64_t> count_uses(std::string_view needle) override {
    auto st = prepare(
        "SELECT (SELECT count(*) FROM articles WHERE instr(cover_image, ?1) > 0 OR "
        "instr(body_html, ?1) > 0) + (SELECT count(*) FROM article_revisions WHERE "
        "instr(cover_image, ?1) > 0 OR instr(body_html, ?1) > 0)");
    if (!st) return st.take_error();
    st->bind(1, needle);
    auto row = st->step();
    if (!row) return row.take_error();
    return st->column_int64(0);
  }

 private:
  Result<Statement> prepare(std::string_view sql) {
    auto conn = pool_->this_thread();
    if (!conn) return conn.take_error();
    return (*conn)->prepare(sql);
  }

  static Result<MediaItem> one(Statement& st, const std::string& what) {
    auto row = st.step();
    if (!row) return row.take_error();
    if (!*row) return Error::not_found(what + " does not exist");
    return read_item(st);
  }

  // UPDATE/DELETE of one row by id; kNotFound when no row changed.
  Status change(std::string_view sql, std::int64_t id, std::string_view a, std::string_view b) {
    auto conn = pool_->this_thread();
    if (!conn) return conn.take_error();
    auto st = (*conn)->prepare(sql);
    if (!st) return st.take_error();
    st->bind(1, id);
    if (sql.find("?2") != std::string_view::npos) st->bind(2, a).bind(3, b);
    if (Status s = st->run(); !s) return s;
    if ((*conn)->changes() == 0)
      return Error::not_found("media " + std::to_string(id) + " does not exist");
    return {};
  }

  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace

Result<std::unique_ptr<media::MediaRepository>> open_sqlite_media(
    const std::filesystem::path& file) {
  auto pool = sqlite::open_existing_pool(file);
  if (!pool) return pool.take_error();
  auto conn = (*pool)->this_thread();
  if (!conn) return conn.take_error();
  if (Status s = sqlite::migrate(**conn); !s) return s.take_error();
  return std::unique_ptr<media::MediaRepository>(new SqliteMediaRepository(std::move(*pool)));
}

}  // namespace congtin::store
