// xml_escape, json_for_script and uri_component, table-driven.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "site/xml_text.h"

namespace congtin::site {
namespace {

TEST(XmlEscape, EscapesMarkupDropsForbiddenCharactersKeepsTheRest) {
  struct Case {
    std::string in, out;
  } cases[] = {
      {"", ""},
      {"Sở Ngoại vụ", "Sở Ngoại vụ"},
      {"a & b < c > d \" e ' f", "a &amp; b &lt; c &gt; d &quot; e &apos; f"},
      {"😀 👨‍👩‍👧", "😀 👨‍👩‍👧"},    // emoji and a ZWJ sequence pass
      {"Vie\xCC\xA3\xCC\x82t", "Vie\xCC\xA3\xCC\x82t"},          // combining marks pass
      {"tab\tnl\ncr\r", "tab\tnl\ncr\r"},                        // the three allowed C0 controls
      {std::string("nul\0x\x01\x1F\x7F", 8), "nulx\x7F"},        // others dropped; DEL is allowed
      {"\xEF\xBF\xBE\xEF\xBF\xBF", ""},                          // U+FFFE, U+FFFF
      {"bad \xC3 utf8", "bad \xEF\xBF\xBD utf8"},                // ill-formed -> U+FFFD
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // an encoded surrogate
  };
  for (const auto& c : cases) EXPECT_EQ(xml_escape(c.in), c.out) << c.in;
}

TEST(JsonForScript, CannotEndTheScriptElementAndParsesBack) {
  const nlohmann::json j = {{"headline", "</script><script>alert(1)</script><!-- & đ 😀"}};
  const std::string s = json_for_script(j);
  EXPECT_EQ(s.find('<'), std::string::npos);
  EXPECT_EQ(s.find('>'), std::string::npos);
  EXPECT_EQ(s.find('&'), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(s), j);
  // Ill-formed UTF-8 does not throw.
  const nlohmann::json bad = {{"x", std::string("a\xC3")}};
  EXPECT_NO_THROW(nlohmann::json::parse(json_for_script(bad)));
}

TEST(UriComponent, PercentEncodesUtf8AndReserved) {
  EXPECT_EQ(uri_component("Tin mới & hay"), "Tin%20m%E1%BB%9Bi%20%26%20hay");
  EXPECT_EQ(uri_component("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(uri_component("?x=/y\n"), "%3Fx%3D%2Fy%0A");
}

}  // namespace
}  // namespace congtin::site
