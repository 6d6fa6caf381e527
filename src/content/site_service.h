// SiteService: writes to the site's own content — settings, menu categories, the links
// (LIÊN KẾT) and support contacts (HỖ TRỢ TRỰC TUYẾN) blocks, static pages — with the same
// rules everywhere: text in NFC with spaces squashed, bounded lengths, sanitised HTML, valid
// slugs, http(s) URLs, plausible phone numbers and e-mail addresses.
//
// Two kinds of callers:
//   * `congtin init --demo` and `serve` (base_url) use save_settings() and the add_*() calls,
//     with no actor, no audit and no events (nothing is serving yet);
//   * the back office uses the calls that take a SiteActor. Each validates, writes in one
//     transaction, and once committed appends one entry to the audit log (a failed append is
//     logged, not returned: the change is already made) and publishes kSiteChanged
//     (settings, links, contacts) or kCategoriesChanged (categories) so that the page cache
//     renews every page. Messages of the back-office calls are Vietnamese, for the person.
//
// Menu rules: categories nest two levels at most (the public menu shows a top level and one
// level of children), so a parent must be a top-level category and a category with children
// stays at the top. A category's slug cannot change while it has articles: the public site
// does not redirect old category slugs, and shared links would break. A category is deleted
// only when it has no articles and no children.
//
// Thread-safe as long as the store, event bus and audit log are; holds no mutable state.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "content/audit.h"
#include "content/events.h"
#include "content/model.h"
#include "content/repository.h"
#include "core/clock.h"
#include "core/result.h"

namespace congtin::content {

// Who asked for a back-office change, as the audit log records it.
struct SiteActor {
  std::optional<Id> id;
  std::string name;     // username
  std::string address;  // client address
};

enum class Move { kUp, kDown };

// Action codes of the audit entries written here (content/audit.h allows free-form codes).
namespace audit_action {
inline constexpr std::string_view kMenuChange = "menu_change";        // target: category
inline constexpr std::string_view kLinkChange = "link_change";        // target: link
inline constexpr std::string_view kContactChange = "contact_change";  // target: contact
}  // namespace audit_action

// Length limits, in Unicode code points (after NFC and squashing).
inline constexpr std::size_t kMaxNameChars = 200;   // names, titles, roles, footer lines
inline constexpr std::size_t kMaxLongChars = 1000;  // slogan, descriptions, copyright
inline constexpr std::size_t kMaxUrlBytes = 2000;

class SiteService {
 public:
  // For init and serve: no audit, no events; the back-office calls need the full form.
  explicit SiteService(Store& store) : store_(store) {}
  SiteService(Store& store, EventBus& events, AuditLog& audit, const Clock& clock)
      : store_(store), events_(&events), audit_(&audit), clock_(&clock) {}

  // --- init, import, serve -------------------------------------------------------------
  // kInvalidArgument for an empty name or a base_url that is not http(s). Other fields are
  // only cleaned, so that settings stored by an older congtin never stop `serve` starting.
  Status save_settings(SiteSettings s);
  // kInvalidArgument for an empty name or a malformed slug; kConflict if the slug is taken.
  Result<Id> add_category(Category c);
  // Only http(s) URLs are accepted for links.
  Result<Id> add_link(LinkItem item);
  Result<Id> add_contact(ContactItem item);
  Result<Id> add_page(Page p);

  // --- the back office -----------------------------------------------------------------
  // Every field validated: name required; logo empty or a path under /media/ or /static/;
  // phone and fax, e-mail checked when given. base_url is kept as stored (it comes from the
  // configuration). kInvalidArgument names the field in Vietnamese.
  Status update_settings(const SiteActor& by, SiteSettings s);

  // A new category at the end of its siblings. kInvalidArgument (empty name, bad slug, too
  // deep, unknown parent), kConflict (slug taken).
  Result<Id> create_category(const SiteActor& by, Category c, bool in_menu = true);
  // Replaces name, slug (empty: keep), description, parent and menu visibility of c.id; the
  // position is kept, or the category goes last among its new siblings when the parent
  // changes. kNotFound, kInvalidArgument (as above, or a parent that would make a cycle),
  // kConflict (slug taken, or slug changed while it has articles: the message says why).
  Status update_category(const SiteActor& by, Category c, bool in_menu);
  // Swaps the category with its previous (kUp) or next (kDown) sibling; at either end it is a
  // no-op that still succeeds. kNotFound for an unknown id.
  Status move_category(const SiteActor& by, Id id, Move move);
  // kNotFound; kConflict while it has articles or child categories (the message says which).
  Status delete_category(const SiteActor& by, Id id);

  // Links and contacts: create at the end, update in place, move among their block, delete.
  // kInvalidArgument for invalid fields, kNotFound for unknown ids.
  Result<Id> create_link(const SiteActor& by, LinkItem item);
  Status update_link(const SiteActor& by, LinkItem item);
  Status move_link(const SiteActor& by, Id id, Move move);
  Status delete_link(const SiteActor& by, Id id);
  Result<Id> create_contact(const SiteActor& by, ContactItem item);
  Status update_contact(const SiteActor& by, ContactItem item);
  Status move_contact(const SiteActor& by, Id id, Move move);
  Status delete_contact(const SiteActor& by, Id id);

 private:
  // Once `written` (a transaction's result) is ok: appends the audit entry and publishes
  // `kind`. Returns `written`.
  Status after_commit(Status written, const SiteActor& by, std::string_view action,
                      std::string_view target_type, std::optional<Id> target_id, std::string detail,
                      EventKind kind);

  Store& store_;
  EventBus* events_ = nullptr;
  AuditLog* audit_ = nullptr;
  const Clock* clock_ = nullptr;
};

// Checks shared with the back-office forms (exposed for tests). Each returns nullopt when
// the value is fine, else a Vietnamese sentence naming `field`.
std::optional<std::string> check_http_url(std::string_view url);
std::optional<std::string> check_phone(std::string_view field, std::string_view phone);
std::optional<std::string> check_email(std::string_view field, std::string_view email);
// Empty, or a path under /media/ or /static/ of URL-safe characters, without "..".
std::optional<std::string> check_logo_path(std::string_view path);

}  // namespace congtin::content
