#include "search/indexer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "html/sanitize.h"
#include "text/vietnamese.h"

namespace congtin::search {
namespace {

void log_not_updated(content::Id id, const Error& e) {
  spdlog::error("search: index not updated for article {} ({}): {}", id, error_kind_name(e.kind),
                e.message);
}

// Articles scheduled far ahead are indexed too (see the header): "now" for listing them.
const content::Time kEndOfTime{std::chrono::seconds(253402300799)};  // 9999-12-31

// The documents of a rebuild, read, stripped of markup (gumbo) and folded (ICU) by several
// threads, a chunk of ids at a time, and handed to the one thread that writes the index in
// the order of the ids. With one preparing thread, the writer waited for it 60% of the time
// (gumbo is most of the preparation); chunks ahead of the writer are bounded, and so is
// memory.
class DocumentPipeline {
 public:
  static constexpr std::size_t kChunk = 200;

  // prepare(id) gives an article's document, or nullopt when it is not to be indexed.
  using Prepare = std::function<Result<std::optional<Document>>(content::Id)>;
  struct Prepared {
    content::Id id = 0;
    std::optional<Document> document;
  };

  DocumentPipeline(const std::vector<content::Id>& ids, unsigned threads, Prepare prepare)
      : ids_(ids),
        chunks_((ids.size() + kChunk - 1) / kChunk),
        ahead_(2 * threads),
        prepare_(std::move(prepare)) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~DocumentPipeline() {
    {
      std::lock_guard lock(mu_);
      stopped_ = true;
    }
    changed_.notify_all();
    for (auto& w : workers_) w.join();
  }
  DocumentPipeline(const DocumentPipeline&) = delete;
  DocumentPipeline& operator=(const DocumentPipeline&) = delete;

  // The next article in the order of the ids, nullopt after the last, or the first error of
  // a worker.
  Result<std::optional<Prepared>> next() {
    while (pos_ == current_.size()) {
      if (taken_ == chunks_.size()) return std::optional<Prepared>();
      std::unique_lock lock(mu_);
      changed_.wait(lock, [&] { return chunks_[taken_].has_value() || !failed_.ok(); });
      if (!failed_.ok()) return Error(failed_.error());
      current_ = std::move(*chunks_[taken_]);
      chunks_[taken_].reset();
      ++taken_;
      pos_ = 0;
      changed_.notify_all();  // room for one more chunk ahead
    }
    return std::optional<Prepared>(std::move(current_[pos_++]));
  }

 private:
  void work() {
    for (;;) {
      std::size_t chunk;
      {
        std::unique_lock lock(mu_);
        changed_.wait(lock, [&] {
          return stopped_ || !failed_.ok() || claimed_ == chunks_.size() ||
                 claimed_ < taken_ + ahead_;
        });
        if (stopped_ || claimed_ == chunks_.size() || !failed_.ok()) return;
        chunk = claimed_++;
      }
      std::vector<Prepared> docs;
      Status s = [&]() -> Status {
        const std::size_t end = std::min(ids_.size(), (chunk + 1) * kChunk);
        try {  // ICU failing throws (text/vietnamese.h); this thread must not
          for (std::size_t i = chunk * kChunk; i < end; ++i) {
            auto d = prepare_(ids_[i]);
            if (!d) return d.take_error();
            docs.push_back({ids_[i], std::move(*d)});
          }
        } catch (const std::exception& e) {
          return Error::internal(std::string("preparing documents: ") + e.what());
        }
        return {};
      }();
      std::lock_guard lock(mu_);
      if (!s && failed_.ok()) failed_ = std::move(s);
      if (s) chunks_[chunk] = std::move(docs);
      changed_.notify_all();
    }
  }

