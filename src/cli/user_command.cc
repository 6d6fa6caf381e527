// `congtin user add`: creates an account from the console — how the first administrator is
// made. The password comes from standard input (one line), never from the command line, where
// other users of the machine could read it in the process list.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "auth/auth_service.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "store/sqlite/audit_repository.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/user_repository.h"

namespace congtin::cli {
namespace {

// Reads one line; on a terminal, without echo and after a prompt on standard error.
bool read_password(std::string& out) {
  const bool tty = ::isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (tty) {
    std::cerr << "Mật khẩu: " << std::flush;
    if (::tcgetattr(STDIN_FILENO, &saved) == 0) {
      termios quiet = saved;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
  }
  const bool ok = static_cast<bool>(std::getline(std::cin, out));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return ok;
}

}  // namespace

int user_add(const UserAddOptions& o) {
  auto role = content::role_from_code(o.role);
  if (!role) {
    return fail("unknown role \"" + o.role +
                "\"; use one of cong_tac_vien, phong_vien, bien_tap_vien, truong_ban, quan_tri");
  }
  // Opening the content store first brings the schema up to date (accounts are migration 2).
  auto store = store::open_sqlite_store(o.data_dir / "congtin.db", store::OpenMode::kOpenExisting);
  if (!store) return fail(store.error().message);
  auto accounts = store::sqlite::open_accounts(o.data_dir / "congtin.db");
  if (!accounts) return fail(accounts.error().message);
  if (auto s = auth::init_crypto(); !s) return fail(s.error().message);

  std::string password;
  if (!read_password(password) || password.empty())
    return fail("no password on standard input (give it as one line)");

  SystemClock clock;
  store::sqlite::SqliteAuditLog audit(*(*accounts)->pool);
  auth::AuthService service(*(*accounts)->users, *(*accounts)->sessions, *(*accounts)->attempts,
                            *(*accounts)->settings, audit, clock);
  auth::NewUser u{o.username, o.display_name, *role, password};
  auto id = service.create_user_from_console(u);
  if (!id) return fail(id.error().message);
  std::cout << "created user " << o.username << " (" << content::role_code(*role) << "), id " << *id
            << "\n";
  return 0;
}

}  // namespace congtin::cli
