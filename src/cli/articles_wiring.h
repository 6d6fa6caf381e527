// The newsroom's article screens in `congtin serve`: opens the workflow records for listing,
// loads the site's theme for the preview, mounts /admin/bai-viet (admin/articles.h) and gives
// the start page its queues. Kept out of admin_wiring.cc so that the shared file only gains a
// call.
#pragma once

#include "admin/admin.h"
#include "cli/admin_wiring.h"
#include "core/config.h"
#include "core/result.h"
#include "http/router.h"

namespace congtin::cli {

// The routes share ownership of what they use. Errors: opening the database (kNotFound,
// kUnavailable, kCorruption) or loading the public theme.
Status wire_articles(const Config& config, const AdminContext& ctx, admin::BackOffice& back_office,
                     http::Router& router);

}  // namespace congtin::cli
