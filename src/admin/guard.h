// The guard every back-office handler runs behind — the one place where a request becomes a
// signed-in user, or is turned away:
//   1. the session cookie → AuthService::authenticate(); none, expired or revoked → GET goes
//      to the login page (and back after), POST gets a 403 page saying the session ended;
//      a disabled user's cookie is cleared and they land on the login page;
//   2. a session still waiting for its TOTP code → the code page; an administrator who must
//      enrol TOTP → the enrolment page (unless the route is one of those);
//   3. the route's roles → a Vietnamese 403 page for anyone else;
//   4. for POST (and any method but GET/HEAD): the session's CSRF token, from the form field
//      "_csrf" (application/x-www-form-urlencoded) or the X-CSRF-Token header (fetch, multipart
//      uploads), compared in constant time → 403 page when missing or wrong.
// The handler then gets an AdminRequest with the user, the parsed form (for url-encoded POSTs)
// and helpers; whatever it returns is made uncacheable and given the back office's security
// headers.
//
// Bound by type, not by name: a route is guarded because add_routes wraps it, e.g.
//   router.get("/admin/bai-viet", guarded(deps, kEditors, handle_list));
// Thread-safe: deps is immutable after start-up.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "admin/form.h"
#include "auth/auth_service.h"
#include "http/router.h"

namespace congtin::admin {

struct BackOfficeDeps;

// A set of roles, as a bit mask over content::Role.
class RoleSet {
 public:
  constexpr RoleSet(std::initializer_list<content::Role> roles) {
    for (auto r : roles) bits_ |= 1u << static_cast<unsigned>(r);
  }
  static constexpr RoleSet all() {
    return {content::Role::kContributor, content::Role::kReporter, content::Role::kEditor,
            content::Role::kChiefEditor, content::Role::kAdmin};
  }
  constexpr bool contains(content::Role r) const {
    return (bits_ >> static_cast<unsigned>(r)) & 1u;
  }

 private:
  unsigned bits_ = 0;
};

inline constexpr RoleSet kAdminsOnly = {content::Role::kAdmin};

struct AdminRequest {
  const http::Request& http;
  const http::Params& params;
  const auth::Authenticated& who;
  const Form& form;            // empty unless a url-encoded POST
  const auth::Client& client;  // address (after proxy rules) and user agent
  const BackOfficeDeps& deps;

  // Renders a back-office page: the page's own context merged into the frame's (user, nav,
  // CSRF token, site name, notice from ?tb=).
  http::Response page(std::string_view tmpl, nlohmann::json ctx, int status = 200) const;
  // 303 See Other to a back-office path, with an optional notice code for the next page.
  http::Response see_other(std::string path) const;
};

using AdminHandler = std::function<http::Response(const AdminRequest&)>;

struct GuardOptions {
  bool allow_totp_pending = false;  // the TOTP code page itself
  bool allow_must_enrol = false;    // the enrolment page and logout
};

http::RouteHandler guarded(std::shared_ptr<const BackOfficeDeps> deps, RoleSet roles,
                           AdminHandler handler, GuardOptions options = {});

}  // namespace congtin::admin
