#include "core/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace congtin {
namespace {

TEST(ParseListen, HostAndPort) {
  Config c;
  ASSERT_TRUE(parse_listen("0.0.0.0:9000", c));
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 9000);
  ASSERT_TRUE(parse_listen("[::1]:81", c));
  EXPECT_EQ(c.listen_host, "::1");
  EXPECT_EQ(c.listen_port, 81);
}

TEST(ParseListen, RejectsBadInput) {
  Config c;
  EXPECT_FALSE(parse_listen("localhost", c));
  EXPECT_FALSE(parse_listen("localhost:99999", c));
  EXPECT_FALSE(parse_listen("localhost:80x", c));
  EXPECT_FALSE(parse_listen("localhost:", c));
}

class ConfigFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("congtin-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    ::unsetenv("CONGTIN_LISTEN");
  }
  void write(const std::string& text) { std::ofstream(dir_ / "congtin.toml") << text; }
  std::filesystem::path dir_;
};

TEST_F(ConfigFileTest, FileThenEnvironment) {
  write("listen = \"127.0.0.1:9100\"\nthreads = 3\naccess_log = false\n");
  Config c;
  c.data_dir = dir_;
  ASSERT_TRUE(load_config(c));
  EXPECT_EQ(c.listen_port, 9100);
  EXPECT_EQ(c.threads, 3);
  EXPECT_FALSE(c.access_log);

  ::setenv("CONGTIN_LISTEN", "127.0.0.2:9200", 1);
  Config c2;
  c2.data_dir = dir_;
  ASSERT_TRUE(load_config(c2));
  EXPECT_EQ(c2.listen_host, "127.0.0.2");
  EXPECT_EQ(c2.listen_port, 9200);
}

TEST_F(ConfigFileTest, UnknownKeyIsNamed) {
  write("lisen = \"127.0.0.1:9100\"\n");
  Config c;
  c.data_dir = dir_;
  auto s = load_config(c);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("lisen"), std::string::npos);
}

TEST_F(ConfigFileTest, WrongTypeAndSyntax) {
  write("threads = \"many\"\n");
  Config c;
  c.data_dir = dir_;
  EXPECT_FALSE(load_config(c));
  write("threads = \n");
  EXPECT_FALSE(load_config(c));
}

TEST_F(ConfigFileTest, MissingExplicitFile) {
  Config c;
  auto s = load_config(c, dir_ / "nope.toml");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace congtin
