// The sanitiser's own tree: what survives the allowlist, before and after normalisation.
//
// Internal to congtin_html. build_tree (gumbo → Node) applies the allowlist element by
// element; normalize (Node → Node) enforces a small content model so that the output is a
// tree the HTML parser rebuilds exactly (which is what makes sanitize idempotent and the
// stored markup mean the same thing in every browser); serialize writes it out.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct GumboInternalNode;

namespace congtin::html {

enum class Tag : std::uint8_t {
  kP,
  kBr,
  kHr,
  kH2,
  kH3,
  kH4,
  kStrong,
  kEm,
  kU,
  kS,
  kSub,
  kSup,
  kBlockquote,
  kUl,
  kOl,
  kLi,
  kA,
  kFigure,
  kFigcaption,
  kImg,
  kTable,
  kCaption,
  kThead,
  kTbody,
  kTfoot,
  kTr,
  kTh,
  kTd,
  kPre,
  kCode,
};

enum class Kind : std::uint8_t {
  kText,
  kElement,
  kBreak,     // where an unwrapped block (div, section…) began or ended: text must not merge
  kWordItem,  // a Word list paragraph (mso-list), grouped into <ul>/<ol> by normalize
};

struct Node {
  Kind kind = Kind::kText;
  Tag tag = Tag::kP;
  std::string text;                                        // kText only
  std::vector<std::pair<std::string, std::string>> attrs;  // validated, in output order
  std::vector<Node> children;
  int level = 1;         // kWordItem: list level, 1-based
  bool ordered = false;  // kWordItem: numbered rather than bulleted
  int list_id = 0;       // kWordItem: Word's list number ("l3" → 3); a new id starts a list

  static Node element(Tag t) {
    Node n;
    n.kind = Kind::kElement;
    n.tag = t;
    return n;
  }
  bool is(Tag t) const { return kind == Kind::kElement && tag == t; }
};

const char* tag_name(Tag t);
bool is_void(Tag t);
// Inline (phrasing) elements: text-level content that lives inside a block.
bool is_inline(Tag t);

using ImgSrcRewriter = std::function<std::optional<std::string>(std::string_view)>;

// gumbo body → allowlisted tree. Elements nested deeper than max_depth are flattened.
std::vector<Node> build_tree(const GumboInternalNode* body, const ImgSrcRewriter& rewrite,
                             int max_depth);

// Allowlisted tree → tree that follows the content model, no deeper than max_depth.
std::vector<Node> normalize(const std::vector<Node>& roots, int max_depth);

// Tree → HTML. Text and attribute values are put in NFC and escaped.
std::string serialize(const std::vector<Node>& roots);

// Text helpers shared by the phases.
// Removes C0 controls other than tab and line feed, and DEL: the parser turns CR into LF,
// and the rest only ever hide things.
std::string strip_controls(std::string_view s);
// escape() for a text node; a leading combining mark that could fuse with the '>' before
// it is written as a character reference.
std::string escape_text(std::string_view text);
// Collapses runs of ASCII white space to one space (NBSP too when also_nbsp).
std::string collapse_spaces(std::string_view s, bool also_nbsp);

}  // namespace congtin::html
