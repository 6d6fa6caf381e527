// The allowlist: what happens to each HTML element, and which attributes it keeps.
//
// Internal to congtin_html (used by build.cc); pure functions, thread-safe. sanitize.h
// lists the policy in words.
#pragma once

#include <gumbo.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "html/node.h"

namespace congtin::html {

enum class Action {
  kDrop,      // the element and everything in it
  kUnwrap,    // the element goes, its children stay (span, font, o:p…)
  kBoundary,  // like kUnwrap, but its content must not run into its neighbours (div…)
  kKeep,
  kWordItem,  // a Word list paragraph
};

struct Decision {
  Action action = Action::kUnwrap;
  Tag tag = Tag::kP;
  std::optional<Tag> inner;  // a second element kept inside the first (<span> bold+italic)
  std::vector<std::pair<std::string, std::string>> attrs;  // validated, in output order
  int level = 1;                                           // kWordItem
  bool ordered = false;                                    // kWordItem
  int list_id = 0;                                         // kWordItem
};

// True for the elements that go together with everything inside them (script, style, forms,
// embeds, media...): neither their markup nor their text reaches the output or plain text.
bool dropped_with_content(GumboTag tag);

// What to do with element node (of any namespace). img src values go through rewrite.
Decision decide(const GumboNode* node, const ImgSrcRewriter& rewrite);

}  // namespace congtin::html
