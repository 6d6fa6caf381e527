// The media library's part of `congtin serve`: opens the media table and DIR/media/, builds
// the MediaLibrary and mounts /admin/thu-vien on the router (admin/media.h). Kept out of
// admin_wiring.cc so that the shared file only gains a call. Limits come from
// Config::media_max_mib and media_max_megapixels (uploads reach the server with up to 25 MiB,
// see http::ServerOptions::large_bodies).
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
