// The newsroom's tables (issue 3, part B), applied as one migration in migrations.cc.
// Never edit once released: change the schema with a new migration.
//
// The articles table keeps holding what the public site shows; these tables hold every saved
// revision, where each article stands in the workflow (which revision is the head, which is
// live), the transitions, and the audit log. Transitions and the audit log are append-only:
// triggers refuse UPDATE and DELETE, so not even a bug (or a hand-typed SQL session) can
// rewrite history. user ids are plain integers (no foreign key): a user may be removed, the
// record of what they did stays, with their name.
#pragma once

#include <string_view>

namespace congtin::store::sqlite {

inline constexpr std::string_view kNewsroomSchema = R"sql(
CREATE TABLE article_revisions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  based_on      INTEGER REFERENCES article_revisions(id),
  author_id     INTEGER NOT NULL,
  author_name   TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL,
  slug          TEXT NOT NULL,
  lead          TEXT NOT NULL DEFAULT '',
  body_html     TEXT NOT NULL DEFAULT '',
  cover_image   TEXT NOT NULL DEFAULT '',
  cover_caption TEXT NOT NULL DEFAULT '',
  cover_alt     TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  author_unit   TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL DEFAULT '',
  category_id   INTEGER NOT NULL DEFAULT 0,
  tags          TEXT NOT NULL DEFAULT '',  -- one tag per line, in order
  featured      INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  UNIQUE (article_id, number)
);
CREATE TRIGGER article_revisions_immutable BEFORE UPDATE ON article_revisions
BEGIN SELECT RAISE(ABORT, 'article revisions are never changed'); END;

-- One row per article in the newsroom. live_revision_id: what the articles row holds (the
-- public content); head_revision_id: the newest revision, the one in `state`.
CREATE TABLE article_workflow (
  article_id       INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  state            TEXT NOT NULL,
  owner_id         INTEGER NOT NULL,
  owner_name       TEXT NOT NULL,
  head_revision_id INTEGER NOT NULL REFERENCES article_revisions(id),
  live_revision_id INTEGER REFERENCES article_revisions(id),
  taken_down       INTEGER NOT NULL DEFAULT 0 CHECK (taken_down IN (0, 1)),
  scheduled_for    INTEGER,
  last_comment     TEXT NOT NULL DEFAULT '',
  updated_at       INTEGER NOT NULL
);
CREATE INDEX article_workflow_owner ON article_workflow(owner_id, state, updated_at DESC);
CREATE INDEX article_workflow_state ON article_workflow(state, updated_at DESC);
CREATE INDEX article_workflow_due ON article_workflow(scheduled_for) WHERE state = 'scheduled';

CREATE TABLE article_transitions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id  INTEGER NOT NULL,
  revision_id INTEGER,
  actor_id    INTEGER NOT NULL,  -- 0: the system (scheduler)
  actor_name  TEXT NOT NULL,
  at          INTEGER NOT NULL,
  action      TEXT NOT NULL,
  from_state  TEXT NOT NULL,
  to_state    TEXT NOT NULL,
  comment     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX article_transitions_article ON article_transitions(article_id, id);
CREATE TRIGGER article_transitions_no_update BEFORE UPDATE ON article_transitions
BEGIN SELECT RAISE(ABORT, 'article transitions are append-only'); END;
CREATE TRIGGER article_transitions_no_delete BEFORE DELETE ON article_transitions
BEGIN SELECT RAISE(ABORT, 'article transitions are append-only'); END;

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          INTEGER NOT NULL,
  actor_id    INTEGER,
  actor_name  TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,
  target_type TEXT NOT NULL DEFAULT '',
  target_id   INTEGER,
  detail      TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at DESC);
CREATE INDEX audit_log_target ON audit_log(target_type, target_id, at DESC);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

}  // namespace congtin::store::sqlite
