// `congtin import`: validate every line first, then import all of them in one transaction.
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/import_file.h"
#include "content/article_service.h"
#include "media/media_store.h"
#include "store/sqlite/sqlite_store.h"

namespace congtin::cli {

namespace {

// A progress bar on standard error, drawn only on a terminal and at most ~100 times.
class Progress {
 public:
  explicit Progress(std::size_t total) : total_(total), tty_(::isatty(STDERR_FILENO) == 1) {}
  void step() {
    ++done_;
    if (!tty_ || total_ == 0) return;
    const std::size_t percent = done_ * 100 / total_;
    if (percent == last_ && done_ != total_) return;
    last_ = percent;
    const std::size_t width = 40, filled = done_ * width / total_;
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] "
              << done_ << "/" << total_ << std::flush;
    if (done_ == total_) std::cerr << "\n";
  }

 private:
  std::size_t total_, done_ = 0, last_ = 101;
  bool tty_;
};

}  // namespace

int import_articles(const ImportOptions& o) {
  ImportFile file(o.file);
  auto check = file.check();
  if (!check) return fail(check.error().message);
  for (const auto& e : check->errors) std::cerr << o.file.string() << ": " << e << "\n";
  if (check->error_count > check->errors.size())
    std::cerr << "… and " << (check->error_count - check->errors.size()) << " more errors\n";
  if (check->error_count > 0 && !o.skip_invalid)
    return fail(std::to_string(check->error_count) + " of " + std::to_string(check->records) +
                " lines are invalid; nothing was imported (use --skip-invalid to import the " +
                std::to_string(check->valid) + " valid lines)");

  auto store = store::open_sqlite_store(o.data_dir / "congtin.db",
                                                store::OpenMode::kOpenExisting);
  if (!store) return fail(store.error().message);
  media::MediaStore media(o.data_dir / "media");
  SystemClock clock;
  content::ArticleService articles(**store, clock);
  std::vector<content::Event> events;
  Progress progress(check->valid);
  const auto base_dir = o.file.parent_path();
  auto s = (*store)->transaction([&] {
    return file.for_each_valid([&](const content::ImportRecord& r) -> Status {
      auto id = articles.import_article(r, image_resolver(media, base_dir), events);
      if (!id) return id.take_error();
      progress.step();
      return {};
    });
  });
  if (!s) return fail(o.file.string() + ": " + s.error().message + "; nothing was imported");
  if (auto p = publish_events(o.data_dir / "congtin.db", **store, events); !p)
    std::cerr << "congtin: the search index was not updated (" << p.error().message
              << "); run `congtin reindex --data " << o.data_dir.string() << "`\n";
  std::cout << "imported " << events.size() << " articles";
  if (check->error_count > 0) std::cout << ", skipped " << check->error_count << " invalid lines";
  std::cout << "\n";
  return 0;
}

}  // namespace congtin::cli
