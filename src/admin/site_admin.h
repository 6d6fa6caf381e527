// SiteAdmin: the administrators' screens for the site itself and the audit log —
//   GET  /admin/chuyen-muc              categories and menu (tree, order); POST: create
//   GET  /admin/chuyen-muc/{id}         edit form; POST: save
//   POST /admin/chuyen-muc/{id}/len     move up among its siblings; .../xuong: down
//   POST /admin/chuyen-muc/{id}/xoa     delete (only when it has no articles, no children)
//   GET  /admin/lien-ket                the LIÊN KẾT block; POST: add;   {id}, len, xuong, xoa
//   GET  /admin/ho-tro                  HỖ TRỢ TRỰC TUYẾN contacts; POST: add; {id}, len, xuong,
//   xoa GET  /admin/cai-dat                 site settings (name, slogan, logo, footer); POST: save
//   GET  /admin/nhat-ky                 the audit log, newest first; filters ?hanh-dong=CODE
//                                       &nguoi=USER_ID&tu=YYYY-MM-DD&den=YYYY-MM-DD&trang=N
// Every route is for quản trị only, behind the guard (session, role, CSRF on POST). Writes
// go through content::SiteService, which validates, records the audit entry and announces
// the change on the event bus (the page cache renews the public pages). Input errors
// re-render the form with a Vietnamese message and status 422; a successful POST answers
// 303 to the list with a notice.
//
// Thread-safety: immutable after construction; handlers may run on many threads. The store,
// event bus and audit log must outlive the router's use of the routes.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "content/audit.h"
#include "content/events.h"
#include "content/repository.h"
#include "http/router.h"

namespace congtin::admin {

struct BackOfficeDeps;

struct SiteAdminDeps {
  content::Store& store;
  content::EventBus& events;
  content::AuditLog& audit;
};

// For AdminOptions::site_name: the name saved in the site's settings, read from store at each
// call (one row); empty when there is none or it cannot be read.
std::function<std::string()> stored_site_name(content::Store& store);

class SiteAdmin {
 public:
  // back_office: BackOffice::deps() (the guard's dependencies).
  SiteAdmin(std::shared_ptr<const BackOfficeDeps> back_office, SiteAdminDeps site);
  ~SiteAdmin();

  void add_routes(http::Router& router) const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace congtin::admin
