#include "html/sanitize.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "safety_check.h"

namespace congtin::html {
namespace {

struct Case {
  const char* name;
  const char* input;
  const char* expected;
};

std::string clean(std::string_view html, const SanitizeOptions& opts = {}) {
  auto r = sanitize(html, opts);
  EXPECT_TRUE(r.ok()) << r.error().message;
  return r.ok() ? *r : std::string("<error>");
}

const Case kCases[] = {
    // Allowed elements pass, renamed ones are renamed.
    {"paragraph", "<p>Xin chào</p>", "<p>Xin chào</p>\n"},
    {"h1 becomes h2", "<h1>Tiêu đề</h1>", "<h2>Tiêu đề</h2>\n"},
    {"h3 stays", "<h3>Mục</h3>", "<h3>Mục</h3>\n"},
    {"h5 and h6 become h4", "<h5>a</h5><h6>b</h6>", "<h4>a</h4>\n<h4>b</h4>\n"},
    {"b and i", "<p><b>đậm</b> <i>nghiêng</i></p>",
     "<p><strong>đậm</strong> <em>nghiêng</em></p>\n"},
    {"inline set",
     "<p><u>u</u><s>s</s><strike>x</strike><sub>2</sub><sup>3</sup><code>c</code></p>",
     "<p><u>u</u><s>s</s><s>x</s><sub>2</sub><sup>3</sup><code>c</code></p>\n"},
    {"br and hr", "<p>dòng một<br>dòng hai</p><hr>", "<p>dòng một<br>dòng hai</p>\n<hr>\n"},
    {"blockquote", "<blockquote><p>Trích dẫn</p></blockquote>",
     "<blockquote><p>Trích dẫn</p>\n</blockquote>\n"},
    {"lists", "<ol><li>một</li><li>hai</li></ol>", "<ol>\n<li>một</li>\n<li>hai</li>\n</ol>\n"},
    {"nested list", "<ul><li>a<ul><li>b</li></ul></li></ul>",
     "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n"},
    {"figure",
     "<figure><img src=\"/media/a.jpg\" alt=\"Ảnh\"><figcaption>Chú thích</figcaption></figure>",
     "<figure><img src=\"/media/a.jpg\" alt=\"Ảnh\"><figcaption>Chú "
     "thích</figcaption>\n</figure>\n"},
    {"table",
     "<table><caption>Bảng 1</caption><thead><tr><th>A</th></tr></thead>"
     "<tbody><tr><td rowspan=2 colspan=\"03\">1</td></tr></tbody></table>",
     "<table>\n<caption>Bảng 1</caption>\n<thead>\n<tr>\n<th>A</th>\n</tr>\n</thead>\n"
     "<tbody>\n<tr>\n<td colspan=\"3\" rowspan=\"2\">1</td>\n</tr>\n</tbody>\n</table>\n"},
    {"colspan over 100 dropped", "<table><tr><td colspan=101 rowspan=x>1</td></tr></table>",
     "<table>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"},
    {"pre keeps white space", "<pre>  a\n    b</pre>", "<pre>  a\n    b</pre>\n"},
    {"pre leading newline kept", "<pre>\n\nx</pre>", "<pre>\n\nx</pre>\n"},
    // Attributes.
    {"attributes stripped",
     "<p style=\"color:red\" class=\"MsoNormal\" id=\"x\" onclick=\"a()\">x</p>", "<p>x</p>\n"},
    {"img attributes",
     "<p><img src=\"/a.png\" alt=\"Bản đồ\" width=\"640\" height=\"48px\" style=\"x\" "
     "title=\"t\"></p>",
     "<p><img src=\"/a.png\" alt=\"Bản đồ\" width=\"640\"></p>\n"},
    {"attribute escaping",
     "<p><a href=\"/tim?q=a&amp;b=&quot;c&quot;\" title=\"&lt;T&gt; 'x'\">l</a></p>",
     "<p><a href=\"/tim?q=a&amp;b=&quot;c&quot;\" title=\"&lt;T&gt; &#39;x&#39;\">l</a></p>\n"},
    // Links.
    {"https link gets rel",
     "<p><a href=\"https://chinhphu.vn\" target=_blank rel=opener>CP</a></p>",
     "<p><a href=\"https://chinhphu.vn\" rel=\"noopener noreferrer\">CP</a></p>\n"},
    {"site-relative link", "<p><a href=\"/tin-tuc\">Tin</a> <a href=\"#muc-1\">Mục</a></p>",
     "<p><a href=\"/tin-tuc\">Tin</a> <a href=\"#muc-1\">Mục</a></p>\n"},
    {"mailto and tel",
     "<p><a href=\"mailto:sngv@langson.gov.vn\">e</a><a href=\"tel:02053812345\">t</a></p>",
     "<p><a href=\"mailto:sngv@langson.gov.vn\">e</a><a href=\"tel:02053812345\">t</a></p>\n"},
    {"javascript link unwrapped", "<p><a href=\"javascript:alert(1)\">bấm</a></p>", "<p>bấm</p>\n"},
    {"obfuscated javascript", "<p><a href=\" jav&#x09;a&#x0A;script&colon;alert(1)\">x</a></p>",
     "<p>x</p>\n"},
    {"protocol-relative unwrapped",
     "<p><a href=\"//evil.example\">x</a><a href=\"/\\evil.example\">y</a></p>", "<p>xy</p>\n"},
    {"relative link unwrapped", "<p><a href=\"trang.html\">x</a></p>", "<p>x</p>\n"},
    {"anchor without href", "<p><a name=\"_Toc1\">Mục lục</a></p>", "<p>Mục lục</p>\n"},
    {"link url cleaned", "<p><a href=\"  /tin\n-tuc  \">x</a></p>",
     "<p><a href=\"/tin-tuc\">x</a></p>\n"},
    // Images.
    {"external image dropped by default", "<p>a<img src=\"https://x.example/a.png\">b</p>",
     "<p>ab</p>\n"},
    {"data image dropped", "<p><img src=\"data:image/png;base64,AAAA\">x</p>", "<p>x</p>\n"},
    {"image without src dropped", "<p><img alt=x>y</p>", "<p>y</p>\n"},
    // Dropped with content.
    {"script", "<p>a<script>alert(1)</script>b</p>", "<p>ab</p>\n"},
    {"style and head", "<head><title>T</title><style>p{}</style></head><p>x</p>", "<p>x</p>\n"},
    {"iframe object embed", "<iframe src=/x>f</iframe><object>o</object><embed src=/e><p>x</p>",
     "<p>x</p>\n"},
    {"form controls",
     "<p>Họ tên: <input value=x><button>Gửi</button><select><option>1</option></select>"
     "<textarea>t</textarea></p>",
     "<p>Họ tên:</p>\n"},
    {"svg and math", "<p>a<svg><text>s</text></svg><math><mi>m</mi></math>b</p>", "<p>ab</p>\n"},
    {"comments", "<p>a<!-- chú thích -->b<!--[if gte mso 9]><xml>x</xml><![endif]--></p>",
     "<p>ab</p>\n"},
    // Unwrapped, content kept.
    {"span and font", "<p><span style=\"x\">a</span><font color=red>b</font></p>", "<p>ab</p>\n"},
    {"unknown tags", "<p>Lạng<o:p></o:p> <st1:place>Sơn</st1:place></p>", "<p>Lạng Sơn</p>\n"},
    {"divs become paragraphs", "<div>một</div><div>hai<div>ba</div></div>",
     "<p>một</p>\n<p>hai</p>\n<p>ba</p>\n"},
    {"loose text wrapped", "chữ <b>rời</b>", "<p>chữ <strong>rời</strong></p>\n"},
    {"divs in a list item", "<ul><li><div>a</div><div>b</div></li></ul>",
     "<ul>\n<li>a<br>b</li>\n</ul>\n"},
    {"google docs bold wrapper",
     "<b style=\"font-weight:normal;\" id=\"docs-internal-guid-1\"><p>"
     "<span style=\"font-weight:700\">đậm</span> <span style=\"font-style:italic\">"
     "nghiêng</span></p></b>",
     "<p><strong>đậm</strong> <em>nghiêng</em></p>\n"},
    // Structure repairs.
    {"heading in heading", "<h1>a<span><h3>b</h3></span></h1>", "<h2>a<br>b</h2>\n"},
    {"formatting around blocks pushed down", "<strong><p>a</p><p>b</p></strong>",
     "<p><strong>a</strong></p>\n<p><strong>b</strong></p>\n"},
    {"link around a table", "<a href=\"/x\"><table><tr><td>ô</td></tr></table></a>",
     "<table>\n<tbody>\n<tr>\n<td><a href=\"/x\">ô</a></td>\n</tr>\n</tbody>\n</table>\n"},
    {"text in a list joins the item before", "<ul><li>a</li>b<li>c</li></ul>",
     "<ul>\n<li>a<br>b</li>\n<li>c</li>\n</ul>\n"},
    {"stray list item", "<li>mục</li>", "<p>mục</p>\n"},
    {"stray cell", "<td>ô</td>", "<p>ô</p>\n"},
    {"figcaption outside figure", "<figcaption>c</figcaption>", "<p>c</p>\n"},
    {"empty paragraphs removed", "<p></p><p> </p><p>&nbsp;</p><p><br></p><p><b> </b></p><p>x</p>",
     "<p>x</p>\n"},
    {"empty inline removed", "<p>a<strong></strong><em><u></u></em>b</p>", "<p>ab</p>\n"},
    {"white space collapsed and trimmed", "<p>\n  một   hai\t\tba  <br>  </p>",
     "<p>một hai ba</p>\n"},
    {"nbsp kept inside text", "<p>a&nbsp;&nbsp;b</p>",
     "<p>a\xC2\xA0\xC2\xA0"
     "b</p>\n"},
    {"empty table dropped", "<table><tr></tr></table><p>x</p>", "<p>x</p>\n"},
    {"empty list dropped", "<ul><li> </li></ul>", ""},
    {"empty input", "", ""},
    {"only white space", "  \n\t ", ""},
    // Text escaping.
    {"text escaped", "<p>a &lt; b &amp;&amp; c &gt; d \"q\" 'x'</p>",
     "<p>a &lt; b &amp;&amp; c &gt; d &quot;q&quot; &#39;x&#39;</p>\n"},
    {"controls removed",
     "<p>a\x01\x02\x7F"
     "b</p>",
     "<p>ab</p>\n"},
    {"combining solidus after a tag", "<p><b>x</b>\xCC\xB8y</p>",
     "<p><strong>x</strong>&#x338;y</p>\n"},
};

TEST(Sanitize, Table) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    std::string out = clean(c.input);
    EXPECT_EQ(out, c.expected) << "input: " << c.input;
    EXPECT_EQ(clean(out), out) << "not idempotent";
    EXPECT_EQ(testing::find_executable(out, true), "");
  }
}

