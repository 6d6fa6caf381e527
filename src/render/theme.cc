#include "render/theme.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace congtin::render {
namespace fs = std::filesystem;
namespace mstch = kainjow::mustache;

namespace {

constexpr std::string_view kExt = ".mustache";
constexpr std::string_view kContentPartial = "content";  // where the layout puts the page
constexpr int kMaxPartialDepth = 10;

Result<std::string> read_file(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return Error::not_found("theme: missing file " + p.string());
  std::ifstream in(p, std::ios::binary);
  if (!in) return Error::io("theme: cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Error::io("theme: cannot read " + p.string());
  return ss.str();
}

// All "*.mustache" files of dir, keyed by name without the extension.
Result<std::map<std::string, std::string, std::less<>>> read_templates(const fs::path& dir) {
  std::map<std::string, std::string, std::less<>> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string file = p.filename().string();
    if (file.size() <= kExt.size() || !file.ends_with(kExt) || !it->is_regular_file(ec)) continue;
    auto text = read_file(p);
    if (!text) return text.take_error();
    out.emplace(file.substr(0, file.size() - kExt.size()), std::move(*text));
  }
  if (ec) return Error::io("theme: cannot list " + dir.string() + ": " + ec.message());
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

using Partials = std::map<std::string, std::string, std::less<>>;

// Replaces every {{> name}} with the partial's text, recursively. Partials are plain includes
// in a theme, so resolving them once here means rendering never parses again and a
// missing partial is a start-up error rather than a silently empty block.
Result<std::string> inline_partials(const std::string& text, const Partials& partials,
                                    const std::string& file, int depth) {
  if (depth > kMaxPartialDepth) {
    return Error::invalid("theme: " + file + ": partials nested too deeply (recursive include?)");
  }
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (true) {
    const auto open = text.find("{{>", pos);
    if (open == std::string::npos) break;
    const auto close = text.find("}}", open);
    if (close == std::string::npos) {
      return Error::invalid("theme: " + file + ": unclosed partial tag at byte " +
                            std::to_string(open));
    }
    out.append(text, pos, open - pos);
    const std::string name = trim(std::string_view(text).substr(open + 3, close - open - 3));
    const auto it = partials.find(name);
    if (it == partials.end()) {
      return Error::invalid("theme: " + file + ": unknown partial \"" + name + "\"");
    }
    auto inner = inline_partials(it->second, partials, "partials/" + name + ".mustache", depth + 1);
    if (!inner) return inner.take_error();
    out += *inner;
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

// nlohmann::json -> kainjow data. Empty strings and null become false so that sections treat
// them as absent, as mustache.js does.
mstch::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mstch::data d{mstch::data::type::object};
      for (const auto& [k, v] : j.items()) d[k] = to_data(v);  // move, not kainjow's deep copy
      return d;
    }
    case nlohmann::json::value_t::array: {
      mstch::list l;
      l.reserve(j.size());
      for (const auto& v : j) l.push_back(to_data(v));
      return mstch::data{l};
    }
    case nlohmann::json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      if (s.empty()) return mstch::data{false};
      return mstch::data{s};
    }
    case nlohmann::json::value_t::boolean:
      return mstch::data{j.get<bool>()};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mstch::data{false};
    default:
      return mstch::data{j.dump()};
  }
}

// kainjow's html_escape, byte for byte, without appending one character at a time: runs of
// plain bytes are copied whole (most of a page's text has nothing to escape).
std::string escape_html(const std::string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string_view rep;
    switch (s[i]) {
      case '&':
        rep = "&amp;";
        break;
      case '<':
        rep = "&lt;";
        break;
      case '>':
        rep = "&gt;";
        break;
      case '"':
        rep = "&quot;";
        break;
      case '\'':
        rep = "&apos;";
        break;
      default:
        continue;
    }
    out.append(s, run, i - run);
    out += rep;
    run = i + 1;
  }
  out.append(s, run, std::string::npos);
  return out;
}

// kainjow's context and its lookup rules (innermost section first; a dotted name resolved
// whole within one item before trying the next), where the outermost item is the page's view
// model merged with the layers: a top-level name comes from the page if it has it, else from
// the first layer that has it, and the rest of a dotted name is looked up in that value only
// (as in a merged object, where the page's value would have replaced the layers'). Unlike
// kainjow's, it does not split dotted names into new strings on every lookup.
class LayeredContext final : public mstch::basic_context<std::string> {
 public:
  using Data = mstch::basic_data<std::string>;
  explicit LayeredContext(std::vector<const Data*> roots) : roots_(std::move(roots)) {}

  void push(const Data* data) override { items_.push_back(data); }
  void pop() override { items_.pop_back(); }

