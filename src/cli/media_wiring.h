// The media library's part of `congtin serve`: opens the media table and DIR/media/, builds
// the MediaLibrary and mounts /admin/thu-vien on the router (admin/media.h). Kept out of
// admin_wiring.cc so that the shared file only gains a call.
//
// Settings beyond Config (TODO(lead): move into Config with TOML keys):
//   CONGTIN_MEDIA_MAX_MIB=20        largest image or attachment, 1-24 (uploads reach the server
//                                   with up to 25 MiB, see http::ServerOptions::large_bodies)
//   CONGTIN_MEDIA_MAX_MEGAPIXELS=40 largest image in millions of pixels (all frames), 1-200
#pragma once

#include <memory>

#include "admin/admin.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "http/router.h"

namespace congtin::cli {

// The library lives as long as the routes that use it (they share its ownership).
// kNotFound/kUnavailable/kCorruption from opening the database.
Status wire_media(const Config& config, const Clock& clock, const admin::BackOffice& back_office,
                  http::Router& router);

}  // namespace congtin::cli
