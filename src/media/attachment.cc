#include "media/attachment.h"

#include <zip.h>

#include <memory>
#include <string>

namespace congtin::media {
namespace {

constexpr std::string_view kAccepted =
    "Chỉ nhận ảnh JPEG, PNG, WebP, GIF và tệp đính kèm PDF, DOCX (Word) hoặc XLSX (Excel)";
constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr zip_int64_t kMaxEntries = 20000;

struct ZipClose {
  void operator()(zip_t* z) const { zip_discard(z); }
};

Error refused(std::string_view why) {
  return Error::invalid(std::string(why) + " " + std::string(kAccepted) + ".");
}

Result<std::string_view> check_ooxml(std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (src == nullptr) {
    zip_error_fini(&err);
    return Error::internal("libzip cannot read a buffer");
  }
  std::unique_ptr<zip_t, ZipClose> zip(zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err));
  zip_error_fini(&err);
  if (!zip) {
    zip_source_free(src);  // not taken over when the open failed
    return refused("Tệp nén bị hỏng hoặc không phải tài liệu Office.");
  }
  const zip_int64_t n = zip_get_num_entries(zip.get(), 0);
  if (n <= 0 || n > kMaxEntries) return refused("Tệp nén không phải tài liệu Office.");
  auto has = [&](const char* name) { return zip_name_locate(zip.get(), name, 0) >= 0; };
  if (!has("[Content_Types].xml")) return refused("Tệp nén không phải tài liệu Office.");
  if (has("word/vbaProject.bin") || has("xl/vbaProject.bin"))
    return refused("Tài liệu có macro (VBA) không được nhận vì lý do an toàn.");
  if (has("word/document.xml")) return std::string_view("docx");
  if (has("xl/workbook.xml")) return std::string_view("xlsx");
  return refused("Tài liệu Office này không phải Word (DOCX) hay Excel (XLSX).");
}

}  // namespace

bool looks_like_attachment(std::string_view bytes) {
  return bytes.starts_with("%PDF-") || bytes.starts_with(kZipMagic);
}

Result<std::string_view> check_attachment(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes) {
    return Error::invalid("Tệp lớn hơn giới hạn " + std::to_string(max_bytes >> 20) +
                          " MiB. Hãy giảm kích thước tệp rồi tải lên lại.");
  }
  if (bytes.starts_with("%PDF-")) {
    const std::string_view tail = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
    if (tail.find("%%EOF") == std::string_view::npos)
      return refused("Tệp PDF bị cắt cụt hoặc bị hỏng (không có dấu kết thúc %%EOF).");
    return std::string_view("pdf");
  }
  if (bytes.starts_with(kZipMagic)) return check_ooxml(bytes);
  return refused("Loại tệp này không được nhận (tên tệp không được tính, chỉ xét nội dung).");
}

}  // namespace congtin::media
