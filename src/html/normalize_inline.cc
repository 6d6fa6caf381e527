// Inline content for the normalisation pass: text, white space, trimming, and the phrasing
// form of any node (blocks inside inline content are unwrapped, their edges become <br>).
#include <string>
#include <utility>

#include "html/normalize_internal.h"

namespace congtin::html::detail {

const Node kBreakNode = [] {
  Node n;
  n.kind = Kind::kBreak;
  return n;
}();

bool is_formatting(Tag t) { return is_inline(t) && t != Tag::kBr && t != Tag::kImg; }

bool contains_block(const Node& n) {
  for (const Node& c : n.children) {
    if (c.kind == Kind::kBreak || c.kind == Kind::kWordItem) return true;
    if (c.kind != Kind::kElement) continue;
    if (!is_inline(c.tag) || contains_block(c)) return true;
  }
  return false;
}

// Only spaces and NBSPs (the text is already whitespace-collapsed).
static bool is_blank_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') continue;
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

bool is_blank_content(const std::vector<Node>& v, bool pre) {
  for (const Node& n : v) {
    if (n.kind == Kind::kText) {
      if (pre ? n.text.find_first_not_of(" \t\n\f") != std::string::npos : !is_blank_text(n.text))
        return false;
    } else if (n.is(Tag::kImg)) {
      return false;
    } else if (!n.is(Tag::kBr) && !is_blank_content(n.children, pre)) {
      return false;
    }
  }
  return true;
}

void append_text(std::vector<Node>& out, std::string_view text, bool pre) {
  std::string t = strip_controls(text);
  if (t.empty()) return;
  if (!out.empty() && out.back().kind == Kind::kText) {
    t = out.back().text + t;
    out.pop_back();
  }
  Node n;
  n.text = pre ? std::move(t) : collapse_spaces(t, false);
  out.push_back(std::move(n));
}

// Merges text nodes that ended up side by side, as a re-parse would.
void merge_texts(std::vector<Node>& v, bool pre) {
  std::vector<Node> out;
  out.reserve(v.size());
  for (Node& n : v) {
    if (n.kind == Kind::kText) {
      append_text(out, n.text, pre);
    } else {
      out.push_back(std::move(n));
    }
  }
  v = std::move(out);
}

namespace {

// Removes white space and <br> from the start (front) or end of inline content, descending
// into inline elements and removing those left empty.
void trim_edge(std::vector<Node>& v, bool front) {
  while (!v.empty()) {
    Node& n = front ? v.front() : v.back();
    if (n.kind == Kind::kText) {
      std::size_t keep_from = front ? n.text.find_first_not_of(' ') : 0;
      std::size_t keep_to = front ? n.text.size() : n.text.find_last_not_of(' ');
      if (front && keep_from != std::string::npos) {
        n.text.erase(0, keep_from);
        return;
      }
      if (!front && keep_to != std::string::npos) {
        n.text.erase(keep_to + 1);
        return;
      }
    } else if (n.is(Tag::kImg)) {
      return;
    } else if (!n.is(Tag::kBr)) {
      trim_edge(n.children, front);
      if (!n.children.empty()) return;
    }
    v.erase(front ? v.begin() : v.end() - 1);
  }
}

}  // namespace

void trim(std::vector<Node>& v) {
  trim_edge(v, true);
  trim_edge(v, false);
}

std::vector<Node> Normalizer::inline_content(const std::vector<const Node*>& nodes,
                                             const std::vector<const Node*>& fmt, int depth,
                                             bool pre) const {
  std::vector<const Node*> wrappers;
  bool in_link = false;
  for (const Node* f : fmt) {
    if (depth + static_cast<int>(wrappers.size()) + 1 > max_depth_) break;
    if (f->tag == Tag::kA) {
      if (in_link) continue;
      in_link = true;
    }
    wrappers.push_back(f);
  }
  std::vector<Node> content;
  int inner = depth + static_cast<int>(wrappers.size());
  for (const Node* n : nodes) phrasing(*n, inner, in_link, pre, content);
  for (auto it = wrappers.rbegin(); it != wrappers.rend() && !content.empty(); ++it) {
    Node w = Node::element((*it)->tag);
    w.attrs = (*it)->attrs;
    w.children = std::move(content);
    content.clear();
    content.push_back(std::move(w));
  }
  return content;
}

std::vector<Node> Normalizer::block_content(const std::vector<const Node*>& v,
                                            const std::vector<const Node*>& fmt, int depth,
                                            bool pre) const {
  std::vector<Node> content = inline_content(v, fmt, depth, pre);
  if (!pre) trim(content);
  if (is_blank_content(content, pre)) content.clear();
  return content;
}

void Normalizer::add_inline_break(int depth, std::vector<Node>& out) const {
  if (out.empty() || out.back().is(Tag::kBr)) return;
  if (depth + 1 <= max_depth_) {
    out.push_back(Node::element(Tag::kBr));
  } else {
    append_text(out, " ", false);
  }
}

void Normalizer::phrasing(const Node& n, int depth, bool in_link, bool pre,
                          std::vector<Node>& out) const {
  switch (n.kind) {
    case Kind::kText:
      append_text(out, n.text, pre);
      return;
    case Kind::kBreak:
      add_inline_break(depth, out);
      return;
    case Kind::kWordItem:
      add_inline_break(depth, out);
      for (const Node& c : n.children) phrasing(c, depth, in_link, pre, out);
      add_inline_break(depth, out);
      return;
    case Kind::kElement:
      break;
  }
  bool fits = depth + 1 <= max_depth_;
  if (n.tag == Tag::kBr) {  // explicit line breaks all count, unlike kBreak markers
    if (fits) {
      out.push_back(n);
    } else {
      append_text(out, " ", false);
    }
    return;
  }
  if (n.tag == Tag::kImg) {
    if (fits) out.push_back(n);
    return;
  }
  if (!is_inline(n.tag)) {  // a block inside inline content
    add_inline_break(depth, out);
    for (const Node& c : n.children) phrasing(c, depth, in_link, pre, out);
    add_inline_break(depth, out);
    return;
  }
  if (!fits || (n.tag == Tag::kA && in_link)) {
    for (const Node& c : n.children) phrasing(c, depth, in_link, pre, out);
    return;
  }
  Node el = Node::element(n.tag);
  el.attrs = n.attrs;
  for (const Node& c : n.children) {
    phrasing(c, depth + 1, in_link || n.tag == Tag::kA, pre, el.children);
  }
  if (!el.children.empty()) out.push_back(std::move(el));
}

}  // namespace congtin::html::detail