  const Data* get(const std::string& name) const override {
    if (name.size() == 1 && name[0] == '.') {
      return items_.empty() ? roots_.front() : items_.back();
    }
    if (name.find('.') == std::string::npos) return get_partial(name);
    for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
      if (const Data* var = walk(*it, name, 0)) return var;
    }
    const std::size_t dot = name.find('.');
    part_.assign(name, 0, dot);
    for (const Data* root : roots_) {
      if (const Data* var = root->get(part_)) {
        return dot == std::string::npos ? var : walk(var, name, dot + 1);
      }
    }
    return nullptr;
  }

  const Data* get_partial(const std::string& name) const override {
    for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
      if (const Data* var = (*it)->get(name)) return var;
    }
    for (const Data* root : roots_) {
      if (const Data* var = root->get(name)) return var;
    }
    return nullptr;
  }

 private:
  // The parts of name from pos on, split on '.' as kainjow's split() (std::getline) does: a
  // trailing '.' adds no part.
  const Data* walk(const Data* var, const std::string& name, std::size_t pos) const {
    while (var && pos < name.size()) {
      std::size_t end = name.find('.', pos);
      if (end == std::string::npos) end = name.size();
      part_.assign(name, pos, end - pos);
      var = var->get(part_);
      pos = end + 1;
    }
    return var;
  }

  std::vector<const Data*> roots_;  // the page's view model, then the layers
  std::vector<const Data*> items_;  // sections entered, innermost last
  mutable std::string part_;        // reused: one context per render, one thread
};

// kainjow renders into any stream-like sink; this one appends to a string.
struct StringSink {
  std::string& out;
  StringSink& operator<<(const std::string& s) {
    out += s;
    return *this;
  }
};

}  // namespace

struct Layer::Impl {
  mstch::data data;
};

Layer::Layer(const nlohmann::json& values) : impl_(std::make_unique<Impl>()) {
  if (!values.is_object()) throw std::invalid_argument("render::Layer needs a JSON object");
  impl_->data = to_data(values);
}
Layer::~Layer() = default;

struct Theme::Impl {
  fs::path static_dir;
  // One parsed template per page kind: layout with the page (and all partials) inlined.
  // kainjow's render() is not const, but with partials resolved and no lambdas in the data
  // (to_data never makes one) it only reads the parsed tree; the per-call state lives in the
  // render context. So concurrent renders of one template are safe.
  std::map<std::string, std::unique_ptr<mstch::mustache>, std::less<>> pages;
};

const std::vector<std::string>& Theme::required_templates() {
  static const std::vector<std::string> kRequired = {"home", "category",  "article",
                                                     "page", "not_found", "error"};
  return kRequired;
}

Result<std::unique_ptr<Theme>> Theme::load(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Error::not_found("theme: no such directory " + dir.string());
  const fs::path tdir = dir / "templates";
  if (!fs::is_directory(tdir, ec)) {
    return Error::not_found("theme: no templates directory " + tdir.string());
  }
  auto layout = read_file(tdir / "layout.mustache");
  if (!layout) return layout.take_error();
  auto pages = read_templates(tdir);
  if (!pages) return pages.take_error();
  auto partials = read_templates(tdir / "partials");
  if (!partials) return partials.take_error();
  pages->erase("layout");
  for (const auto& name : required_templates()) {
    if (!pages->contains(name)) {
      return Error::not_found("theme: missing template " + (tdir / (name + ".mustache")).string());
    }
  }
  if (partials->contains(kContentPartial)) {
    return Error::invalid("theme: " + (tdir / "partials/content.mustache").string() +
                          ": \"content\" is reserved for the page inside the layout");
  }

  for (const auto& [name, text] : *partials) {
    mstch::mustache alone{text};
    if (!alone.is_valid()) {
      return Error::invalid("theme: " + (tdir / "partials" / (name + std::string(kExt))).string() +
                            ": " + alone.error_message());
    }
  }

  auto impl = std::make_unique<Impl>();
  impl->static_dir = dir / "static";
  for (const auto& [name, text] : *pages) {
    const std::string file = name + ".mustache";
    // Check the page alone first, so that a syntax error names the page file...
    auto page = inline_partials(text, *partials, file, 0);
    if (!page) return page.take_error();
    mstch::mustache alone{*page};
    if (!alone.is_valid()) {
      return Error::invalid("theme: " + (tdir / file).string() + ": " + alone.error_message());
    }
    // ...then compose it into the layout.
    Partials with_content = *partials;
    with_content.emplace(std::string(kContentPartial), text);
    auto full = inline_partials(*layout, with_content, "layout.mustache", 0);
    if (!full) return full.take_error();
    auto tmpl = std::make_unique<mstch::mustache>(*full);
    if (!tmpl->is_valid()) {
      return Error::invalid("theme: " + (tdir / "layout.mustache").string() + " (with " + file +
                            "): " + tmpl->error_message());
    }
    tmpl->set_custom_escape(escape_html);
    impl->pages.emplace(name, std::move(tmpl));
  }
  return std::unique_ptr<Theme>(new Theme(std::move(impl)));
}

Theme::Theme(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Theme::~Theme() = default;

std::string Theme::render(std::string_view page_template, const nlohmann::json& ctx) const {
  return render(page_template, ctx, {});
}

std::string Theme::render(std::string_view page_template, const nlohmann::json& ctx,
                          std::span<const Layer* const> below) const {
  const auto it = impl_->pages.find(page_template);
  if (it == impl_->pages.end()) {
    throw std::invalid_argument("theme has no template " + std::string(page_template));
  }
  const mstch::data data = to_data(ctx);
  std::vector<const mstch::data*> roots{&data};
  for (const Layer* layer : below) roots.push_back(&layer->impl_->data);
  LayeredContext context(std::move(roots));
  std::string out;
  out.reserve(16 * 1024);
  StringSink sink{out};
  it->second->render(context, sink);
  return out;
}

bool Theme::has_template(std::string_view page_template) const {
  return impl_->pages.find(page_template) != impl_->pages.end();
}

const fs::path& Theme::static_dir() const { return impl_->static_dir; }

}  // namespace congtin::render
