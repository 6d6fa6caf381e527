#include "content/import.h"

#include <nlohmann/json.hpp>

#include <set>

#include "html/sanitize.h"
#include "text/date.h"
#include "text/vietnamese.h"

namespace congtin::content {

namespace {

using nlohmann::json;

struct FieldError {
  std::string field;
  std::string message;
};

// Limits on each field, in bytes of UTF-8 (a Vietnamese letter takes 1-3 bytes).
constexpr std::size_t kMaxTitle = 600;
constexpr std::size_t kMaxShort = 600;
constexpr std::size_t kMaxLead = 4000;
constexpr std::size_t kMaxBody = 2 * 1024 * 1024;
constexpr std::size_t kMaxTags = 20;
constexpr std::size_t kMaxTag = 120;

const std::set<std::string, std::less<>> kKnownFields = {
    "title",  "lead",        "body_html",     "body_text", "category",  "published_at",
    "author", "author_unit", "tags",          "slug",      "cover_image", "cover_caption",
    "cover_alt", "source",   "featured"};

// Reads an optional string field: absent or null gives "", anything but a string is an error.
std::optional<FieldError> get_string(const json& obj, const char* field, std::size_t max_bytes,
                                     std::string& out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) return FieldError{field, "expected a string"};
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes)
    return FieldError{field, "longer than " + std::to_string(max_bytes) + " bytes"};
  out = text::to_nfc(s);
  return std::nullopt;
}

std::optional<FieldError> fill(const json& obj, ImportRecord& r) {
  for (const auto& [key, value] : obj.items())
    if (!kKnownFields.contains(key)) return FieldError{key, "unknown field"};

  if (auto e = get_string(obj, "title", kMaxTitle, r.title)) return e;
  r.title = text::squash_spaces(r.title);
  if (r.title.empty()) return FieldError{"title", "required and must not be empty"};

  if (auto e = get_string(obj, "lead", kMaxLead, r.lead)) return e;
  r.lead = text::squash_spaces(r.lead);

  const bool has_html = obj.contains("body_html") && !obj["body_html"].is_null();
  const bool has_text = obj.contains("body_text") && !obj["body_text"].is_null();
  if (has_html == has_text)
    return FieldError{has_html ? "body_text" : "body_html",
                      "give exactly one of body_html and body_text"};
  if (has_html) {
    if (auto e = get_string(obj, "body_html", kMaxBody, r.body_html)) return e;
  } else {
    std::string body_text;
    if (auto e = get_string(obj, "body_text", kMaxBody, body_text)) return e;
    r.body_html = html::text_to_html(body_text);
  }

  if (auto e = get_string(obj, "category", kMaxShort, r.category)) return e;
  r.category = text::squash_spaces(r.category);
  if (r.category.empty()) return FieldError{"category", "required and must not be empty"};

  std::string when;
  if (auto e = get_string(obj, "published_at", 64, when)) return e;
  if (when.empty()) return FieldError{"published_at", "required"};
  auto t = text::parse_iso8601(when);
  if (!t)
    return FieldError{"published_at",
                      "expected ISO 8601 with an offset, e.g. 2017-06-23T08:30:00+07:00, got \"" +
                          when + "\""};
  r.published_at = *t;

  for (auto [field, out] : {std::pair{"author", &r.author}, {"author_unit", &r.author_unit},
                            {"cover_caption", &r.cover_caption}, {"cover_alt", &r.cover_alt},
                            {"source", &r.source}, {"cover_image", &r.cover_image}}) {
    if (auto e = get_string(obj, field, kMaxShort, *out)) return e;
    *out = text::squash_spaces(*out);
  }

  if (auto e = get_string(obj, "slug", 200, r.slug)) return e;
  if (!r.slug.empty() && !is_valid_slug(r.slug))
    return FieldError{"slug", "only a-z, 0-9 and single hyphens, at most 120 characters"};

  if (auto it = obj.find("tags"); it != obj.end() && !it->is_null()) {
    if (!it->is_array()) return FieldError{"tags", "expected an array of strings"};
    if (it->size() > kMaxTags)
      return FieldError{"tags", "at most " + std::to_string(kMaxTags) + " tags"};
    for (const auto& tag : *it) {
      if (!tag.is_string()) return FieldError{"tags", "expected an array of strings"};
      std::string s = text::squash_spaces(text::to_nfc(tag.get_ref<const std::string&>()));
      if (s.size() > kMaxTag)
        return FieldError{"tags", "a tag is longer than " + std::to_string(kMaxTag) + " bytes"};
      if (!s.empty()) r.tags.push_back(std::move(s));
    }
  }

  if (auto it = obj.find("featured"); it != obj.end() && !it->is_null()) {
    if (!it->is_boolean()) return FieldError{"featured", "expected true or false"};
    r.featured = it->get<bool>();
  }
  return std::nullopt;
}

}  // namespace

Result<ImportRecord> parse_import_line(std::string_view line, std::size_t line_no) {
  const std::string where = "line " + std::to_string(line_no) + ": ";
  if (line.size() > kMaxImportLineBytes)
    return Error::invalid(where + "longer than " + std::to_string(kMaxImportLineBytes >> 20) +
                          " MiB");
  if (!text::is_valid_utf8(line)) return Error::invalid(where + "not valid UTF-8");
  json obj = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (obj.is_discarded()) return Error::invalid(where + "not valid JSON");
  if (!obj.is_object()) return Error::invalid(where + "expected a JSON object");
  ImportRecord r;
  r.line = line_no;
  if (auto e = fill(obj, r))
    return Error::invalid(where + "field \"" + e->field + "\": " + e->message);
  return r;
}

}  // namespace congtin::content
