#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "http/router.h"
#include "http/wire.h"

namespace congtin::http {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, std::string_view text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("congtin-static-" + std::to_string(::getpid()));
    fs::remove_all(base_);
    root_ = base_ / "public";
    write(root_ / "index.html", "<h1>Sở Ngoại vụ</h1>");
    write(root_ / "css" / "site.css", "body{}");
    write(root_ / "img" / "LOGO.PNG", "\x89PNG");
    write(root_ / ".env", "SECRET=1");
    write(root_ / "css" / ".hidden", "x");
    write(base_ / "secret.txt", "mật khẩu");
    fs::create_directories(root_ / "empty-dir");
    fs::create_symlink(base_ / "secret.txt", root_ / "link-out.txt");
    fs::create_directory_symlink(base_, root_ / "dir-out");
    fs::create_symlink(root_ / "css" / "site.css", root_ / "link-in.css");
    std::ofstream(root_ / "huge.bin").close();
    fs::resize_file(root_ / "huge.bin", kMaxStaticFileBytes + 1);  // sparse: costs no disk
  }
  void TearDown() override { fs::remove_all(base_); }

  Response get(std::string_view rel, Headers headers = {}) {
    Request req;
    req.method = "GET";
    req.headers = std::move(headers);
    return serve_static(root_, rel, req);
  }

  fs::path base_, root_;
};

TEST_F(StaticFiles, ServesAFileWithValidators) {
  Response r = get("index.html");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<h1>Sở Ngoại vụ</h1>");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_FALSE(r.etag.empty());
  bool last_modified = false, cache_control = false;
  for (const auto& [n, v] : r.headers) {
    if (n == "Last-Modified") last_modified = wire::parse_http_date(v).has_value();
    if (n == "Cache-Control") cache_control = v == "public, max-age=86400";
  }
  EXPECT_TRUE(last_modified);
  EXPECT_TRUE(cache_control);
}

TEST_F(StaticFiles, ContentTypes) {
  EXPECT_EQ(get("css/site.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(get("img/LOGO.PNG").content_type, "image/png");
  EXPECT_EQ(content_type_for("a.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("bai-viet.pdf"), "application/pdf");
  EXPECT_EQ(content_type_for("x.mjs"), "application/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
  EXPECT_EQ(content_type_for("dir.d/noext"), "application/octet-stream");
}

TEST_F(StaticFiles, ConditionalRequests) {
  Response first = get("index.html");
  Response again = get("index.html", {{"If-None-Match", first.etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  std::string last_modified;
  for (const auto& [n, v] : first.headers)
    if (n == "Last-Modified") last_modified = v;
  EXPECT_EQ(get("index.html", {{"If-Modified-Since", last_modified}}).status, 304);
  EXPECT_EQ(get("index.html", {{"If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}}).status,
            200);
  // If-None-Match wins: a stale tag means 200 even with a fresh date.
  EXPECT_EQ(get("index.html", {{"If-None-Match", "\"old\""}, {"If-Modified-Since", last_modified}})
                .status,
            200);
}

TEST_F(StaticFiles, SymlinkInsideRootIsServed) { EXPECT_EQ(get("link-in.css").body, "body{}"); }

class Traversal : public StaticFiles, public ::testing::WithParamInterface<std::string> {};

TEST_P(Traversal, Refused) {
  Response r = get(GetParam());
  EXPECT_EQ(r.status, 404) << GetParam();
  EXPECT_EQ(r.body.find("mật khẩu"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Attempts, Traversal,
                         ::testing::Values("../secret.txt", "css/../../secret.txt",
                                           "css/../index.html", "..", ".", "", "/etc/passwd",
                                           std::string("index.html\0.png", 15),
                                           "css\\..\\..\\secret.txt", ".env", "css/.hidden",
                                           "link-out.txt", "dir-out/secret.txt", "empty-dir", "css",
                                           "missing.css", "huge.bin", "css//site.css"));

// Through the router, as the site mounts it: encoded dots and slashes are decoded before
// serve_static sees them, so they meet the same checks.
TEST_F(StaticFiles, EncodedTraversalThroughTheRouter) {
  Router router;
  router.get("/static/{path...}", [this](const Request& req, const Params& p) {
    return serve_static(root_, p.get("path"), req);
  });
  auto status = [&](std::string target) {
    Request req;
    req.method = "GET";
    req.target = std::move(target);
    return router.dispatch(req).status;
  };
  EXPECT_EQ(status("/static/css/site.css"), 200);
  EXPECT_EQ(status("/static/css%2Fsite.css"), 200);
  EXPECT_EQ(status("/static/%2e%2e/secret.txt"), 404);
  EXPECT_EQ(status("/static/%2E%2E%2Fsecret.txt"), 404);
  EXPECT_EQ(status("/static/css/%2e%2e/%2e%2e/secret.txt"), 404);
  EXPECT_EQ(status("/static/..%5Csecret.txt"), 404);
  EXPECT_EQ(status("/static/%2fetc%2fpasswd"), 404);
  EXPECT_EQ(status("/static/index.html%00.png"), 404);
}

}  // namespace
}  // namespace congtin::http
