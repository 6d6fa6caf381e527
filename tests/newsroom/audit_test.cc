// The SQLite audit log: append and read back with filters; UPDATE and DELETE fail, on the
// audit log and on the workflow transitions, whoever tries (a raw connection here).
#include <gtest/gtest.h>

#include "newsroom_fixture.h"
#include "store/sqlite/db.h"

namespace congtin::content::testing {
namespace {

class AuditTest : public NewsroomTest {
 protected:
  AuditEntry entry(std::string action, std::optional<Id> actor, std::int64_t t) {
    AuditEntry e;
    e.at = at(t);
    e.actor_id = actor;
    e.actor_name = actor ? "user" + std::to_string(*actor) : "khach";
    e.action = std::move(action);
    e.target_type = "user";
    e.target_id = 42;
    e.detail = "vai trò: phong_vien → bien_tap_vien";
    e.address = "198.51.100.7";
    return e;
  }

  // A raw SQLite connection on the same file, as a person with the sqlite3 shell would have.
  std::unique_ptr<store::sqlite::Connection> raw() {
    auto c = store::sqlite::Connection::open(dir_ / "congtin.db", {});
    EXPECT_TRUE(c.ok());
    return c.ok() ? std::move(*c) : nullptr;
  }
};

TEST_F(AuditTest, AppendsAndListsNewestFirstWithFilters) {
  AuditLog& log = newsroom_->audit();
  ASSERT_TRUE(log.append(entry(std::string(audit_action::kLogin), 1, 100)).ok());
  ASSERT_TRUE(log.append(entry(std::string(audit_action::kLoginFailed), std::nullopt, 200)).ok());
  ASSERT_TRUE(log.append(entry(std::string(audit_action::kUserRole), 1, 300)).ok());
  EXPECT_EQ(error_kind(log.append(entry("", 1, 400))), ErrorKind::kInvalidArgument);

  auto all = log.list({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].action, "user_role");
  EXPECT_EQ((*all)[0].detail, "vai trò: phong_vien → bien_tap_vien");
  EXPECT_EQ((*all)[0].address, "198.51.100.7");
  EXPECT_EQ((*all)[1].actor_id, std::nullopt);
  EXPECT_EQ((*all)[2].at, at(100));

  AuditQuery q;
  q.actor_id = 1;
  auto mine = log.list(q);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 2u);
  q = {};
  q.action = "login_failed";
  auto failed = log.list(q);
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->size(), 1u);
  q = {};
  q.since = at(200);
  q.limit = 1;
  auto recent = log.list(q);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ((*recent)[0].at, at(300));
}

TEST_F(AuditTest, UpdateAndDeleteAreRefusedByTheDatabase) {
  ASSERT_TRUE(newsroom_->audit().append(entry("login", 1, 100)).ok());
  auto c = raw();
  ASSERT_NE(c, nullptr);
  for (const char* sql : {"UPDATE audit_log SET detail = 'sửa'", "DELETE FROM audit_log"}) {
    Status s = c->exec_script(sql);
    ASSERT_FALSE(s.ok()) << sql;
    EXPECT_NE(s.error().message.find("append-only"), std::string::npos) << s.error().message;
  }
  auto all = newsroom_->audit().list({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].detail, "vai trò: phong_vien → bien_tap_vien");
}

TEST_F(AuditTest, TransitionsAndRevisionsCannotBeRewritten) {
  const Id id = reviewed_draft(reporter, "Tin kiểm tra");
  auto c = raw();
  ASSERT_NE(c, nullptr);
  for (const char* sql :
       {"UPDATE article_transitions SET comment = 'x'", "DELETE FROM article_transitions",
        "UPDATE article_revisions SET title = 'x'"}) {
    EXPECT_FALSE(c->exec_script(sql).ok()) << sql;
  }
  auto h = svc().history(id);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->size(), 2u);
}

}  // namespace
}  // namespace congtin::content::testing