TEST(Sanitize, VietnameseTextIsByteExact) {
  const std::string text =
      "Sở Ngoại vụ tỉnh Lạng Sơn: Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại cửa khẩu "
      "Hữu Nghị, Đồng Đăng; ưu tiên hợp tác kinh tế – thương mại “xuyên biên giới”… ĐƯỜNG ỐNG ỨNG";
  EXPECT_EQ(clean("<p>" + text + "</p>"), "<p>" + text + "</p>\n");
  EXPECT_EQ(clean("<p title=\"x\">" + text), "<p>" + text + "</p>\n");
}

TEST(Sanitize, OutputIsNfc) {
  // "Việt" typed with combining marks: e + U+0323 + U+0302.
  EXPECT_EQ(clean("<p>Vie\xCC\xA3\xCC\x82t</p>"), "<p>Việt</p>\n");
  EXPECT_EQ(clean("<p><img src=\"/a.png\" alt=\"Vie\xCC\xA3\xCC\x82t\"></p>"),
            "<p><img src=\"/a.png\" alt=\"Việt\"></p>\n");
}

TEST(Sanitize, WordPaste) {
  std::ifstream in(CONGTIN_HTML_TEST_DIR "/word_paste.html");
  std::stringstream ss;
  ss << in.rdbuf();
  ASSERT_FALSE(ss.str().empty());
  std::string out = clean(ss.str());
  EXPECT_EQ(out,
            "<h2>Đoàn công tác tỉnh Lạng Sơn làm việc tại Quảng Tây</h2>\n"
            "<p>Ngày 15/3/2024, <strong>Sở Ngoại vụ tỉnh Lạng Sơn</strong> đã phối hợp với "
            "<em>Văn phòng Ngoại vụ Quảng Tây</em> tổ chức hội đàm. Xem chi tiết tại "
            "<a href=\"https://songoaivu.langson.gov.vn/tin-tuc/hoi-dam-2024\" "
            "rel=\"noopener noreferrer\">Cổng thông tin</a>.</p>\n"
            "<h2>Nội dung chính</h2>\n"
            "<ul>\n"
            "<li>Thương mại biên giới</li>\n"
            "<li>Cửa khẩu <strong>Hữu Nghị</strong> và <strong>Đồng Đăng</strong><ul>\n"
            "<li>Thông quan hàng nông sản</li>\n"
            "</ul>\n"
            "</li>\n"
            "<li>Hợp tác văn hóa, du lịch</li>\n"
            "</ul>\n"
            "<ol>\n"
            "<li>Ký biên bản ghi nhớ</li>\n"
            "<li>Trao đổi đoàn năm 2025</li>\n"
            "</ol>\n"
            "<table>\n<tbody>\n<tr>\n"
            "<td><p><strong>Chỉ tiêu</strong></p>\n</td>\n"
            "<td><p><strong>Năm 2023</strong></p>\n</td>\n"
            "</tr>\n<tr>\n"
            "<td><p>Kim ngạch (triệu USD)</p>\n</td>\n"
            "<td><p>4.500</p>\n</td>\n"
            "</tr>\n</tbody>\n</table>\n"
            "<p><em>Phòng Hợp tác quốc tế</em></p>\n");
  EXPECT_EQ(clean(out), out);
  // Nothing of Word's machinery survives.
  for (const char* junk : {"Mso", "mso-", "o:p", "<xml", "style", "class",
                           "lang=", "file:", "StartFragment", "·", "Symbol"}) {
    EXPECT_EQ(out.find(junk), std::string::npos) << junk;
  }
}

