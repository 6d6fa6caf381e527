#include <gtest/gtest.h>

#include "html/sanitize.h"

namespace congtin::html {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

TEST(Escape, EscapesTheFiveCharacters) {
  EXPECT_EQ(escape(R"(<a href="x">Tom & 'Jerry'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  EXPECT_EQ(escape("Sở Ngoại vụ Lạng Sơn"), "Sở Ngoại vụ Lạng Sơn");
  EXPECT_EQ(escape(""), "");
}

TEST(ToPlainText, Table) {
  const Case cases[] = {
      {"<p>Xin chào</p><p>Việt Nam</p>", "Xin chào\nViệt Nam"},
      {"<h1>Tiêu đề</h1>Nội dung<br>dòng hai", "Tiêu đề\nNội dung\ndòng hai"},
      {"<p>A &amp; B &lt;C&gt; &quot;D&quot; &#272;&#7891;ng &Dstrok;</p>",
       "A & B <C> \"D\" Đồng Đ"},
      {"<p>  nhiều    khoảng\n\ttrắng&nbsp;&nbsp;ở đây </p>", "nhiều khoảng trắng ở đây"},
      {"<script>alert(1)</script><style>p{}</style><p>chỉ chữ</p>", "chỉ chữ"},
      {"<title>Tên</title><p>thân</p>", "thân"},
      {"<ul><li>một</li><li>hai</li></ul>", "một\nhai"},
      {"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", "a b\nc d"},
      {"<p><strong>đậm</strong><em>nghiêng</em> <a href=/x>liên kết</a></p>",
       "đậmnghiêng liên kết"},
      {"<div><div><p></p></div></div>", ""},
      {"", ""},
      {"chữ thường không thẻ", "chữ thường không thẻ"},
      // Decomposed input (e + U+0302 + U+0301) comes out precomposed.
      {"Vie\xCC\xA3\xCC\x82t", "Việt"},
      {"<svg><text>hình</text></svg><math><mi>x</mi></math>chữ", "chữ"},
  };
  for (const Case& c : cases) EXPECT_EQ(to_plain_text(c.input), c.expected) << c.input;
}

TEST(TextToHtml, Table) {
  const Case cases[] = {
      {"Xin chào", "<p>Xin chào</p>\n"},
      {"Dòng một\nDòng hai", "<p>Dòng một<br>Dòng hai</p>\n"},
      {"Đoạn một\n\nĐoạn hai", "<p>Đoạn một</p>\n<p>Đoạn hai</p>\n"},
      {"Đoạn một\r\n\r\n\r\nĐoạn hai\r\n", "<p>Đoạn một</p>\n<p>Đoạn hai</p>\n"},
      {"a < b & c > \"d\" 'e'", "<p>a &lt; b &amp; c &gt; &quot;d&quot; &#39;e&#39;</p>\n"},
      {"<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
      {"  thụt   lề  \n   \n  ", "<p>thụt lề</p>\n"},
      {"", ""},
      {"\n\n\n", ""},
      {"Vie\xCC\xA3\xCC\x82t", "<p>Việt</p>\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(text_to_html(c.input), c.expected) << c.input;
}

TEST(TextToHtml, OutputIsLeftAloneBySanitize) {
  const char* texts[] = {
      "Sở Ngoại vụ tỉnh Lạng Sơn\nĐịa chỉ: 02 Hoàng Văn Thụ\n\nĐiện thoại: 0205 3812 345",
      "a\tb  c\n\n\n d&e <f>",
      "\xC2\xA0\xC2\xA0\nx\xC2\xA0y",
      "\xCC\xB8 bắt đầu bằng dấu kết hợp",
  };
  for (const char* t : texts) {
    std::string html = text_to_html(t);
    auto clean = sanitize(html);
    ASSERT_TRUE(clean.ok());
    EXPECT_EQ(*clean, html) << t;
  }
}

TEST(ToPlainText, RoundTripsTextToHtml) {
  const char* text = "Đoạn một dòng một\nđoạn một dòng hai\nĐoạn hai";
  EXPECT_EQ(to_plain_text(text_to_html(text)), text);
}

}  // namespace
}  // namespace congtin::html
