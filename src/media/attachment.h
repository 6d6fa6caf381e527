// Attachments (PDF, DOCX, XLSX): accepted by what their bytes are, never by name.
//
// A PDF starts with "%PDF-" and ends (within its last KiB) with "%%EOF". A DOCX or XLSX is an
// OOXML package: a ZIP archive (read with libzip, central directory only — nothing is
// decompressed, so a ZIP bomb costs nothing) holding "[Content_Types].xml" and
// "word/document.xml" or "xl/workbook.xml". Packages with VBA macros (vbaProject.bin: .docm,
// .xlsm renamed) are refused. Anything else — an .exe renamed .pdf, an old .doc — is refused
// with a Vietnamese message naming what is accepted.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/result.h"

namespace congtin::media {

inline constexpr std::size_t kMaxAttachmentBytes = 20 * 1024 * 1024;

// The extension to store the bytes under ("pdf", "docx", "xlsx"), or kInvalidArgument.
Result<std::string_view> check_attachment(std::string_view bytes,
                                          std::size_t max_bytes = kMaxAttachmentBytes);

// True if the bytes look like an attachment rather than an image (PDF or ZIP signature):
// decides which check an upload goes through.
bool looks_like_attachment(std::string_view bytes);

}  // namespace congtin::media
