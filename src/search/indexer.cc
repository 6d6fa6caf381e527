#include "search/indexer.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "html/sanitize.h"
#include "text/vietnamese.h"

namespace congtin::search {
namespace {

// Articles scheduled far ahead are indexed too (see the header): "now" for listing them.
const content::Time kEndOfTime{std::chrono::seconds(253402300799)};  // 9999-12-31

constexpr int kPageSize = 1000;  // ArticleRepository::published clamps to this

// A bounded hand-off of documents from the reading thread to the writing thread.
class DocumentQueue {
 public:
  // False when the consumer cancelled: stop producing.
  bool push(Document d) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < kCapacity || cancelled_; });
    if (cancelled_) return false;
    items_.push_back(std::move(d));
    not_empty_.notify_one();
    return true;
  }
  // The producer is done; s says whether it finished or failed.
  void close(Status s) {
    std::lock_guard lock(mu_);
    closed_ = true;
    status_ = std::move(s);
    not_empty_.notify_one();
  }
  void cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    not_full_.notify_one();
  }
  // The next document, or nullopt once the producer closed and everything was taken.
  std::optional<Document> pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    Document d = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return d;
  }
  Status status() {
    std::lock_guard lock(mu_);
    return status_;
  }

 private:
  static constexpr std::size_t kCapacity = 256;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Document> items_;
  bool closed_ = false, cancelled_ = false;
  Status status_;
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
  if (!s) {
    spdlog::error("search: index not updated for article {} ({}): {}", e.article_id,
                  error_kind_name(s.error().kind), s.error().message);
  }
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

Result<std::size_t> Indexer::rebuild(
    const std::function<void(std::size_t, std::size_t)>& progress) {
  content::ArticleQuery all;
  auto total = store_.articles().count_published(all, kEndOfTime);
  if (!total) return total.take_error();
  auto cats = store_.categories().list();
  if (!cats) return cats.take_error();
  std::unordered_map<content::Id, std::string> names;
  for (const auto& c : *cats) names.emplace(c.id, c.name);

  // Two stages on two threads: reading articles, stripping their markup (gumbo) and folding
  // (ICU) on one, writing the index on this one. Each stage is about half of the work.
  DocumentQueue queue;
  std::thread reader([&] {
    Status s = [&]() -> Status {
      content::ArticleQuery page;
      page.limit = kPageSize;
      for (page.offset = 0;; page.offset += kPageSize) {
        auto list = store_.articles().published(page, kEndOfTime);
        if (!list) return list.take_error();
        for (const auto& summary : *list) {
          auto a = store_.articles().by_id(summary.id);
          if (!a) return a.take_error();
          auto it = names.find(a->category_id);
          Document d = make_document(*a, it == names.end() ? "" : it->second);
          fold_document(d);
          if (!queue.push(std::move(d))) return {};
        }
        if (list->size() < static_cast<std::size_t>(kPageSize)) return {};
      }
    }();
    queue.close(std::move(s));
  });

  std::size_t done = 0;
  Status s = index_.batch([&]() -> Status {
    if (Status c = index_.clear(); !c) return c;
    while (auto d = queue.pop()) {
      if (Status put = index_.put(*d); !put) return put;
      ++done;
      if (progress) progress(done, static_cast<std::size_t>(*total));
    }
    return queue.status();
  });
  queue.cancel();  // on an early error, lets the reader stop
  reader.join();
  if (!s) return s.take_error();
  if (Status o = index_.optimize(); !o) return o.take_error();
  return done;
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
