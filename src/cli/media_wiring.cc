#include "cli/media_wiring.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string>

#include "admin/media.h"
#include "media/image.h"
#include "media/library.h"
#include "store/sqlite/media_repository.h"

namespace congtin::cli {
namespace {

long long env_in(const char* name, long long fallback, long long lo, long long hi) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  char* end = nullptr;
  const long long n = std::strtoll(v, &end, 10);
  if (*end != '\0' || n < lo || n > hi) {
    spdlog::warn("{}={} is not an integer from {} to {}; using {}", name, v, lo, hi, fallback);
    return fallback;
  }
  return n;
}

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
  const auto mib = static_cast<std::size_t>(env_in("CONGTIN_MEDIA_MAX_MIB", 20, 1, 24));
  o.image.max_bytes = mib << 20;
  o.max_attachment_bytes = mib << 20;
  o.image.max_pixels = env_in("CONGTIN_MEDIA_MAX_MEGAPIXELS", 40, 1, 200) * 1'000'000;
  parts->library = std::make_unique<media::MediaLibrary>(*parts->repo, *parts->store, clock, o);
  // Aliasing: the routes hold the library, which keeps the repository and the store alive.
  std::shared_ptr<media::MediaLibrary> library(parts, parts->library.get());
  admin::add_media_routes(router, back_office.deps(), std::move(library));
  return {};
}

}  // namespace congtin::cli
