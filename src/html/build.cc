// Phase 1 of sanitize: applies the allowlist (allowlist.h) to gumbo's tree. Walks it
// without recursion, since its depth is bounded only by the input.
#include <gumbo.h>

#include <string>
#include <vector>

#include "html/allowlist.h"
#include "html/node.h"

namespace congtin::html {
namespace {

void append_text(std::vector<Node>& out, const char* text) {
  if (out.empty() || out.back().kind != Kind::kText) out.emplace_back();
  out.back().text += text;
}

Node make_break() {
  Node n;
  n.kind = Kind::kBreak;
  return n;
}

struct Frame {
  const GumboNode* node;
  unsigned next;
  std::vector<Node>* out;
  int depth;  // kept elements above out
  bool break_after;
};

}  // namespace

std::vector<Node> build_tree(const GumboNode* body, const ImgSrcRewriter& rewrite, int max_depth) {
  std::vector<Node> roots;
  if (body == nullptr) return roots;
  std::vector<Frame> frames{{body, 0, &roots, 0, false}};
  while (!frames.empty()) {
    Frame& f = frames.back();
    const GumboVector& kids = f.node->v.element.children;
    if (f.next == kids.length) {
      if (f.break_after) f.out->push_back(make_break());
      frames.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(kids.data[f.next++]);
    std::vector<Node>* out = f.out;
    int depth = f.depth;
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
      append_text(*out, child->v.text.text);
      continue;
    }
    if (child->type != GUMBO_NODE_ELEMENT) continue;  // comments, CDATA, templates
    Decision d = decide(child, rewrite);
    int needed = d.action == Action::kKeep       ? (d.inner ? 2 : 1)
                 : d.action == Action::kWordItem ? 1
                                                 : 0;
    if (depth + needed > max_depth) {  // too deep: flatten
      if (d.action == Action::kKeep && d.tag == Tag::kImg) continue;
      bool inline_el = d.action == Action::kKeep && is_inline(d.tag) && d.tag != Tag::kBr;
      d.action = inline_el ? Action::kUnwrap : Action::kBoundary;
    }
    switch (d.action) {
      case Action::kDrop:
        break;
      case Action::kUnwrap:
        frames.push_back({child, 0, out, depth, false});
        break;
      case Action::kBoundary:
        out->push_back(make_break());
        frames.push_back({child, 0, out, depth, true});
        break;
      case Action::kKeep: {
        Node n = Node::element(d.tag);
        n.attrs = std::move(d.attrs);
        if (d.inner) n.children.push_back(Node::element(*d.inner));
        out->push_back(std::move(n));
        std::vector<Node>* target =
            d.inner ? &out->back().children.back().children : &out->back().children;
        frames.push_back({child, 0, target, depth + needed, false});
        break;
      }
      case Action::kWordItem: {
        Node n;
        n.kind = Kind::kWordItem;
        n.level = d.level;
        n.ordered = d.ordered;
        n.list_id = d.list_id;
        out->push_back(std::move(n));
        frames.push_back({child, 0, &out->back().children, depth + 1, false});
        break;
      }
    }
  }
  return roots;
}

}  // namespace congtin::html
