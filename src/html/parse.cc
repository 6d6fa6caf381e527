#include "html/parse.h"

#include <algorithm>
#include <chrono>
#include <csetjmp>
#include <cstddef>
#include <cstring>
#include <vector>

namespace congtin::html {
namespace {

// Budgets for one parse. gumbo allocates roughly 10-20 bytes per input byte on ordinary
// documents; the reconstruction blow-up allocates hundreds per input byte.
constexpr std::size_t kBytesPerInputByte = 64;
constexpr std::size_t kBaseBytes = 16u << 20;
// gumbo needs about 0.5 s per MiB of ordinary HTML on one core; the deadline leaves room
// for a loaded server and sanitizer builds.
constexpr auto kBaseDeadline = std::chrono::milliseconds(2000);
constexpr auto kDeadlinePerMiB = std::chrono::milliseconds(2000);
constexpr std::size_t kChunkBytes = 64u << 10;
constexpr std::size_t kAlign = alignof(std::max_align_t);
constexpr unsigned kClockEvery = 256;  // allocations between deadline checks

}  // namespace

// Bump allocator: gumbo frees nothing until the whole tree goes, so individual frees are
// ignored and the arena releases everything at once. When the budget is exceeded the
// allocator longjmps back to parse_guarded; nothing between the two frames owns C++
// objects, and everything gumbo allocated lives in the arena, so nothing leaks.
class ParseArena {
 public:
  ParseArena(std::size_t budget, std::chrono::steady_clock::time_point deadline)
      : budget_(budget), deadline_(deadline) {}

  void* allocate(std::size_t n) {
    n = (std::max<std::size_t>(n, 1) + kAlign - 1) / kAlign * kAlign;
    if (used_ + n > budget_) std::longjmp(abort_, 1);
    if (++calls_ % kClockEvery == 0 && std::chrono::steady_clock::now() > deadline_) {
      std::longjmp(abort_, 1);
    }
    used_ += n;
    if (n > kChunkBytes / 4) {  // large blocks get their own chunk
      chunks_.push_back(std::make_unique<std::byte[]>(n));
      return chunks_.back().get();
    }
    if (chunks_.empty() || left_ < n) {
      chunks_.push_back(std::make_unique<std::byte[]>(kChunkBytes));
      next_ = chunks_.back().get();
      left_ = kChunkBytes;
    }
    void* p = next_;
    next_ += n;
    left_ -= n;
    return p;
  }

  std::jmp_buf abort_;

 private:
  std::size_t budget_;
  std::chrono::steady_clock::time_point deadline_;
  std::size_t used_ = 0;
  unsigned calls_ = 0;
  std::vector<std::unique_ptr<std::byte[]>> chunks_;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
};

namespace {

void* arena_allocate(void* userdata, size_t n) {
  return static_cast<ParseArena*>(userdata)->allocate(n);
}

void arena_deallocate(void*, void*) {}

// Kept free of C++ objects with destructors: the arena may longjmp back into it.
GumboOutput* parse_guarded(ParseArena* arena, const GumboOptions* options, const char* data,
                           std::size_t size) {
  if (setjmp(arena->abort_) != 0) return nullptr;
  return gumbo_parse_with_options(options, data, size);
}

}  // namespace

ParsedHtml::ParsedHtml() = default;
ParsedHtml::ParsedHtml(ParsedHtml&&) noexcept = default;
ParsedHtml& ParsedHtml::operator=(ParsedHtml&&) noexcept = default;
ParsedHtml::~ParsedHtml() = default;  // the arena owns every node; no gumbo_destroy_output

const GumboNode* ParsedHtml::body() const {
  const GumboNode* root = output_->root;
  if (root == nullptr || root->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboVector& kids = root->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const auto* n = static_cast<const GumboNode*>(kids.data[i]);
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BODY) return n;
  }
  return nullptr;
}

std::unique_ptr<ParsedHtml> parse_html(std::string_view html) {
  std::unique_ptr<ParsedHtml> doc(new ParsedHtml());
  doc->buffer_.reserve(html.size() + 16);
  doc->buffer_.append("<!DOCTYPE html>");
  // C0 controls other than white space, and DEL, carry no text; gumbo would turn each into
  // U+FFFD. NUL goes too: what a browser would make of it does not matter, since the result
  // is sanitised as parsed.
  for (char ch : html) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f) continue;
    doc->buffer_.push_back(ch);
  }
  auto deadline = std::chrono::steady_clock::now() + kBaseDeadline +
                  kDeadlinePerMiB * static_cast<long>(html.size() >> 10) / 1024;
  doc->arena_ =
      std::make_unique<ParseArena>(kBaseBytes + kBytesPerInputByte * html.size(), deadline);
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = arena_allocate;
  options.deallocator = arena_deallocate;
  options.userdata = doc->arena_.get();
  options.max_errors = 0;  // gumbo copies the open-element stack into every error record
  doc->output_ =
      parse_guarded(doc->arena_.get(), &options, doc->buffer_.data(), doc->buffer_.size());
  if (doc->output_ == nullptr) return nullptr;
  return doc;
}

std::string element_name(const GumboElement& el) {
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data == nullptr ? "" : std::string(piece.data, piece.length));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
  return name;
}

const char* attribute(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

}  // namespace congtin::html
