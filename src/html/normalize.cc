// Phase 2 of sanitize: the content model.
//
// The allowlisted tree can still hold structures that an HTML parser would rebuild
// differently (a heading inside a heading after a <span> was unwrapped, text straight in a
// <ul>, a <strong> around a table), so the stored markup would change meaning on the next
// parse and sanitize would not be idempotent. This pass rebuilds the tree under a small
// model that every browser parses back to the same tree:
//   top level          blocks only; loose inline content is wrapped in <p>
//   blockquote, li, td, th, figure
//                      blocks and inline content; inline runs split by an unwrapped block
//                      (a <div>) are joined with <br>
//   p, h2-h4, pre, caption, figcaption, and inline elements
//                      inline content only; a block found there is unwrapped and its
//                      edges become <br>
//   ul/ol              li only (other content joins the li before it)
//   table              caption, thead/tbody/tfoot, tr, td/th; stray content is moved in
//                      front of the table, as browsers do
// A formatting element that wraps blocks (<strong><p>…</p></strong>) is pushed down into the
// blocks. No <a> inside <a>. Empty paragraphs, headings, list items and inline elements go.
// Text is whitespace-collapsed (except in <pre>) and trimmed at block edges. No element
// ends up deeper than max_depth: a structure that does not fit is flattened.
#include <utility>

#include "html/normalize_internal.h"

namespace congtin::html {
namespace detail {

void Flow::flush_run() {
  if (run_.empty()) return;
  std::vector<RunItem> run = std::move(run_);
  run_.clear();
  int container = top_ ? depth_ + 1 : depth_;  // the <p> made for a top-level run
  std::vector<Node> content;
  for (std::size_t i = 0; i < run.size();) {
    std::size_t j = i;
    std::vector<const Node*> group;
    while (j < run.size() && run[j].fmt == run[i].fmt) group.push_back(run[j++].node);
    for (Node& n : norm_.inline_content(group, run[i].fmt, container, false)) {
      content.push_back(std::move(n));
    }
    i = j;
  }
  merge_texts(content, false);
  trim(content);
  if (is_blank_content(content, false)) return;
  flush_word_list();
  if (top_) {
    Node p = Node::element(Tag::kP);
    p.children = std::move(content);
    out_.push_back(std::move(p));
  } else {
    if (last_was_run_) out_.push_back(Node::element(Tag::kBr));
    for (Node& n : content) out_.push_back(std::move(n));
  }
  last_was_run_ = true;
}

void Flow::add(const Node& n) {
  switch (n.kind) {
    case Kind::kText:
      run_.push_back({&n, fmt_});
      return;
    case Kind::kBreak:
      add_break();
      return;
    case Kind::kWordItem:
      flush_run();
      if (depth_ + 3 <= max()) {
        word_items_.push_back(&n);
      } else {
        flatten(n);
      }
      return;
    case Kind::kElement:
      break;
  }
  switch (n.tag) {
    case Tag::kBr:
    case Tag::kImg:
    case Tag::kStrong:
    case Tag::kEm:
    case Tag::kU:
    case Tag::kS:
    case Tag::kSub:
    case Tag::kSup:
    case Tag::kA:
    case Tag::kCode:
      if (is_formatting(n.tag) && contains_block(n)) {
        bool pushed = true;
        if (n.tag == Tag::kA) {
          for (const Node* f : fmt_) pushed = pushed && f->tag != Tag::kA;
        }
        if (pushed) fmt_.push_back(&n);
        add_all(n.children);
        if (pushed) fmt_.pop_back();
      } else {
        run_.push_back({&n, fmt_});
      }
      return;
    case Tag::kP:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kPre:
      add_phrasing_block(n, n.tag);
      return;
    case Tag::kFigcaption:
      if (figure_) {
        add_phrasing_block(n, n.tag);
      } else {
        flatten(n);
      }
      return;
    case Tag::kBlockquote:
    case Tag::kFigure:
      add_container(n);
      return;
    case Tag::kUl:
    case Tag::kOl:
      add_list(n);
      return;
    case Tag::kTable:
      add_table(n);
      return;
    case Tag::kHr:
      flush_run();
      if (depth_ + 1 <= max()) emit_block(Node::element(Tag::kHr));
      return;
    default:  // li, tr, td, th, sections, caption out of place
      flatten(n);
      return;
  }
}

void Flow::add_phrasing_block(const Node& n, Tag tag) {
  if (depth_ + 1 > max()) {
    flatten(n);
    return;
  }
  flush_run();
  std::vector<const Node*> kids;
  for (const Node& c : n.children) kids.push_back(&c);
  bool pre = tag == Tag::kPre;
  std::vector<Node> content = norm_.block_content(kids, fmt_, depth_ + 1, pre);
  if (content.empty()) return;
  Node el = Node::element(tag);
  el.children = std::move(content);
  emit_block(std::move(el));
}

void Flow::add_container(const Node& n) {
  if (depth_ + 2 > max()) {
    flatten(n);
    return;
  }
  flush_run();
  Flow inner(norm_, depth_ + 1, false, fmt_, n.tag == Tag::kFigure);
  inner.add_all(n.children);
  std::vector<Node> content = inner.finish();
  if (content.empty()) return;
  Node el = Node::element(n.tag);
  el.children = std::move(content);
  emit_block(std::move(el));
}

}  // namespace detail

std::vector<Node> normalize(const std::vector<Node>& roots, int max_depth) {
  detail::Normalizer norm(max_depth);
  detail::Flow top(norm, 0, true, {}, false);
  top.add_all(roots);
  return top.finish();
}

}  // namespace congtin::html
