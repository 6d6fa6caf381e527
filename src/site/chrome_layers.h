// ChromeLayers: one chrome snapshot (view_models.h) prepared for rendering, so that a full
// render converts only the page's own view model.
//
// It holds the chrome, its "site" JSON (the metadata reads it) and, as render::Layers, the
// keys every page shares (chrome_common_json) and the menu for each place a visitor can be
// (chrome_menu_json, made on first use of each place). A page renders its own page_context
// plus its content with these layers below it (render_page in handlers.h); the output is
// byte for byte that of chrome_context merged into the page.
//
// Made by ChromeCache once per chrome snapshot and dropped with it, so it is never older
// than the chrome it was made from.
//
// Thread-safety: every method may be called from any thread; the layers are immutable.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "render/theme.h"
#include "site/view_models.h"

namespace congtin::site {

class ChromeLayers {
 public:
  // Places beyond this many menus are rendered without keeping their menu (a bound on
  // memory for stored data naming many categories; a site has a few dozen places).
  static constexpr std::size_t kMaxMenus = 512;

  explicit ChromeLayers(std::shared_ptr<const Chrome> chrome);
  ChromeLayers(const ChromeLayers&) = delete;
  ChromeLayers& operator=(const ChromeLayers&) = delete;

  const Chrome& chrome() const { return *chrome_; }
  // site_json of the settings: what ctx["site"] holds in chrome_context.
  const nlohmann::json& site() const { return site_; }
  // chrome_common_json as a layer.
  const render::Layer& common() const { return *common_; }
  // chrome_menu_json(where) as a layer, kept for the next page at the same place.
  std::shared_ptr<const render::Layer> menu(const Where& where) const;

 private:
  std::shared_ptr<const Chrome> chrome_;
  nlohmann::json site_;
  std::unique_ptr<const render::Layer> common_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const render::Layer>, std::less<>> menus_;
};

}  // namespace congtin::site
