#include "media/attachment.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <stdexcept>
#include <string>

namespace congtin::media {
namespace {

// A ZIP archive with these entries, made with libzip in memory.
std::string make_zip(const std::map<std::string, std::string>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(buf);
  zip_t* z = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
  if (z == nullptr) throw std::runtime_error("zip_open_from_source");
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    if (zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) throw std::runtime_error("add");
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close");
  zip_source_open(buf);
  zip_source_seek(buf, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buf);
  zip_source_seek(buf, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(buf, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buf);
  zip_source_free(buf);
  zip_error_fini(&err);
  return out;
}

const std::string kTypes = "<?xml version=\"1.0\"?><Types/>";

TEST(CheckAttachment, AcceptsByContent) {
  const std::string pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  const std::string docx =
      make_zip({{"[Content_Types].xml", kTypes}, {"word/document.xml", "<w:document/>"}});
  const std::string xlsx =
      make_zip({{"[Content_Types].xml", kTypes}, {"xl/workbook.xml", "<workbook/>"}});
  const struct {
    const char* name;
    std::string bytes;
    const char* ext;
  } cases[] = {{"pdf", pdf, "pdf"}, {"docx", docx, "docx"}, {"xlsx", xlsx, "xlsx"}};
  for (const auto& c : cases) {
    auto r = check_attachment(c.bytes);
    ASSERT_TRUE(r) << c.name << ": " << r.error().message;
    EXPECT_EQ(*r, c.ext);
    EXPECT_TRUE(looks_like_attachment(c.bytes));
  }
}

TEST(CheckAttachment, RefusesOthersNamingWhatIsAccepted) {
  std::string exe = "MZ\x90";
  exe += std::string(61, '\0') + "This program cannot be run in DOS mode.";
  const struct {
    const char* name;
    std::string bytes;
    const char* says;
  } cases[] = {
      {"exe renamed .pdf", exe, "Loại tệp này không được nhận"},
      {"old .doc (OLE)", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "....",
       "Loại tệp này không được nhận"},
      {"truncated pdf", "%PDF-1.4\n1 0 obj <<>>", "%%EOF"},
      {"plain zip", make_zip({{"readme.txt", "xin chào"}}), "không phải tài liệu Office"},
      {"docm (macros)",
       make_zip({{"[Content_Types].xml", kTypes},
                 {"word/document.xml", "<w:document/>"},
                 {"word/vbaProject.bin", "macro"}}),
       "macro"},
      {"pptx", make_zip({{"[Content_Types].xml", kTypes}, {"ppt/presentation.xml", "<p/>"}}),
       "không phải Word (DOCX) hay Excel (XLSX)"},
      {"broken zip", std::string("PK\x03\x04", 4) + std::string(100, '\x01'), "bị hỏng"},
  };
  for (const auto& c : cases) {
    auto r = check_attachment(c.bytes);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument) << c.name;
    EXPECT_NE(r.error().message.find(c.says), std::string::npos)
        << c.name << ": " << r.error().message;
    EXPECT_NE(r.error().message.find("PDF, DOCX (Word) hoặc XLSX (Excel)"), std::string::npos)
        << c.name;
  }
}

TEST(CheckAttachment, RefusesOversized) {
  const std::string pdf = "%PDF-1.7\n" + std::string(2000, ' ') + "%%EOF";
  auto r = check_attachment(pdf, 1000);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("lớn hơn giới hạn"), std::string::npos);
}

}  // namespace
}  // namespace congtin::media
