// Internals of the normalisation pass, shared by normalize.cc (flow content),
// normalize_inline.cc (inline content) and normalize_structure.cc (lists, tables, Word
// lists). normalize.cc describes the content model. Not for use outside these files.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "html/node.h"

namespace congtin::html::detail {

// A break marker, for content that must not run into what precedes it.
extern const Node kBreakNode;

bool is_formatting(Tag t);
bool contains_block(const Node& n);
bool is_blank_content(const std::vector<Node>& v, bool pre);
void append_text(std::vector<Node>& out, std::string_view text, bool pre);
// Merges text nodes that ended up side by side, as a re-parse would.
void merge_texts(std::vector<Node>& v, bool pre);
// Removes white space and <br> from both edges of inline content, descending into inline
// elements and removing those left empty.
void trim(std::vector<Node>& v);

// Builds inline content under the depth limit.
class Normalizer {
 public:
  explicit Normalizer(int max_depth) : max_depth_(max_depth) {}
  int max_depth() const { return max_depth_; }

  // Inline content of nodes whose parent sits at depth, wrapped in the formatting elements
  // fmt that fit under max_depth. Not trimmed.
  std::vector<Node> inline_content(const std::vector<const Node*>& nodes,
                                   const std::vector<const Node*>& fmt, int depth, bool pre) const;

  // Inline content of a block element at depth whose children are v: trimmed; empty when
  // blank.
  std::vector<Node> block_content(const std::vector<const Node*>& v,
                                  const std::vector<const Node*>& fmt, int depth, bool pre) const;

 private:
  void add_inline_break(int depth, std::vector<Node>& out) const;
  // Appends the phrasing form of n, whose parent sits at depth, to out.
  void phrasing(const Node& n, int depth, bool in_link, bool pre, std::vector<Node>& out) const;

  int max_depth_;
};

// Builds the content of one flow container (the top level, blockquote, li, td, th, figure).
class Flow {
 public:
  Flow(const Normalizer& norm, int depth, bool top, std::vector<const Node*> fmt, bool figure)
      : norm_(norm), depth_(depth), top_(top), fmt_(std::move(fmt)), figure_(figure) {}

  void add(const Node& n);
  void add_all(const std::vector<Node>& v) {
    for (const Node& n : v) add(n);
  }
  std::vector<Node> finish() {
    flush_run();
    flush_word_list();
    return std::move(out_);
  }

 private:
  struct RunItem {
    const Node* node;
    std::vector<const Node*> fmt;
  };

  void flatten(const Node& n) {
    add_break();
    add_all(n.children);
    add_break();
  }
  void add_break() { flush_run(); }
  void emit_block(Node n) {
    flush_word_list();
    out_.push_back(std::move(n));
    last_was_run_ = false;
  }
  void flush_run();
  void flush_word_list();
  void add_phrasing_block(const Node& n, Tag tag);
  void add_container(const Node& n);
  void add_list(const Node& n);
  void add_table(const Node& n);
  std::optional<Node> row(const std::vector<const Node*>& cells);
  Node cell(const Node& n);
  Node build_word_list(std::size_t& i, int level, int depth);
  int max() const { return norm_.max_depth(); }

  const Normalizer& norm_;
  int depth_;  // depth of the container element; its children sit at depth_ + 1
  bool top_;
  std::vector<const Node*> fmt_;  // formatting elements being pushed down into blocks
  bool figure_;
  std::vector<RunItem> run_;
  std::vector<const Node*> word_items_;
  std::vector<Node> out_;
  bool last_was_run_ = false;
};

}  // namespace congtin::html::detail
