// The media library in the back office (issue 3, item 8).
//
// Routes (a fixed contract: the article editor uploads through the second one):
//   GET  /admin/thu-vien              the library: a grid of thumbnails with file name, size,
//                                     dimensions, uploader, date, editable alt and caption;
//                                     ?trang=N pages through it (newest first)
//   POST /admin/thu-vien/tai-len      multipart/form-data: field "file", optional "alt" and
//                                     "caption"; CSRF in the X-CSRF-Token header or a "_csrf"
//                                     field. A fetch caller (Accept: application/json or an
//                                     X-Requested-With header) gets 201
//                                     {"id","location","width","height","srcset",
//                                      "webp_srcset","kind","file_name","alt","caption"}
//                                     or 4xx {"error": "Vietnamese message"} (413 for a file
//                                     over the limit, 422 for a refused file, 403 for the
//                                     guard); a plain form post is redirected to the library
//                                     with a notice, or the library is shown with the error.
//   POST /admin/thu-vien/{id}         url-encoded alt and caption (JSON callers get
//                                     {"id","alt","caption"})
//   POST /admin/thu-vien/{id}/xoa     delete the record of a file nothing uses
// Roles: every newsroom role and the administrator may see and upload and edit alt/caption;
// deleting is for biên tập viên and above, and only of files no article or revision uses.
// Bodies of up to 25 MiB reach /admin/thu-vien/ (http::ServerOptions::large_bodies); the
// library's own limits (media::LibraryOptions) are lower and give the Vietnamese messages.
//
// Thread-safety: the handlers may run on many threads; library must outlive the router.
#pragma once

#include <memory>

#include "admin/admin.h"
#include "http/router.h"
#include "media/library.h"

namespace congtin::admin {

void add_media_routes(http::Router& router, const std::shared_ptr<const BackOfficeDeps>& deps,
                      std::shared_ptr<media::MediaLibrary> library);

}  // namespace congtin::admin
