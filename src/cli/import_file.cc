#include "cli/import_file.h"

#include <cstdio>
#include <memory>

namespace congtin::cli {

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Status ImportFile::read_lines(
    const std::function<Status(std::size_t, std::string_view)>& fn) const {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(file_.c_str(), "rb"));
  if (!f) return Error::not_found("cannot open " + file_.string());
  const std::size_t bound = content::kMaxImportLineBytes + 1;
  std::string line;
  std::size_t line_no = 0;
  bool more = true;
  while (more) {
    line.clear();
    int c;
    while ((c = getc_unlocked(f.get())) != EOF && c != '\n')
      if (line.size() < bound) line.push_back(static_cast<char>(c));
    if (c == EOF) {
      if (std::ferror(f.get())) return Error::io("cannot read " + file_.string());
      more = false;
      if (line.empty()) break;
    }
    ++line_no;
    if (blank(line)) continue;
    if (auto s = fn(line_no, line); !s) return s;
  }
  return {};
}

Result<ImportCheck> ImportFile::check(std::size_t max_errors) const {
  ImportCheck check;
  auto s = read_lines([&](std::size_t line_no, std::string_view line) -> Status {
    ++check.records;
    auto r = content::parse_import_line(line, line_no);
    if (r) {
      ++check.valid;
    } else {
      ++check.error_count;
      if (check.errors.size() < max_errors) check.errors.push_back(r.error().message);
    }
    return {};
  });
  if (!s) return s.take_error();
  return check;
}

Status ImportFile::for_each_valid(
    const std::function<Status(const content::ImportRecord&)>& fn) const {
  return read_lines([&](std::size_t line_no, std::string_view line) -> Status {
    auto r = content::parse_import_line(line, line_no);
    if (!r) return {};
    return fn(*r);
  });
}

content::ArticleService::ImageResolver image_resolver(media::MediaStore& media,
                                                      std::filesystem::path base_dir) {
  return [&media, base_dir = std::move(base_dir)](std::string_view src) -> Result<std::string> {
    if (src.starts_with("/media/")) {
      const auto rel = std::filesystem::path(std::string(src.substr(7))).lexically_normal();
      if (rel.empty() || rel.is_absolute() || *rel.begin() == "..")
        return Error::invalid("\"" + std::string(src) + "\" is not a media path");
      if (!std::filesystem::is_regular_file(media.root() / rel))
        return Error::not_found("\"" + std::string(src) + "\" is not in the media library");
      return std::string(src);
    }
    if (src.find("://") != std::string_view::npos || src.starts_with("//") ||
        src.starts_with("data:"))
      return Error::invalid("\"" + std::string(src).substr(0, 200) +
                            "\": only local image files can be imported (copy the picture next "
                            "to the import file and give its relative path)");
    return media.put_image_file(base_dir / std::string(src));
  };
}

}  // namespace congtin::cli
