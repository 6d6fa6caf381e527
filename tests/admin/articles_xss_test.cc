// XSS payloads (tests/html/xss_corpus.txt: the OWASP filter-evasion cheat sheet and more)
// through every rich-text and plain-text field of the article form, then the article is
// published: neither the public page nor the preview holds anything a browser would run.
#include <gumbo.h>

#include <fstream>

#include "articles_fixture.h"

namespace congtin::admin {
namespace {

using content::ArticleStatus;
using testing::ArticlesTest;
using testing::Browser;
using testing::csrf_in;

std::vector<std::string> load_corpus() {
  std::ifstream in(CONGTIN_HTML_TEST_DIR "/xss_corpus.txt");
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    // {{xHH}} stands for the byte 0xHH.
    std::string p;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line.compare(i, 3, "{{x") == 0 && i + 7 <= line.size() &&
          line.compare(i + 5, 2, "}}") == 0) {
        p += static_cast<char>(std::stoi(line.substr(i + 3, 2), nullptr, 16));
        i += 6;
      } else {
        p += line[i];
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::string lower_url(std::string_view v) {
  std::string out;
  for (char c : v) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) continue;
    out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

// What a browser could run in a whole page of the public or admin theme: scripts other than
// the themes' own (src under /static/ or /admin/static/, no inline code) and JSON-LD,
// elements that embed or run content, event handlers, script URLs, forms other than the
// search box and the back office's own, refresh metas.
std::string find_executable_in_page(const std::string& html) {
  struct Deleter {
    void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
  };
  std::unique_ptr<GumboOutput, Deleter> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  std::vector<const GumboNode*> todo{out->document};
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (n->type == GUMBO_NODE_DOCUMENT) {
      for (unsigned i = 0; i < n->v.document.children.length; ++i)
        todo.push_back(static_cast<const GumboNode*>(n->v.document.children.data[i]));
      continue;
    }
    if (n->type == GUMBO_NODE_TEMPLATE) return "template";
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& el = n->v.element;
    const GumboVector* kids = &el.children;
    const GumboAttribute* src = gumbo_get_attribute(&el.attributes, "src");
    const GumboAttribute* type = gumbo_get_attribute(&el.attributes, "type");
    switch (el.tag) {
      case GUMBO_TAG_SCRIPT:
        if (type != nullptr && std::string_view(type->value) == "application/ld+json") break;
        if (src == nullptr || el.children.length != 0 ||
            !(std::string_view(src->value).starts_with("/static/") ||
              std::string_view(src->value).starts_with("/admin/static/")))
          return "script";
        break;
      case GUMBO_TAG_IFRAME:
      case GUMBO_TAG_OBJECT:
      case GUMBO_TAG_EMBED:
      case GUMBO_TAG_SVG:
      case GUMBO_TAG_MATH:
      case GUMBO_TAG_BASE:
      case GUMBO_TAG_APPLET:
      case GUMBO_TAG_FRAME:
      case GUMBO_TAG_FRAMESET:
      case GUMBO_TAG_STYLE:
        return std::string("element ") + gumbo_normalized_tagname(el.tag);
      case GUMBO_TAG_FORM: {
        const GumboAttribute* action = gumbo_get_attribute(&el.attributes, "action");
        if (action == nullptr || !(std::string_view(action->value) == "/tim-kiem" ||
                                   std::string_view(action->value).starts_with("/admin/")))
          return "form";
        break;
      }
      case GUMBO_TAG_META:
        if (gumbo_get_attribute(&el.attributes, "http-equiv") != nullptr) return "meta refresh";
        break;
      default:
        break;
    }
    if (el.tag_namespace != GUMBO_NAMESPACE_HTML) return "foreign element";
    for (unsigned i = 0; i < el.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
      const std::string name = a->name;
      if (name.starts_with("on")) return "event handler " + name;
      if (name == "style" || name == "srcdoc" || name == "formaction") return "attribute " + name;
      if (name == "alt" || name == "title" || name == "content" || name == "aria-label" ||
          name == "value")
        continue;  // text, never loaded or navigated to
      const std::string url = lower_url(a->value);
      for (std::string_view scheme : {"javascript:", "vbscript:", "data:", "livescript:"})
        if (url.starts_with(scheme)) return name + "=" + std::string(scheme);
    }
    for (unsigned i = 0; i < kids->length; ++i)
      todo.push_back(static_cast<const GumboNode*>(kids->data[i]));
  }
  return {};
}

TEST_F(ArticlesTest, TheBenignPagesPassTheChecker) {
  const content::Id id = article_in(ArticleStatus::kPublished, "Bài bình thường");
  Browser b = as(content::Role::kEditor);
  const auto page = b.get("/tin-tuc/" + store_->articles().by_id(id)->slug);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(find_executable_in_page(page.body), "");
  EXPECT_NE(find_executable_in_page("<p><img src=x onerror=alert(1)></p>"), "");
  EXPECT_NE(find_executable_in_page("<a href=' javascript:alert(1)'>x</a>"), "");
}

TEST_F(ArticlesTest, XssPayloadsInEveryFieldReachNeitherThePublicPageNorThePreview) {
  const auto corpus = load_corpus();
  ASSERT_GE(corpus.size(), 80u);
  Browser rep = as(content::Role::kReporter);
  Browser head = as(content::Role::kChiefEditor);
  const std::string form = rep.get("/admin/bai-viet/moi").body;
  const std::string rep_token = csrf_in(form);
  const std::string head_token = csrf_in(head.get("/admin/tai-khoan").body);
  int published = 0, n = 0;
  for (const std::string& payload : corpus) {
    ++n;
    // Every field but the slug (a slug is validated, not escaped) and the category.
    std::vector<std::pair<std::string, std::string>> f = {
        {"_csrf", rep_token},
        {"title", "Tin " + std::to_string(n) + " " + payload},
        {"lead", payload},
        {"body", "<p>Mở đầu</p>" + payload + "<figure><img src=\"/media/a.jpg\" alt=\"" + payload +
                     "\"><figcaption>" + payload + "</figcaption></figure>"},
        {"cover_image", "/media/b.jpg\" onerror=\"alert(1)"},
        {"cover_caption", payload},
        {"cover_alt", payload},
        {"author", payload},
        {"author_unit", payload},
        {"source", payload},
        {"tags", payload},
        {"category_id", std::to_string(category_)}};
    http::Response r = rep.post("/admin/bai-viet/moi", f);
    if (r.status == 422) {
      // Refused (e.g. not valid UTF-8 once decoded): the form comes back, still escaped.
      EXPECT_EQ(find_executable_in_page(r.body), "") << payload;
      continue;
    }
    ASSERT_EQ(r.status, 303) << payload << "\n" << r.body.substr(0, 2000);
    const std::string location = testing::header(r, "Location");
    const std::string path = location.substr(0, location.find('?'));
    const content::Id id = std::stoll(path.substr(path.rfind('/') + 1));
    const auto& ed = actors_.at(content::Role::kEditor);
    ASSERT_TRUE(newsroom_->submit(actors_.at(content::Role::kReporter), id).ok());
    ASSERT_TRUE(newsroom_->pass_on(ed, id).ok());
    http::Response pub_action =
        head.post(path + "/thao-tac", {{"_csrf", head_token}, {"action", "publish"}});
    ASSERT_EQ(pub_action.status, 303) << payload;
    ++published;
    const auto row = store_->articles().by_id(id);
    ASSERT_TRUE(row.ok());
    const http::Response page = head.get("/tin-tuc/" + row->slug);
    ASSERT_EQ(page.status, 200) << payload;
    EXPECT_EQ(find_executable_in_page(page.body), "") << "public page, payload: " << payload;
    const http::Response preview = head.get(path + "/xem-truoc");
    EXPECT_EQ(find_executable_in_page(preview.body), "") << "preview, payload: " << payload;
    const http::Response edit = head.get(path);
    EXPECT_EQ(find_executable_in_page(edit.body), "") << "edit page, payload: " << payload;
  }
  EXPECT_GE(published, 80);
}

}  // namespace
}  // namespace congtin::admin
