// NewsroomService, the writing half: drafts, saves, restores, validation, adoption of
// articles that came in without the newsroom. The workflow half is newsroom_service.cc.
#include <algorithm>

#include "content/newsroom_service.h"
#include "html/sanitize.h"
#include "text/vietnamese.h"

namespace congtin::content {

namespace {

std::string clean_line(std::string_view s) { return text::squash_spaces(text::to_nfc(s)); }

}  // namespace

Status NewsroomService::validate(ArticleContent& c, Id article_id) {
  c.title = clean_line(c.title);
  if (c.title.empty()) return Error::invalid("Tiêu đề bài viết không được để trống.");
  c.lead = text::to_nfc(c.lead);
  c.cover_image = text::to_nfc(c.cover_image);
  c.cover_caption = clean_line(c.cover_caption);
  c.cover_alt = clean_line(c.cover_alt);
  c.author = clean_line(c.author);
  c.author_unit = clean_line(c.author_unit);
  c.source = clean_line(c.source);
  std::vector<std::string> tags;
  for (const auto& t : c.tags) {
    std::string tag = clean_line(t);
    if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end())
      tags.push_back(std::move(tag));
  }
  c.tags = std::move(tags);
  if (!c.cover_image.empty() && c.cover_alt.empty()) c.cover_alt = c.cover_caption;

  auto body = html::sanitize(c.body_html);
  if (!body) return body.take_error();
  c.body_html = std::move(*body);

  if (c.category_id != 0) {
    auto cat = store_.categories().by_id(c.category_id);
    if (!cat && cat.error().kind == ErrorKind::kNotFound)
      return Error::invalid("Chuyên mục đã chọn không còn tồn tại; hãy chọn chuyên mục khác.");
    if (!cat) return cat.take_error();
  }

  if (c.slug.empty()) return {};  // filled by the caller
  if (!is_valid_slug(c.slug)) {
    return Error::invalid("Đường dẫn “" + c.slug +
                          "” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang.");
  }
  // A slug may be this article's own (current or old); anyone else's is taken.
  auto taken = store_.articles().slug_taken(c.slug);
  if (!taken) return taken.take_error();
  if (!*taken) return {};
  auto owner = store_.articles().by_slug(c.slug);
  if (!owner && owner.error().kind == ErrorKind::kNotFound)
    owner = store_.articles().by_old_slug(c.slug);
  if (!owner) return owner.take_error();
  if (owner->id != article_id) {
    return Error::conflict("Đường dẫn “" + c.slug + "” đã được bài viết khác sử dụng.");
  }
  return {};
}

Result<std::string> NewsroomService::unique_slug(std::string_view title) {
  std::string base = text::slugify(title, 100);
  if (base.empty()) base = "bai-viet";
  for (int n = 1; n <= 1000; ++n) {
    std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
    auto taken = store_.articles().slug_taken(candidate);
    if (!taken) return taken.take_error();
    if (!*taken) return candidate;
  }
  return Error::conflict("Đã có hơn 1000 bài viết dùng đường dẫn “" + base + "”.");
}

Result<WorkflowRecord> NewsroomService::create_draft(const Actor& actor, ArticleContent content) {
  if (!may_create(actor.role)) {
    return Error{ErrorKind::kPermissionDenied,
                 "Tài khoản “" + std::string(role_label_vi(actor.role)) + "” không được viết bài."};
  }
  const Time now = clock_.now();
  WorkflowRecord w;
  Status s = store_.transaction([&]() -> Status {
    if (auto v = validate(content, 0); !v) return v;
    if (content.slug.empty()) {
      auto slug = unique_slug(content.title);
      if (!slug) return slug.take_error();
      content.slug = std::move(*slug);
    }
    Article a;
    apply_content(content, a);
    a.status = ArticleStatus::kDraft;
    a.created_at = a.updated_at = now;
    auto id = store_.articles().create(a);
    if (!id) return id.take_error();

    Revision r;
    r.article_id = *id;
    r.author_id = actor.user_id;
    r.author_name = actor.name;
    r.created_at = now;
    r.content = content;
    auto rev = store_.revisions().append(r);
    if (!rev) return rev.take_error();

    w.article_id = *id;
    w.state = ArticleStatus::kDraft;
    w.owner_id = actor.user_id;
    w.owner_name = actor.name;
    w.head_revision_id = rev->id;
    w.updated_at = now;
    w.title = content.title;
    return store_.workflow().create(w);
  });
  if (!s) return s.take_error();
  return w;
}

