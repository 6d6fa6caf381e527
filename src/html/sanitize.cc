#include "html/sanitize.h"

#include <algorithm>

#include <fmt/format.h>
#include <unicode/utf8.h>

#include "html/node.h"
#include "html/parse.h"

namespace congtin::html {
namespace {

constexpr int kMinDepth = 8;  // room for table > tbody > tr > td > p > strong > a
constexpr int kMaxDepth = 256;

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());  // max_input_bytes keeps this in range
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::string_view::npos;
}

}  // namespace

Result<std::string> sanitize(std::string_view html, const SanitizeOptions& opts) {
  if (html.size() > opts.max_input_bytes) {
    return Error::invalid(fmt::format(
        "Nội dung HTML quá lớn ({} byte); tối đa {} byte. Hãy chia bài thành nhiều phần "
        "hoặc bỏ bớt ảnh nhúng.",
        html.size(), opts.max_input_bytes));
  }
  if (std::size_t bad = first_invalid_utf8(html); bad != std::string_view::npos) {
    return Error::invalid(fmt::format(
        "Nội dung HTML không phải UTF-8 hợp lệ (byte lỗi đầu tiên ở vị trí {}). Hãy lưu tệp "
        "với bảng mã UTF-8 rồi nhập lại.",
        bad));
  }
  int depth = std::clamp(opts.max_depth, kMinDepth, kMaxDepth);
  std::vector<Node> tree;
  {
    std::unique_ptr<ParsedHtml> doc = parse_html(html);
    if (doc == nullptr) {
      return Error::invalid(
          "Nội dung HTML lồng nhau quá sâu hoặc quá phức tạp để xử lý. Hãy dán lại từng "
          "phần, hoặc dán dưới dạng văn bản thuần.");
    }
    tree = build_tree(doc->body(), opts.rewrite_img_src, depth);
  }
  return serialize(normalize(tree, depth));
}

}  // namespace congtin::html
