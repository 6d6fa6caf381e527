// Responsive images on the public site: <img> elements whose file the media library made
// variants of get a WebP <source> and srcset/sizes, so a phone on a slow network downloads the
// 480-pixel WebP instead of the full-size JPEG.
//
// Called once where an article is rendered (site/article.cc); pages are cached, so the cost
// (one small manifest read per image) is paid once per publish, not per visit. Images the
// library did not make — imported before it existed, hot-linked, attachments — are left
// exactly as they are, as are animated images (shown as uploaded).
//
// The HTML is the sanitiser's output (html/sanitize.h): double-quoted attributes, escaped
// values, no <picture> of its own; the scanner relies on that form and leaves anything it
// does not recognise untouched.
//
// Thread-safety: pure functions of their arguments; the lookup made by image_set_lookup()
// may be called from any thread.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "media/media_store.h"

namespace congtin::media {

using ImageSetLookup = std::function<std::optional<ImageSet>(std::string_view url)>;

// The article column is at most 50rem wide and the full width of a phone.
inline constexpr std::string_view kArticleSizes = "(max-width: 50rem) 100vw, 50rem";

// Reads the manifests MediaStore::put_processed() wrote under media_dir (DIR/media).
ImageSetLookup image_set_lookup(std::filesystem::path media_dir);

// Each <img src="URL" …> with a known, non-animated set becomes
//   <picture><source type="image/webp" srcset="…" sizes="…"><img src="URL" … srcset="…"
//   sizes="…" width="W" height="H" loading="lazy"></picture>
// (width/height/loading only when the tag has none). Everything else is copied as is.
std::string responsive_images(std::string_view html, const ImageSetLookup& lookup);

// An article view model (site/view_models.h article_json) with responsive_images() applied
// to "body_html" and, when its cover has a set, "cover" gaining srcset, webp_srcset, sizes,
// width and height (for the theme's <picture>).
nlohmann::json with_responsive_images(nlohmann::json article, const ImageSetLookup& lookup);

}  // namespace congtin::media
