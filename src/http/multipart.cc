#include "http/multipart.h"

#include <utility>

namespace congtin::http {
namespace {

Error bad(std::string_view why) {
  return Error::invalid("Dữ liệu tải lên không đúng định dạng multipart/form-data: " +
                        std::string(why));
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

// A header value "type; a=1; b="two"": the leading token and the parameters (names lower
// case, first occurrence wins). nullopt on an unterminated quoted string or a stray byte.
struct HeaderValue {
  std::string type;
  std::vector<std::pair<std::string, std::string>> params;

  std::optional<std::string> param(std::string_view name) const {
    for (const auto& [n, v] : params)
      if (n == name) return v;
    return std::nullopt;
  }
};

std::optional<HeaderValue> parse_header_value(std::string_view s) {
  HeaderValue out;
  std::size_t i = s.find(';');
  out.type = std::string(trim_ows(s.substr(0, i)));
  for (char& c : out.type) c = ascii_lower(c);
  while (i != std::string_view::npos && i < s.size()) {
    ++i;  // past ';'
    while (i < s.size() && is_ows(s[i])) ++i;
    if (i == s.size()) break;  // a trailing ';'
    const std::size_t eq = s.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string name(trim_ows(s.substr(i, eq - i)));
    if (name.empty() || name.find(';') != std::string::npos) return std::nullopt;
    for (char& c : name) c = ascii_lower(c);
    i = eq + 1;
    while (i < s.size() && is_ows(s[i])) ++i;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      ++i;
      bool closed = false;
      while (i < s.size()) {
        char c = s[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < s.size()) c = s[i++];
        value.push_back(c);
      }
      if (!closed) return std::nullopt;
      while (i < s.size() && is_ows(s[i])) ++i;
      if (i < s.size() && s[i] != ';') return std::nullopt;
    } else {
      const std::size_t end = s.find(';', i);
      value = std::string(trim_ows(s.substr(i, end == std::string_view::npos ? end : end - i)));
      i = end;
    }
    bool seen = false;
    for (const auto& p : out.params) seen = seen || p.first == name;
    if (!seen) out.params.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

// RFC 2046 bchars: digits, letters, '()+_,-./:=? and space (not last).
bool valid_boundary(std::string_view b) {
  if (b.empty() || b.size() > 70 || b.back() == ' ') return false;
  for (char c : b) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && std::string_view("'()+_,-./:=? ").find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  auto v = parse_header_value(content_type);
  if (!v || v->type != "multipart/form-data")
    return bad("kiểu nội dung phải là multipart/form-data");
  auto b = v->param("boundary");
  if (!b || !valid_boundary(*b)) return bad("thiếu hoặc sai tham số boundary");
  return std::move(*b);
}

Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type,
                                                   std::string_view body,
                                                   const MultipartLimits& limits) {
  auto boundary = multipart_boundary(content_type);
  if (!boundary) return boundary.take_error();
  const std::string delimiter = "\r\n--" + *boundary;
  const std::string_view first = std::string_view(delimiter).substr(2);  // "--B" at the start

  std::size_t pos = 0;
  if (body.starts_with(first)) {
    pos = first.size();
  } else {
    const std::size_t d = body.find(delimiter);
    if (d == std::string_view::npos) return bad("không có dấu phân cách nào");
    pos = d + delimiter.size();
  }

  std::vector<MultipartPart> parts;
  for (;;) {
    // Just past a delimiter: the close delimiter, or padding and CRLF before a part.
    if (body.substr(pos, 2) == "--") return parts;
    while (pos < body.size() && is_ows(body[pos])) ++pos;
    if (body.substr(pos, 2) != "\r\n") return bad("dấu phân cách không kết thúc bằng CRLF");
    pos += 2;
    if (parts.size() == limits.max_parts)
      return bad("quá " + std::to_string(limits.max_parts) + " trường");

    MultipartPart part;
    bool has_disposition = false;
    std::size_t header_bytes = 0;
    for (;;) {
      const std::size_t eol = body.find("\r\n", pos);
      if (eol == std::string_view::npos) return bad("phần đầu của một trường bị cắt cụt");
      const std::string_view line = body.substr(pos, eol - pos);
      header_bytes += line.size() + 2;
      if (header_bytes > limits.max_header_bytes) return bad("phần đầu của một trường quá dài");
      pos = eol + 2;
      if (line.empty()) break;
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0 || is_ows(line.front()))
        return bad("dòng tiêu đề không hợp lệ");
      const std::string_view name = line.substr(0, colon);
      const std::string_view value = trim_ows(line.substr(colon + 1));
      if (iequals(name, "Content-Disposition")) {
        if (has_disposition) return bad("một trường có hai tiêu đề Content-Disposition");
        auto v = parse_header_value(value);
        if (!v || v->type != "form-data") return bad("Content-Disposition không phải form-data");
        auto field = v->param("name");
        if (!field) return bad("một trường không có tên");
        part.name = std::move(*field);
        part.filename = v->param("filename");
        has_disposition = true;
      } else if (iequals(name, "Content-Type")) {
        part.content_type = std::string(value);
      }
    }
    if (!has_disposition) return bad("một trường thiếu tiêu đề Content-Disposition");

    const std::size_t end = body.find(delimiter, pos);
    if (end == std::string_view::npos) return bad("nội dung bị cắt cụt (thiếu dấu kết thúc)");
    part.data = body.substr(pos, end - pos);
    parts.push_back(std::move(part));
    pos = end + delimiter.size();
  }
}

const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace congtin::http
