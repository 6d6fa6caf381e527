// QR codes for TOTP enrolment, drawn by libqrencode and emitted as inline SVG (one path).
#include <qrencode.h>

#include <memory>
#include <string>

#include "admin/internal.h"

namespace congtin::admin {

std::string qr_svg(std::string_view text) {
  const std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(s.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) return {};
  const int w = code->width, quiet = 4, size = w + 2 * quiet;
  std::string path;
  for (int y = 0; y < w; ++y) {
    for (int x = 0; x < w; ++x) {
      if (code->data[y * w + x] & 1) {  // bit 0: dark module
        path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
      }
    }
  }
  const std::string dim = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + dim + " " + dim +
         "\" width=\"220\" height=\"220\" role=\"img\" aria-label=\"Mã QR để quét bằng ứng dụng "
         "xác thực\" shape-rendering=\"crispEdges\"><rect width=\"" +
         dim + "\" height=\"" + dim + "\" fill=\"#fff\"/><path d=\"" + path +
         "\" fill=\"#000\"/></svg>";
}

}  // namespace congtin::admin
