#include "cli/import_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace congtin::cli {
namespace {

class ImportFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("congtin-importfile-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path write(const std::string& bytes) {
    auto p = dir_ / "a.jsonl";
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::filesystem::path dir_;
};

const char* kLine =
    R"({"title":"Tin","body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z"})";

TEST_F(ImportFileTest, SkipsBlankLinesAndReadsALastLineWithoutNewline) {
  ImportFile f(write(std::string(kLine) + "\n\n   \r\n" + kLine));
  auto c = f.check();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->records, 2u);
  EXPECT_EQ(c->valid, 2u);
  std::vector<std::size_t> lines;
  ASSERT_TRUE(f.for_each_valid([&](const content::ImportRecord& r) -> Status {
    lines.push_back(r.line);
    return {};
  }));
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 4}));
}

TEST_F(ImportFileTest, AnOverlongLineIsReportedNotLoadedWhole) {
  std::string huge = "{\"title\":\"" + std::string(content::kMaxImportLineBytes + 10, 'a') + "\"}";
  ImportFile f(write(huge + "\n" + kLine + "\n"));
  auto c = f.check();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->records, 2u);
  EXPECT_EQ(c->valid, 1u);
  ASSERT_EQ(c->errors.size(), 1u);
  EXPECT_NE(c->errors[0].find("line 1: longer than"), std::string::npos) << c->errors[0];
}

TEST_F(ImportFileTest, ErrorsAreCappedButCounted) {
  std::string bad;
  for (int i = 0; i < 30; ++i) bad += "nope\n";
  auto c = ImportFile(write(bad)).check(5);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->error_count, 30u);
  EXPECT_EQ(c->errors.size(), 5u);
}

TEST_F(ImportFileTest, MissingFile) {
  auto c = ImportFile(dir_ / "none.jsonl").check();
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().kind, ErrorKind::kNotFound);
}

TEST_F(ImportFileTest, ResolverKeepsMediaAndRefusesRemote) {
  media::MediaStore media(dir_ / "media");
  auto resolve = image_resolver(media, dir_);
  EXPECT_FALSE(resolve("https://example.com/a.jpg"));
  EXPECT_FALSE(resolve("//example.com/a.jpg"));
  EXPECT_FALSE(resolve("/media/../../etc/passwd"));
  EXPECT_FALSE(resolve("/media/ab/none.jpg"));
  std::ofstream(dir_ / "p.png", std::ios::binary) << std::string("\x89PNG\r\n\x1A\nxx", 10);
  auto url = resolve("p.png");
  ASSERT_TRUE(url) << url.error().message;
  auto again = resolve(*url);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, *url);
}

}  // namespace
}  // namespace congtin::cli
