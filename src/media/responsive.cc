#include "media/responsive.h"

#include <memory>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "html/sanitize.h"

namespace congtin::media {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

struct ImgTag {
  std::size_t end = 0;  // index of the closing '>'
  bool self_closing = false;
  std::vector<std::pair<std::string, std::string>> attrs;  // names lower case, values raw

  const std::string* get(std::string_view name) const {
    for (const auto& [n, v] : attrs)
      if (n == name) return &v;
    return nullptr;
  }
};

// Parses the attributes of the tag opened at html[start] ("<img"); nullopt if it is not a
// well-formed tag (then it is copied untouched).
std::optional<ImgTag> parse_img(std::string_view html, std::size_t start) {
  ImgTag tag;
  std::size_t i = start + 4;
  for (;;) {
    while (i < html.size() && is_space(html[i])) ++i;
    if (i >= html.size()) return std::nullopt;
    if (html[i] == '>') break;
    if (html[i] == '/' && i + 1 < html.size() && html[i + 1] == '>') {
      tag.self_closing = true;
      ++i;
      break;
    }
    std::size_t n = i;
    while (n < html.size() && !is_space(html[n]) && html[n] != '=' && html[n] != '>' &&
           html[n] != '/')
      ++n;
    if (n == i) return std::nullopt;
    std::string name(html.substr(i, n - i));
    for (char& c : name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    i = n;
    std::string value;
    if (i < html.size() && html[i] == '=') {
      ++i;
      if (i >= html.size() || (html[i] != '"' && html[i] != '\'')) return std::nullopt;
      const char quote = html[i++];
      const std::size_t close = html.find(quote, i);
      if (close == std::string_view::npos) return std::nullopt;
      value = std::string(html.substr(i, close - i));
      i = close + 1;
    }
    tag.attrs.emplace_back(std::move(name), std::move(value));
  }
  tag.end = i;
  return tag;
}

}  // namespace

ImageSetLookup image_set_lookup(std::filesystem::path media_dir) {
  auto store = std::make_shared<const MediaStore>(std::move(media_dir));
  return [store](std::string_view url) { return store->image_set(url); };
}

std::string responsive_images(std::string_view html, const ImageSetLookup& lookup) {
  std::string out;
  out.reserve(html.size());
  std::size_t pos = 0;
  for (;;) {
    const std::size_t at = html.find("<img", pos);
    if (at == std::string_view::npos || at + 4 >= html.size()) break;
    const char after = html[at + 4];
    if (!is_space(after) && after != '>' && after != '/') {
      out.append(html.substr(pos, at + 4 - pos));
      pos = at + 4;
      continue;
    }
    auto tag = parse_img(html, at);
    const std::string* src = tag ? tag->get("src") : nullptr;
    std::optional<ImageSet> set;
    if (src != nullptr && !tag->get("srcset")) set = lookup(*src);
    if (!set || set->animated || set->srcset.empty()) {
      const std::size_t stop = tag ? tag->end + 1 : at + 4;
      out.append(html.substr(pos, stop - pos));
      pos = stop;
      continue;
    }
    out.append(html.substr(pos, at - pos));
    const std::string sizes = html::escape(kArticleSizes);
    out += "<picture><source type=\"image/webp\" srcset=\"" + html::escape(set->webp_srcset) +
           "\" sizes=\"" + sizes + "\">";
    const std::size_t body_end = tag->self_closing ? tag->end - 1 : tag->end;
    std::string_view head = html.substr(at, body_end - at);
    while (!head.empty() && is_space(head.back())) head.remove_suffix(1);
    out.append(head);
    out += " srcset=\"" + html::escape(set->srcset) + "\" sizes=\"" + sizes + "\"";
    if (!tag->get("width") && !tag->get("height") && set->width > 0 && set->height > 0) {
      out += " width=\"" + std::to_string(set->width) + "\" height=\"" +
             std::to_string(set->height) + "\"";
    }
    if (!tag->get("loading")) out += " loading=\"lazy\"";
    out += "></picture>";
    pos = tag->end + 1;
  }
  out.append(html.substr(pos));
  return out;
}

nlohmann::json with_responsive_images(nlohmann::json article, const ImageSetLookup& lookup) {
  if (auto it = article.find("body_html"); it != article.end() && it->is_string())
    *it = responsive_images(it->get_ref<const std::string&>(), lookup);
  if (auto it = article.find("cover"); it != article.end() && it->is_object()) {
    const std::string src = it->value("src", std::string());
    if (auto set = lookup(src); set && !set->animated && !set->srcset.empty()) {
      (*it)["srcset"] = set->srcset;
      (*it)["webp_srcset"] = set->webp_srcset;
      (*it)["sizes"] = std::string(kArticleSizes);
      (*it)["width"] = set->width;
      (*it)["height"] = set->height;
    }
  }
  return article;
}

}  // namespace congtin::media
