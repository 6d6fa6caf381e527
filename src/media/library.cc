#include "media/library.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "text/vietnamese.h"

namespace congtin::media {
namespace {

// The last path segment of what the browser sent, cleaned; only ever shown, never a path.
std::string display_name(std::string_view file_name) {
  const std::size_t slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  auto cleaned = clean_text(file_name, 200, "tên tệp");
  if (!cleaned || cleaned->empty()) return "(không tên)";
  return std::move(*cleaned);
}

}  // namespace

Result<std::string> clean_text(std::string_view s, std::size_t max, std::string_view field_vi) {
  if (!text::is_valid_utf8(s))
    return Error::invalid(std::string(field_vi) + " không phải văn bản UTF-8 hợp lệ.");
  std::string no_controls;
  no_controls.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    no_controls.push_back(u < 0x20 || u == 0x7f ? ' ' : c);
  }
  std::string out = text::squash_spaces(text::to_nfc(no_controls));
  if (out.size() > max) {
    return Error::invalid(std::string(field_vi) + " dài quá " + std::to_string(max) +
                          " byte; hãy viết ngắn lại.");
  }
  return out;
}

std::string format_size(std::int64_t bytes) {
  auto one_decimal = [](double v, std::string_view unit) {
    const long tenths = std::lround(v * 10);
    std::string s = std::to_string(tenths / 10);
    if (tenths % 10 != 0) s += "," + std::to_string(tenths % 10);
    return s + " " + std::string(unit);
  };
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return one_decimal(static_cast<double>(bytes) / 1024, "KB");
  return one_decimal(static_cast<double>(bytes) / (1024 * 1024), "MB");
}

MediaLibrary::MediaLibrary(MediaRepository& repo, MediaStore& store, const Clock& clock,
                           LibraryOptions options)
    : repo_(repo), store_(store), clock_(clock), options_(std::move(options)) {}

Result<MediaItem> MediaLibrary::upload(std::string_view bytes, std::string_view file_name,
                                       std::string_view alt, std::string_view caption,
                                       const Uploader& who) {
  if (bytes.empty()) return Error::invalid("Tệp rỗng: hãy chọn một tệp có nội dung.");
  auto clean_alt = clean_text(alt, options_.max_alt_chars, "Mô tả ảnh (alt)");
  if (!clean_alt) return clean_alt.take_error();
  auto clean_caption = clean_text(caption, options_.max_caption_chars, "Chú thích");
  if (!clean_caption) return clean_caption.take_error();

  MediaItem item;
  item.file_name = display_name(file_name);
  item.alt = std::move(*clean_alt);
  item.caption = std::move(*clean_caption);
  item.uploaded_by = who.user_id;
  item.uploader = who.name;
  item.created_at = clock_.now().time_since_epoch().count();

  if (!looks_like_attachment(bytes) && !sniff_image(bytes)) {
    // Neither an image nor an attachment signature: the refusal names everything accepted.
    return check_attachment(bytes, options_.max_attachment_bytes).take_error();
  }
  if (looks_like_attachment(bytes)) {
    auto ext = check_attachment(bytes, options_.max_attachment_bytes);
    if (!ext) return ext.take_error();
    auto url = store_.put(bytes, *ext);
    if (!url) return url.take_error();
    item.kind = MediaKind::kAttachment;
    item.url = std::move(*url);
    item.format = std::string(*ext);
    item.bytes = static_cast<std::int64_t>(bytes.size());
  } else {
    auto image = process_image(bytes, options_.image);
    if (!image) return image.take_error();
    auto stored = store_.put_processed(*image);
    if (!stored) return stored.take_error();
    item.kind = MediaKind::kImage;
    item.url = stored->url;
    item.format = image->original.ext;
    item.bytes = static_cast<std::int64_t>(image->original.bytes.size());
    item.width = image->original.width;
    item.height = image->original.height;
    item.thumb_url = stored->thumb_url;
    item.srcset = stored->set.srcset;
    item.webp_srcset = stored->set.webp_srcset;
  }

  if (auto existing = repo_.by_url(item.url); existing)
    return existing;
  else if (existing.error().kind != ErrorKind::kNotFound)
    return existing.take_error();
  auto inserted = repo_.insert(item);
  // Two uploads of the same file at once: the loser returns the winner's row.
  if (!inserted && inserted.error().kind == ErrorKind::kConflict) return repo_.by_url(item.url);
  return inserted;
}

Result<MediaPage> MediaLibrary::list(int page) {
  auto total = repo_.count();
  if (!total) return total.take_error();
  MediaPage out;
  out.total = *total;
  const int size = std::max(1, options_.page_size);
  out.pages = std::max<int>(1, static_cast<int>((*total + size - 1) / size));
  out.page = std::clamp(page, 1, out.pages);
  auto items = repo_.list((out.page - 1) * size, size);
  if (!items) return items.take_error();
  out.items = std::move(*items);
  return out;
}

Result<MediaItem> MediaLibrary::get(std::int64_t id) { return repo_.by_id(id); }

Status MediaLibrary::update_text(std::int64_t id, std::string_view alt, std::string_view caption) {
  auto clean_alt = clean_text(alt, options_.max_alt_chars, "Mô tả ảnh (alt)");
  if (!clean_alt) return clean_alt.take_error();
  auto clean_caption = clean_text(caption, options_.max_caption_chars, "Chú thích");
  if (!clean_caption) return clean_caption.take_error();
  return repo_.update_text(id, *clean_alt, *clean_caption);
}

Status MediaLibrary::remove(std::int64_t id) {
  auto item = repo_.by_id(id);
  if (!item) return item.take_error();
  // Without the extension: a body may point at a variant ("<hash>-960.jpg") or the WebP.
  const std::string stem = item->url.substr(0, item->url.rfind('.'));
  auto uses = repo_.count_uses(stem);
  if (!uses) return uses.take_error();
  if (*uses > 0) {
    return Error::conflict("Không xóa được: tệp đang được dùng trong " + std::to_string(*uses) +
                           " bài viết hoặc phiên bản bài viết. Hãy gỡ tệp khỏi bài trước.");
  }
  return repo_.remove(id);
}

}  // namespace congtin::media
