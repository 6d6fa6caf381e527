// Role: what a newsroom account may do. Shared by accounts (src/auth), the back office
// (src/admin) and the workflow (src/content/workflow*), which enforces role x transition rules.
//
// The roles are ordered by rank (contributor lowest, administrator highest) but rank is NOT a
// permission model: the workflow decides per transition, and user management is for kAdmin only.
// Everything here is constexpr/inline and header-only, so any target may include it without
// linking anything. Thread-safe (pure functions over constants).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace congtin::content {

enum class Role {
  kContributor,  // cộng tác viên: writes and submits own drafts
  kReporter,     // phóng viên: writes and submits own drafts
  kEditor,       // biên tập viên: edits submitted articles, returns them, passes them on
  kChiefEditor,  // trưởng ban biên tập: approves, publishes, schedules, takes down, restores
  kAdmin,        // quản trị: users, settings, menu and blocks
};

inline constexpr std::array<Role, 5> kAllRoles = {Role::kContributor, Role::kReporter,
                                                  Role::kEditor, Role::kChiefEditor, Role::kAdmin};

// The stored and command-line form: "cong_tac_vien", "phong_vien", "bien_tap_vien",
// "truong_ban", "quan_tri". Stable: it is written to the database.
constexpr std::string_view role_code(Role r) {
  switch (r) {
    case Role::kContributor:
      return "cong_tac_vien";
    case Role::kReporter:
      return "phong_vien";
    case Role::kEditor:
      return "bien_tap_vien";
    case Role::kChiefEditor:
      return "truong_ban";
    case Role::kAdmin:
      return "quan_tri";
  }
  return "";
}

// The inverse of role_code(); nullopt for anything else (codes are exact, lower case).
constexpr std::optional<Role> role_from_code(std::string_view code) {
  for (Role r : kAllRoles) {
    if (role_code(r) == code) return r;
  }
  return std::nullopt;
}

// The Vietnamese name shown to people (UTF-8, NFC), e.g. "Biên tập viên".
constexpr std::string_view role_label_vi(Role r) {
  switch (r) {
    case Role::kContributor:
      return "Cộng tác viên";
    case Role::kReporter:
      return "Phóng viên";
    case Role::kEditor:
      return "Biên tập viên";
    case Role::kChiefEditor:
      return "Trưởng ban biên tập";
    case Role::kAdmin:
      return "Quản trị";
  }
  return "";
}

// Rank for ordering lists and for "at least" checks where a screen wants one; see the note above.
constexpr int role_rank(Role r) { return static_cast<int>(r); }

}  // namespace congtin::content
