// Subcommands of the congtin binary. Each returns a process exit code and prints its own
// errors as one plain line on standard error ("congtin: …").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "content/events.h"
#include "content/repository.h"
#include "core/config.h"
#include "core/result.h"

namespace congtin::cli {

struct InitOptions {
  std::filesystem::path data_dir;
  bool demo = false;
};
int init_site(const InitOptions& o);

struct ImportOptions {
  std::filesystem::path data_dir;
  std::filesystem::path file;
  bool skip_invalid = false;
};
int import_articles(const ImportOptions& o);

int serve(const Config& config);

struct UserAddOptions {
  std::filesystem::path data_dir;
  std::string username;
  std::string role;  // a content::role_code()
  std::string display_name;
};
// `congtin user add`: the password is one line on standard input (cli/user_command.cc).
int user_add(const UserAddOptions& o);

struct ReindexOptions {
  std::filesystem::path data_dir;
};
// Rebuilds the search index from the published articles (cli/reindex_command.cc).
int reindex(const ReindexOptions& o);
// Hands committed content events to what follows them in a CLI command (the search index of
// the database `db`), in one index transaction. Call after the store transaction committed.
Status publish_events(const std::filesystem::path& db, content::Store& store,
                      const std::vector<content::Event>& events);

// Prints "congtin: <message>" on standard error and returns 1.
int fail(const std::string& message);

}  // namespace congtin::cli
