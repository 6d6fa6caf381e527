// Subcommands of the congtin binary. Each returns a process exit code and prints its own
// errors as one plain line on standard error ("congtin: …").
#pragma once

#include <filesystem>
#include <string>

#include "core/config.h"

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

// Prints "congtin: <message>" on standard error and returns 1.
int fail(const std::string& message);

}  // namespace congtin::cli