Result<WorkflowRecord> NewsroomService::load(Id article_id) {
  auto w = store_.workflow().get(article_id);
  if (w || w.error().kind != ErrorKind::kNotFound) return w;
  // Imported or demo articles have no record yet: their row becomes revision 1.
  auto a = store_.articles().by_id(article_id);
  if (!a && a.error().kind == ErrorKind::kNotFound)
    return Error::not_found("Không tìm thấy bài viết số " + std::to_string(article_id) + ".");
  if (!a) return a.take_error();
  Revision r;
  r.article_id = a->id;
  r.author_name = a->author;
  r.created_at = a->updated_at;
  r.note = "Bài viết có sẵn trước khi dùng quy trình biên tập";
  r.content = content_of(*a);
  auto rev = store_.revisions().append(r);
  if (!rev) return rev.take_error();
  WorkflowRecord rec;
  rec.article_id = a->id;
  rec.owner_name = a->author;
  rec.head_revision_id = rev->id;
  rec.updated_at = a->updated_at;
  rec.title = a->title;
  rec.state = a->status;
  if (a->status == ArticleStatus::kPublished || a->status == ArticleStatus::kTakenDown) {
    rec.live_revision_id = rev->id;
    rec.taken_down = a->status == ArticleStatus::kTakenDown;
  } else if (a->status == ArticleStatus::kScheduled) {
    rec.scheduled_for = a->published_at;
  }
  if (auto c = store_.workflow().create(rec); !c) return c.take_error();
  return rec;
}

Result<Revision> NewsroomService::save(const Actor& actor, Id article_id, Id base_revision_id,
                                       ArticleContent content, SaveConflict* conflict) {
  return save_impl(actor, article_id, base_revision_id, std::move(content), "", conflict);
}

Result<Revision> NewsroomService::restore_revision(const Actor& actor, Id article_id,
                                                   Id revision_id, Id base_revision_id,
                                                   SaveConflict* conflict) {
  auto old = store_.revisions().by_id(revision_id);
  if (!old) return old.take_error();
  if (old->article_id != article_id)
    return Error::invalid("Bản lưu số " + std::to_string(revision_id) +
                          " không thuộc bài viết này.");
  return save_impl(actor, article_id, base_revision_id, old->content,
                   "Khôi phục từ bản " + std::to_string(old->number), conflict);
}

Result<Revision> NewsroomService::save_impl(const Actor& actor, Id article_id, Id base,
                                            ArticleContent content, std::string note,
                                            SaveConflict* conflict) {
  const Time now = clock_.now();
  std::optional<Revision> saved;
  std::optional<SaveConflict> lost;
  std::vector<AuditEntry> audit;
  Status s = store_.transaction([&]() -> Status {
    auto w = load(article_id);
    if (!w) return w.take_error();
    auto t = check(actor.role, w->owner_id == actor.user_id, w->state, WorkflowAction::kEdit);
    if (!t) return t.take_error();
    if (content.slug.empty()) {
      auto head = store_.revisions().by_id(w->head_revision_id);
      if (!head) return head.take_error();
      content.slug = head->content.slug;
    }
    if (auto v = validate(content, article_id); !v) return v;

    Revision r;
    r.article_id = article_id;
    r.based_on = base;
    r.author_id = actor.user_id;
    r.author_name = actor.name;
    r.created_at = now;
    r.note = std::move(note);
    r.content = std::move(content);
    if (w->head_revision_id != base) {
      // Someone saved first. Keep this text too, beside the head, and tell the caller.
      auto theirs = store_.revisions().by_id(w->head_revision_id);
      if (!theirs) return theirs.take_error();
      r.note = "Bản lưu bị xung đột (dựa trên bản cũ); chưa được dùng";
      auto yours = store_.revisions().append(r);
      if (!yours) return yours.take_error();
      lost = SaveConflict{std::move(*theirs), std::move(*yours)};
      return {};
    }
    auto rev = store_.revisions().append(r);
    if (!rev) return rev.take_error();

    WorkflowRecord next = *w;
    next.head_revision_id = rev->id;
    next.state = t->to;
    next.updated_at = now;
    if (t->from != t->to) {
      // Editing what is live starts a working copy that belongs to whoever started it.
      next.owner_id = actor.user_id;
      next.owner_name = actor.name;
      next.last_comment.clear();
      TransitionRecord tr{0,   article_id, rev->id, actor.user_id, actor.name,
                          now, t->action,  t->from, t->to,         ""};
      if (auto id = store_.workflow().record(tr); !id) return id.take_error();
      audit.push_back({0, now, actor.user_id, actor.name, std::string(audit_action::kTransition),
                       "article", article_id,
                       std::string(status_label_vi(t->from)) + " → " +
                           std::string(status_label_vi(t->to)) + " (sửa bài đã xuất bản)",
                       actor.address});
    }
    if (auto u = store_.workflow().update(next, base); !u) return u;
    saved = std::move(*rev);
    return {};
  });
  if (!s) return s.take_error();
  after_commit({}, audit);
  if (lost) {
    Error e =
        Error::conflict("Bài viết vừa được " + lost->theirs.author_name + " lưu (bản " +
                        std::to_string(lost->theirs.number) +
                        ") trong lúc bạn sửa. Nội dung của bạn đã được giữ "
                        "lại thành bản " +
                        std::to_string(lost->yours.number) + "; hãy so sánh hai bản rồi lưu lại.");
    if (conflict != nullptr) *conflict = std::move(*lost);
    return e;
  }
  return std::move(*saved);
}

}  // namespace congtin::content