  const std::vector<content::Id>& ids_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<std::optional<std::vector<Prepared>>> chunks_;  // prepared, not yet taken
  const std::size_t ahead_;  // chunks claimed beyond the one the writer takes next
  std::size_t claimed_ = 0, taken_ = 0;
  Status failed_;
  bool stopped_ = false;
  Prepare prepare_;
  std::vector<std::thread> workers_;
  // The writer's side, touched by next() only.
  std::vector<Prepared> current_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string meta_text(const Document& d) {
  std::string meta = d.byline;
  auto add = [&](const std::string& part) {
    if (part.empty()) return;
    if (!meta.empty()) meta += " · ";
    meta += part;
  };
  add(d.category_name);
  for (const auto& t : d.tags) add(t);
  return meta;
}

void fold_document(Document& d) {
  d.f_title = text::fold(d.title);
  d.f_lead = text::fold(d.lead);
  d.f_body = text::fold(d.body_text);
  d.f_meta = text::fold(meta_text(d));
  d.folded = true;
}

Document make_document(const content::Article& a, std::string_view category_name) {
  Document d;
  d.id = a.id;
  d.slug = a.slug;
  d.title = a.title;
  d.lead = a.lead;
  d.body_text = html::to_plain_text(a.body_html);
  d.byline = a.author;
  if (!a.author_unit.empty()) d.byline += (d.byline.empty() ? "" : " - ") + a.author_unit;
  d.category_id = a.category_id;
  d.category_name = std::string(category_name);
  d.tags = a.tags;
  d.published_at = a.published_at.value_or(a.created_at);
  return d;
}

void Indexer::subscribe(content::EventBus& bus) {
  bus.subscribe([this](const content::Event& e) {
    // A subscriber must not throw: a bug here must not undo the publisher's work.
    try {
      (void)apply(e);
    } catch (const std::exception& ex) {
      spdlog::error("search: indexing after event on article {} threw: {}", e.article_id,
                    ex.what());
    }
  });
}

Status Indexer::apply(const content::Event& e) {
  Status s;
  switch (e.kind) {
    case content::EventKind::kArticlePublished:
    case content::EventKind::kArticleUpdated:
      s = index_article(e.article_id);
      break;
    case content::EventKind::kArticleUnpublished:
      s = index_.remove(e.article_id);
      break;
    case content::EventKind::kCategoriesChanged: {
      if (e.category_id == 0) break;
      auto ids = index_.ids_in_category(e.category_id);
      if (!ids) {
        s = ids.take_error();
        break;
      }
      s = index_.batch([&]() -> Status {
        for (content::Id id : *ids) {
          if (Status one = index_article(id); !one) return one;
        }
        return {};
      });
      break;
    }
    case content::EventKind::kSiteChanged:
      break;
  }
  if (!s) log_not_updated(e.article_id, s.error());
  return s;
}

Status Indexer::put_article(const content::Article& a) {
  std::string category;
  if (a.category_id != 0) {
    auto c = store_.categories().by_id(a.category_id);
    if (c) {
      category = c->name;
    } else if (c.error().kind != ErrorKind::kNotFound) {
      return c.take_error();
    }
  }
  return index_.put(make_document(a, category));
}

Status Indexer::index_article(content::Id id) {
  auto a = store_.articles().by_id(id);
  if (!a) {
    if (a.error().kind == ErrorKind::kNotFound) return index_.remove(id);
    return a.take_error();
  }
  if (a->status != content::ArticleStatus::kPublished) return index_.remove(id);
  return put_article(*a);
}

Result<std::optional<Document>> Indexer::prepare(content::Id id, const CategoryNames& names) {
  auto a = store_.articles().by_id(id);
  if (!a && a.error().kind == ErrorKind::kNotFound) return std::optional<Document>();
  if (!a) return a.take_error();
  if (a->status != content::ArticleStatus::kPublished) return std::optional<Document>();
  auto it = names.find(a->category_id);
  Document d = make_document(*a, it == names.end() ? "" : it->second);
  fold_document(d);
  return std::optional<Document>(std::move(d));
}

Result<Indexer::CategoryNames> Indexer::category_names() {
  auto cats = store_.categories().list();
  if (!cats) return cats.take_error();
  CategoryNames names;
  for (const auto& c : *cats) names.emplace(c.id, c.name);
  return names;
}

namespace {
// As many preparing threads as cores: preparing is most of the work of indexing an article.
unsigned preparing_threads() { return std::clamp(std::thread::hardware_concurrency(), 1u, 8u); }
}  // namespace

Result<std::size_t> Indexer::rebuild(
    const std::function<void(std::size_t, std::size_t)>& progress) {
  auto ids = store_.articles().published_ids(kEndOfTime);
  if (!ids) return ids.take_error();
  auto names = category_names();
  if (!names) return names.take_error();
  // An article gone or taken down since the ids were read is left out: its event removes it.
  DocumentPipeline pipeline(*ids, preparing_threads(),
                            [&](content::Id id) { return prepare(id, *names); });
  std::size_t done = 0;
  Status s = index_.replace_all([&]() -> Result<std::optional<Document>> {
    for (;;) {
      auto p = pipeline.next();
      if (!p) return p.take_error();
      if (!*p) return std::optional<Document>();
      if (!(*p)->document) continue;
      ++done;
      if (progress) progress(done, ids->size());
      return std::move((*p)->document);
    }
  });
  if (!s) return s.take_error();
  if (Status o = index_.optimize(); !o) return o.take_error();
  return done;
}

Status Indexer::index_articles(const std::vector<content::Id>& ids) {
  auto names = category_names();
  if (!names) return names.take_error();
  DocumentPipeline pipeline(ids, preparing_threads(),
                            [&](content::Id id) { return prepare(id, *names); });
  return index_.batch([&]() -> Status {
    for (;;) {
      auto p = pipeline.next();
      if (!p) return p.take_error();
      if (!*p) return {};
      // As apply(): a failed write is logged and leaves that article stale, not the others.
      Status s = (*p)->document ? index_.put(*(*p)->document) : index_.remove((*p)->id);
      if (!s) log_not_updated((*p)->id, s.error());
    }
  });
}

Result<std::size_t> Indexer::rebuild_if_empty(
    const std::function<void(std::size_t, std::size_t)>& progress) {
  // Not size(): counting the documents reads the whole table at every start.
  auto empty = index_.empty();
  if (!empty) return empty.take_error();
  if (!*empty) return std::size_t{0};
  auto published = store_.articles().count_published(content::ArticleQuery{}, kEndOfTime);
  if (!published) return published.take_error();
  if (*published == 0) return std::size_t{0};
  return rebuild(progress);
}

}  // namespace congtin::search