TEST(Sanitize, RewriteImgSrcMapsRelativeImages) {
  SanitizeOptions opts;
  std::vector<std::string> seen;
  opts.rewrite_img_src = [&](std::string_view src) -> std::optional<std::string> {
    seen.emplace_back(src);
    if (src == "image001.png") return std::string("/media/2024/03/anh-1.png");
    if (src.substr(0, 7) == "/media/") return std::string(src);
    if (src == "evil.png") return std::string("javascript:alert(1)");  // checked again
    if (src == "cdn.png") return std::string("https://cdn.example/a.png");
    return std::nullopt;
  };
  std::string in =
      "<p><img src=\"image001.png\" alt=\"a\"><img src=\"javascript:alert(1)\">"
      "<img src=\"evil.png\"><img src=\"other.png\"><img src=\"cdn.png\"></p>";
  std::string out = clean(in, opts);
  EXPECT_EQ(out,
            "<p><img src=\"/media/2024/03/anh-1.png\" alt=\"a\">"
            "<img src=\"https://cdn.example/a.png\"></p>\n");
  // The callback never sees a javascript: URL.
  EXPECT_EQ(seen, (std::vector<std::string>{"image001.png", "evil.png", "other.png", "cdn.png"}));
  EXPECT_EQ(clean(out, opts), out.substr(0, out.find("<img src=\"https")) + "</p>\n");
}

