// ImportFile: reads a JSON Lines import file line by line with a bound on each line, so that
// a huge or binary file costs bounded memory. Blank lines are skipped. Not thread-safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "content/article_service.h"
#include "content/import.h"
#include "core/result.h"
#include "media/media_store.h"

namespace congtin::cli {

struct ImportCheck {
  std::size_t records = 0;          // non-blank lines
  std::size_t valid = 0;
  std::vector<std::string> errors;  // the first max_errors messages, each naming its line
  std::size_t error_count = 0;
};

class ImportFile {
 public:
  explicit ImportFile(std::filesystem::path file) : file_(std::move(file)) {}

  // Reads the whole file and validates every line; kNotFound/kIo if the file cannot be read.
  Result<ImportCheck> check(std::size_t max_errors = 20) const;

  // Calls fn for each valid record in file order; stops at the first error fn returns.
  // Invalid lines are skipped (call check() first to refuse them).
  Status for_each_valid(const std::function<Status(const content::ImportRecord&)>& fn) const;

 private:
  // Calls fn(line_no, line) for every non-blank line; a line over the bound is passed on
  // truncated to one byte past the bound, so the parser reports it as too long.
  Status read_lines(const std::function<Status(std::size_t, std::string_view)>& fn) const;

  std::filesystem::path file_;
};

// Resolves image references of an import: "/media/…" URLs that exist are kept; other paths
// are files relative to base_dir, stored in media by content. Remote URLs are refused: the
// site never makes its visitors fetch from another host, and import does not download.
content::ArticleService::ImageResolver image_resolver(media::MediaStore& media,
                                                      std::filesystem::path base_dir);

}  // namespace congtin::cli
