#include "site/chrome_layers.h"

#include <utility>

namespace congtin::site {
namespace {

// Everything menu_json reads from a Where.
std::string place_key(const Where& w) {
  std::string key = w.home ? "h" : "-";
  key += w.category ? std::to_string(*w.category) : std::string();
  key += w.category_is_current ? "!" : "/";
  key += w.page_slug;
  return key;
}

}  // namespace

ChromeLayers::ChromeLayers(std::shared_ptr<const Chrome> chrome) : chrome_(std::move(chrome)) {
  nlohmann::json common = chrome_common_json(*chrome_);
  site_ = common["site"];
  common_ = std::make_unique<const render::Layer>(common);
}

std::shared_ptr<const render::Layer> ChromeLayers::menu(const Where& where) const {
  const std::string key = place_key(where);
  {
    std::lock_guard lock(mu_);
    if (auto it = menus_.find(key); it != menus_.end()) return it->second;
  }
  // Built outside the lock; two threads may both build the first one (the same value).
  auto made = std::make_shared<const render::Layer>(chrome_menu_json(*chrome_, where));
  std::lock_guard lock(mu_);
  if (menus_.size() >= kMaxMenus) return made;
  return menus_.emplace(key, std::move(made)).first->second;
}

}  // namespace congtin::site
