// The import format: one JSON object per line (JSON Lines), one article per object.
// Documented for operators in docs/import-format.md.
//
// parse_import_line validates one line completely and returns either a record ready for
// ArticleService::import_article or an error whose message names the line and the field:
//   line 12: field "published_at": expected ISO 8601 with an offset, e.g. 2017-06-23T08:30:00+07:00
// Pure and thread-safe; it touches no store and no file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"
#include "core/result.h"

namespace congtin::content {

inline constexpr std::size_t kMaxImportLineBytes = 4 * 1024 * 1024;

struct ImportRecord {
  std::size_t line = 0;
  std::string title;
  std::string lead;
  std::string body_html;  // body_text is turned into paragraphs here; not yet sanitised
  std::string category;   // category name; created if missing
  Time published_at{};
  std::string author;
  std::string author_unit;
  std::vector<std::string> tags;
  std::string slug;  // empty: made from the title
  std::string cover_image;  // as given: a path relative to the import file, or a /media/ URL
  std::string cover_caption;
  std::string cover_alt;
  std::string source;
  bool featured = false;
};

Result<ImportRecord> parse_import_line(std::string_view line, std::size_t line_no);

}  // namespace congtin::content
