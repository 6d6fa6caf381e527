#include "store/sqlite/workflow_repository.h"

#include <algorithm>

#include "store/sqlite/repositories.h"

namespace congtin::store::sqlite {

using content::ArticleStatus;
using content::Id;
using content::TransitionRecord;
using content::WorkflowRecord;

namespace {

#define CONGTIN_WORKFLOW_COLUMNS                                                      \
  "w.article_id, w.state, w.owner_id, w.owner_name, w.head_revision_id, "             \
  "w.live_revision_id, w.taken_down, w.scheduled_for, w.last_comment, w.updated_at, " \
  "r.title"
#define CONGTIN_WORKFLOW_FROM \
  " FROM article_workflow w JOIN article_revisions r ON r.id = w.head_revision_id "

Result<ArticleStatus> read_status(std::string_view code) {
  auto s = content::status_from_code(code);
  if (!s) return Error::corruption("unknown workflow state \"" + std::string(code) + "\"");
  return *s;
}

Result<WorkflowRecord> read_record(const Statement& s) {
  WorkflowRecord w;
  w.article_id = s.column_int64(0);
  auto state = read_status(s.column_text(1));
  if (!state) return state.take_error();
  w.state = *state;
  w.owner_id = s.column_int64(2);
  w.owner_name = s.column_string(3);
  w.head_revision_id = s.column_int64(4);
  w.live_revision_id = s.column_optional_int64(5);
  w.taken_down = s.column_int64(6) != 0;
  if (auto t = s.column_optional_int64(7)) w.scheduled_for = from_unix(*t);
  w.last_comment = s.column_string(8);
  w.updated_at = from_unix(s.column_int64(9));
  w.title = s.column_string(10);
  return w;
}

// Binds ?1..?10 in the order of the table's columns.
void bind_record(Statement& s, const WorkflowRecord& w) {
  std::optional<std::int64_t> scheduled;
  if (w.scheduled_for) scheduled = to_unix(*w.scheduled_for);
  s.bind(1, w.article_id)
      .bind(2, content::status_code(w.state))
      .bind(3, w.owner_id)
      .bind(4, w.owner_name)
      .bind(5, w.head_revision_id)
      .bind(6, w.live_revision_id)
      .bind(7, w.taken_down)
      .bind(8, scheduled)
      .bind(9, w.last_comment)
      .bind(10, to_unix(w.updated_at));
}

}  // namespace

Status SqliteWorkflowRepository::create(const WorkflowRecord& w) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "INSERT INTO article_workflow (article_id, state, owner_id, owner_name, head_revision_id, "
      "live_revision_id, taken_down, scheduled_for, last_comment, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!stmt) return stmt.take_error();
  bind_record(*stmt, w);
  return stmt->run();
}

Result<WorkflowRecord> SqliteWorkflowRepository::get(Id article_id) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare("SELECT " CONGTIN_WORKFLOW_COLUMNS CONGTIN_WORKFLOW_FROM
                               "WHERE w.article_id = ?1");
  if (!stmt) return stmt.take_error();
  auto row = stmt->bind(1, article_id).step();
  if (!row) return row.take_error();
  if (!*row)
    return Error::not_found("no workflow record for article " + std::to_string(article_id));
  return read_record(*stmt);
}

Status SqliteWorkflowRepository::update(const WorkflowRecord& w, Id expected_head) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "UPDATE article_workflow SET state = ?2, owner_id = ?3, owner_name = ?4, "
      "head_revision_id = ?5, live_revision_id = ?6, taken_down = ?7, scheduled_for = ?8, "
      "last_comment = ?9, updated_at = ?10 WHERE article_id = ?1 AND head_revision_id = ?11");
  if (!stmt) return stmt.take_error();
  bind_record(*stmt, w);
  stmt->bind(11, expected_head);
  if (Status s = stmt->run(); !s) return s;
  if ((*conn)->changes() == 1) return {};
  auto current = get(w.article_id);
  if (!current) return current.take_error();
  return Error::conflict("Bài viết vừa được người khác thay đổi; hãy tải lại trang.");
}

