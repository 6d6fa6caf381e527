// Lists, tables and Word list paragraphs for the normalisation pass (see normalize.cc).
#include <utility>

#include "html/normalize_internal.h"

namespace congtin::html::detail {

void Flow::add_list(const Node& n) {
  if (depth_ + 3 > max()) {
    flatten(n);
    return;
  }
  flush_run();
  // Each <li> takes the non-<li> content that follows it; content before the first <li>
  // gets one of its own.
  std::vector<std::vector<const Node*>> items;
  for (const Node& c : n.children) {
    if (c.is(Tag::kLi)) {
      items.emplace_back();
      for (const Node& g : c.children) items.back().push_back(&g);
      continue;
    }
    if (c.kind == Kind::kText && c.text.find_first_not_of(" \t\n\f\r") == std::string::npos)
      continue;
    if (c.kind == Kind::kBreak) continue;
    if (items.empty()) {
      items.emplace_back();
    } else if (!items.back().empty()) {
      items.back().push_back(&kBreakNode);  // keep it off the line of the item before
    }
    items.back().push_back(&c);
  }
  Node list = Node::element(n.tag);
  for (const auto& item : items) {
    Flow inner(norm_, depth_ + 2, false, fmt_, false);
    for (const Node* c : item) inner.add(*c);
    std::vector<Node> content = inner.finish();
    if (content.empty()) continue;
    Node li = Node::element(Tag::kLi);
    li.children = std::move(content);
    list.children.push_back(std::move(li));
  }
  if (!list.children.empty()) emit_block(std::move(list));
}

Node Flow::cell(const Node& n) {
  Flow inner(norm_, depth_ + 4, false, fmt_, false);
  inner.add_all(n.children);
  Node el = Node::element(n.tag);
  el.attrs = n.attrs;
  el.children = inner.finish();
  return el;
}

std::optional<Node> Flow::row(const std::vector<const Node*>& cells) {
  if (cells.empty()) return std::nullopt;
  Node tr = Node::element(Tag::kTr);
  for (const Node* c : cells) tr.children.push_back(cell(*c));
  return tr;
}

void Flow::add_table(const Node& n) {
  if (depth_ + 5 > max()) {
    flatten(n);
    return;
  }
  flush_run();
  Node table = Node::element(Tag::kTable);
  std::vector<const Node*> foster;  // content that has no place in a table
  std::vector<Node> loose_rows;     // rows straight in <table> get a <tbody>
  std::vector<const Node*> loose_cells;
  auto flush_cells = [&](std::vector<Node>& rows) {
    if (auto r = row(loose_cells)) rows.push_back(std::move(*r));
    loose_cells.clear();
  };
  auto flush_rows = [&] {
    flush_cells(loose_rows);
    if (loose_rows.empty()) return;
    Node body = Node::element(Tag::kTbody);
    body.children = std::move(loose_rows);
    loose_rows.clear();
    table.children.push_back(std::move(body));
  };
  auto blank = [](const Node& c) {
    return c.kind == Kind::kBreak ||
           (c.kind == Kind::kText && c.text.find_first_not_of(" \t\n\f\r") == std::string::npos);
  };
  // One child of a row group (or of the table itself): a row, a cell, or stray content.
  auto add_row_item = [&](const Node& c, std::vector<Node>& rows) {
    if (c.is(Tag::kTd) || c.is(Tag::kTh)) {
      loose_cells.push_back(&c);
      return;
    }
    flush_cells(rows);
    if (c.is(Tag::kTr)) {
      std::vector<const Node*> cells;
      for (const Node& k : c.children) {
        if (k.is(Tag::kTd) || k.is(Tag::kTh)) {
          cells.push_back(&k);
        } else if (!blank(k)) {
          foster.push_back(&k);
        }
      }
      if (auto r = row(cells)) rows.push_back(std::move(*r));
    } else if (!blank(c)) {
      foster.push_back(&c);
    }
  };
  for (const Node& c : n.children) {
    if (c.is(Tag::kCaption)) {
      flush_rows();
      std::vector<const Node*> kids;
      for (const Node& k : c.children) kids.push_back(&k);
      std::vector<Node> content = norm_.block_content(kids, fmt_, depth_ + 2, false);
      if (content.empty()) continue;
      Node cap = Node::element(Tag::kCaption);
      cap.children = std::move(content);
      table.children.push_back(std::move(cap));
    } else if (c.is(Tag::kThead) || c.is(Tag::kTbody) || c.is(Tag::kTfoot)) {
      flush_rows();
      Node section = Node::element(c.tag);
      for (const Node& k : c.children) add_row_item(k, section.children);
      flush_cells(section.children);
      if (!section.children.empty()) table.children.push_back(std::move(section));
    } else if (c.is(Tag::kTr) || c.is(Tag::kTd) || c.is(Tag::kTh)) {
      add_row_item(c, loose_rows);
    } else if (!blank(c)) {
      foster.push_back(&c);
    }
  }
  flush_rows();
  for (const Node* f : foster) add(*f);
  flush_run();
  bool has_rows = false;
  for (const Node& c : table.children) has_rows = has_rows || !c.is(Tag::kCaption);
  if (has_rows) emit_block(std::move(table));
}

// Word list paragraphs carry their level; consecutive ones become nested lists.
Node Flow::build_word_list(std::size_t& i, int level, int depth) {
  Node list = Node::element(word_items_[i]->ordered ? Tag::kOl : Tag::kUl);
  while (i < word_items_.size()) {
    const Node& item = *word_items_[i];
    if (item.level < level) break;
    if (item.level > level && depth + 2 + 3 <= max()) {
      Node nested = build_word_list(i, item.level, depth + 2);
      if (nested.children.empty()) continue;
      if (list.children.empty()) list.children.push_back(Node::element(Tag::kLi));
      list.children.back().children.push_back(std::move(nested));
      continue;
    }
    ++i;
    std::vector<const Node*> kids;
    for (const Node& c : item.children) kids.push_back(&c);
    std::vector<Node> content = norm_.block_content(kids, fmt_, depth + 2, false);
    if (content.empty()) continue;
    Node li = Node::element(Tag::kLi);
    li.children = std::move(content);
    list.children.push_back(std::move(li));
  }
  return list;
}

void Flow::flush_word_list() {
  if (word_items_.empty()) return;
  std::vector<Node> lists;
  std::vector<const Node*> all = std::move(word_items_);
  word_items_.clear();
  for (std::size_t start = 0; start < all.size();) {  // one list per Word list id
    std::size_t end = start;
    while (end < all.size() && all[end]->list_id == all[start]->list_id) ++end;
    word_items_.assign(all.begin() + start, all.begin() + end);
    for (std::size_t i = 0; i < word_items_.size();) {
      Node list = build_word_list(i, word_items_[i]->level, depth_);
      if (!list.children.empty()) lists.push_back(std::move(list));
    }
    start = end;
  }
  word_items_.clear();
  for (Node& l : lists) emit_block(std::move(l));
}

}  // namespace congtin::html::detail