TEST(Sanitize, RejectsTooLargeInput) {
  SanitizeOptions opts;
  opts.max_input_bytes = 100;
  std::string big = "<p>" + std::string(200, 'a') + "</p>";
  auto r = sanitize(big, opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().message.find("quá lớn"), std::string::npos);
  EXPECT_TRUE(sanitize(std::string(100, 'a'), opts).ok());
}

TEST(Sanitize, RejectsInvalidUtf8WithPosition) {
  auto r = sanitize("<p>Việt\xFF</p>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().message.find("vị trí 9"), std::string::npos) << r.error().message;
  EXPECT_FALSE(sanitize("\xC3").ok());          // truncated sequence
  EXPECT_FALSE(sanitize("\xED\xA0\x80").ok());  // UTF-16 surrogate
  EXPECT_FALSE(sanitize("\xC0\xAF").ok());      // overlong '/'
}

TEST(Sanitize, DeepNestingIsFlattened) {
  for (const char* tag : {"div", "blockquote", "strong", "span", "ul><li"}) {
    SCOPED_TRACE(tag);
    std::string in;
    for (int i = 0; i < 300; ++i) in += std::string("<") + tag + ">";
    in += "đáy";
    SanitizeOptions opts;
    opts.max_depth = 16;
    std::string out = clean(in, opts);
    EXPECT_NE(out.find("đáy"), std::string::npos) << out;
    EXPECT_EQ(clean(out, opts), out);
    // Depth of the output, counted on the serialised tags.
    int depth = 0, max_depth = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i] != '<') continue;
      if (out[i + 1] == '/') {
        --depth;
      } else if (out.compare(i, 4, "<br>") != 0 && out.compare(i, 4, "<hr>") != 0 &&
                 out.compare(i, 4, "<img") != 0) {
        max_depth = std::max(max_depth, ++depth);
      }
    }
    EXPECT_LE(max_depth, 16);
  }
}