Result<std::vector<WorkflowRecord>> SqliteWorkflowRepository::list(
    const content::WorkflowQuery& q) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  // States travel as one bound string ("draft,returned"), so the SQL text stays fixed.
  std::string states;
  for (auto s : q.states) states += std::string(content::status_code(s)) + ",";
  // The category's subtree as in the public listings (article_repository.cc); UNION stops
  // the walk even if the tree had a cycle.
  auto stmt = (*conn)->prepare(
      "WITH RECURSIVE subtree(id) AS ("
      "  SELECT ?4 WHERE ?4 IS NOT NULL"
      "  UNION SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id) "
      "SELECT " CONGTIN_WORKFLOW_COLUMNS CONGTIN_WORKFLOW_FROM
      "WHERE (?1 IS NULL OR w.owner_id = ?1) "
      "AND (?2 = '' OR instr(?2, w.state || ',') > 0) "
      "AND (?4 IS NULL OR r.category_id IN (SELECT id FROM subtree)) "
      "ORDER BY w.updated_at DESC, w.article_id DESC LIMIT ?3");
  if (!stmt) return stmt.take_error();
  stmt->bind(1, q.owner_id).bind(2, states).bind(3, std::clamp(q.limit, 0, 1000));
  stmt->bind(4, q.category_id);
  std::vector<WorkflowRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) break;
    auto w = read_record(*stmt);
    if (!w) return w.take_error();
    out.push_back(std::move(*w));
  }
  return out;
}

Result<std::vector<Id>> SqliteWorkflowRepository::due(content::Time now) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "SELECT article_id FROM article_workflow WHERE state = 'scheduled' "
      "AND scheduled_for <= ?1 ORDER BY scheduled_for, article_id");
  if (!stmt) return stmt.take_error();
  stmt->bind(1, to_unix(now));
  return stmt->int64_column();
}

Result<Id> SqliteWorkflowRepository::record(const TransitionRecord& t) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "INSERT INTO article_transitions (article_id, revision_id, actor_id, actor_name, at, "
      "action, from_state, to_state, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!stmt) return stmt.take_error();
  stmt->bind(1, t.article_id)
      .bind(2, t.revision_id)
      .bind(3, t.actor_id)
      .bind(4, t.actor_name)
      .bind(5, to_unix(t.at))
      .bind(6, content::action_code(t.action))
      .bind(7, content::status_code(t.from))
      .bind(8, content::status_code(t.to))
      .bind(9, t.comment);
  if (Status s = stmt->run(); !s) return s.take_error();
  return (*conn)->last_insert_id();
}

Result<std::vector<TransitionRecord>> SqliteWorkflowRepository::history(Id article_id) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "SELECT id, article_id, revision_id, actor_id, actor_name, at, action, from_state, "
      "to_state, comment FROM article_transitions WHERE article_id = ?1 ORDER BY id");
  if (!stmt) return stmt.take_error();
  stmt->bind(1, article_id);
  std::vector<TransitionRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) break;
    TransitionRecord t;
    t.id = stmt->column_int64(0);
    t.article_id = stmt->column_int64(1);
    t.revision_id = stmt->column_optional_int64(2);
    t.actor_id = stmt->column_int64(3);
    t.actor_name = stmt->column_string(4);
    t.at = from_unix(stmt->column_int64(5));
    auto action = content::action_from_code(stmt->column_text(6));
    if (!action) return Error::corruption("unknown workflow action in article_transitions");
    t.action = *action;
    auto from = read_status(stmt->column_text(7));
    if (!from) return from.take_error();
    auto to = read_status(stmt->column_text(8));
    if (!to) return to.take_error();
    t.from = *from;
    t.to = *to;
    t.comment = stmt->column_string(9);
    out.push_back(std::move(t));
  }
  return out;
}

#undef CONGTIN_WORKFLOW_COLUMNS
#undef CONGTIN_WORKFLOW_FROM

}  // namespace congtin::store::sqlite
