// Theme: the Mustache templates and static files of the public site, loaded once at start.
//
// A theme directory holds
//   templates/layout.mustache     the page frame; it includes the page with {{> content}}
//   templates/<page>.mustache     one per page kind (home, category, article, page,
//                                 not_found, error are required; others are loaded too)
//   templates/partials/*.mustache pieces included with {{> name}} (header, footer...)
//   static/                       CSS, images, fonts, served under /static/
// load() reads and parses everything up front, so a broken theme stops the process at start
// with a message naming the file, and rendering never touches the disk. Partials are
// resolved when the theme is loaded (they are plain includes; recursion is an error), so each
// page kind is one parsed template.
//
// Values are HTML-escaped ({{x}} escapes & < > " '); only {{{x}}} is emitted raw, which the
// default theme uses for sanitised body_html alone. As in mustache.js, an empty string, null,
// false and an empty list are falsey in sections, so {{#x}}...{{/x}} hides empty fields.
// Numbers are rendered as their JSON text.
//
// Layers: the values most pages share (the site's chrome) can be converted once into a Layer
// and passed to render() below the page's own view model. A name is looked up in the page's
// view model first, then in each layer in order, exactly as if the layers' keys had been
// copied into the view model where it has none of its own.
//
// Thread-safety: a loaded Theme is immutable; render() may be called from many threads. A
// Layer is immutable once made and may be shared by any number of concurrent renders.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.h"

namespace congtin::render {

// Values converted once for rendering, for parts of the view model that many pages share.
class Layer {
 public:
  // values must be a JSON object (anything else is a bug: std::invalid_argument); the same
  // conversion as render()'s view model applies (empty strings and null are falsey).
  explicit Layer(const nlohmann::json& values);
  ~Layer();
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

 private:
  friend class Theme;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Theme {
 public:
  // Page templates every theme must provide.
  static const std::vector<std::string>& required_templates();

  // Loads the theme at dir. kNotFound if dir, templates/ or a required template is missing;
  // kIo if a file cannot be read; kInvalidArgument if a template has a syntax error, includes
  // an unknown or recursive partial. Every message names the file.
  static Result<std::unique_ptr<Theme>> load(const std::filesystem::path& dir);

  ~Theme();
  Theme(const Theme&) = delete;
  Theme& operator=(const Theme&) = delete;

  // Renders the page template (a file name without ".mustache", e.g. "article") inside the
  // layout with ctx as the view model. An unknown page_template is a bug in the caller and
  // throws std::invalid_argument.
  std::string render(std::string_view page_template, const nlohmann::json& ctx) const;
  // The same with layers below ctx: names ctx lacks are looked up in below[0], below[1]...
  // The output equals render() of ctx with the layers' values merged in where ctx has no key.
  std::string render(std::string_view page_template, const nlohmann::json& ctx,
                     std::span<const Layer* const> below) const;

  // True if the theme has this page template.
  bool has_template(std::string_view page_template) const;

  // The theme's static/ directory (it may not exist).
  const std::filesystem::path& static_dir() const;

 private:
  struct Impl;
  explicit Theme(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace congtin::render
