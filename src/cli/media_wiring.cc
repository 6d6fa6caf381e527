#include "cli/media_wiring.h"

#include <string>

#include "admin/media.h"
#include "media/image.h"
#include "media/library.h"
#include "store/sqlite/media_repository.h"

namespace congtin::cli {
namespace {

// Everything the routes use, owned together.
struct MediaParts {
  std::unique_ptr<media::MediaRepository> repo;
  std::unique_ptr<media::MediaStore> store;
  std::unique_ptr<media::MediaLibrary> library;
};

}  // namespace

Status wire_media(const Config& config, const Clock& clock, const admin::BackOffice& back_office,
                  http::Router& router) {
  media::init_vips();
  auto repo = store::open_sqlite_media(config.db_path());
  if (!repo) return repo.take_error();
  auto parts = std::make_shared<MediaParts>();
  parts->repo = std::move(*repo);
  parts->store = std::make_unique<media::MediaStore>(config.media_dir());

  media::LibraryOptions o;
  const auto bytes = static_cast<std::size_t>(config.media_max_mib) << 20;
  o.image.max_bytes = bytes;
  o.max_attachment_bytes = bytes;
  o.image.max_pixels = static_cast<std::int64_t>(config.media_max_megapixels) * 1'000'000;
  parts->library = std::make_unique<media::MediaLibrary>(*parts->repo, *parts->store, clock, o);
  // Aliasing: the routes hold the library, which keeps the repository and the store alive.
  std::shared_ptr<media::MediaLibrary> library(parts, parts->library.get());
  admin::add_media_routes(router, back_office.deps(), std::move(library));
  return {};
}

}  // namespace congtin::cli