TEST(Sanitize, DepthLimitKeepsTablesWhole) {
  // A table that does not fit under the limit is flattened into lines, not cut.
  SanitizeOptions opts;
  opts.max_depth = 8;
  std::string in =
      "<blockquote><blockquote><blockquote><blockquote><table><tr><td>a</td><td>b"
      "</td></tr></table></blockquote></blockquote></blockquote></blockquote>";
  std::string out = clean(in, opts);
  EXPECT_EQ(out.find("<table>"), std::string::npos) << out;
  EXPECT_NE(out.find("a<br>b"), std::string::npos) << out;
  EXPECT_EQ(clean(out, opts), out);
}

TEST(Sanitize, PathologicalNestingFailsFast) {
  // gumbo is quadratic in nesting depth and multiplies formatting elements; the parse
  // budget turns such input into an error instead of minutes of CPU and gigabytes.
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  std::string blowup = "<p>";
  for (int i = 0; i < 64; ++i) blowup += "<b id=" + std::to_string(i) + ">";
  for (int i = 0; i < 150000; ++i) blowup += "<p>x";
  for (const std::string* in : {&deep, &blowup}) {
    auto start = std::chrono::steady_clock::now();
    auto r = sanitize(*in);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(secs, 15.0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(r.error().message.find("quá phức tạp"), std::string::npos);
  }
}

TEST(Sanitize, LargeOrdinaryDocumentsAreAccepted) {
  // Up to the 2 MiB limit, dense markup included, stays inside the parse budget.
  for (std::string_view unit :
       {"<p class=MsoNormal><span lang=VI>Sở Ngoại vụ <b>Lạng Sơn</b> tổ chức hội nghị "
        "<i>tổng kết</i> công tác đối ngoại.</span></p>\n",
        "<p><b>a</b><i>b</i><u>c</u></p>", "<tr><td>1</td><td>2</td></tr>",
        "<ul><li>x</li></ul>"}) {
    std::string in;
    while (in.size() + unit.size() <= (2u << 20)) in += unit;
    auto r = sanitize(in);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_NE(to_plain_text(in), "");
  }
}

}  // namespace
}  // namespace congtin::html
