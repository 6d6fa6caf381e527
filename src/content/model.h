// The content of a portal as the domain sees it: plain values, no storage or HTML concerns.
// All text fields hold UTF-8 in NFC (the content services normalise on the way in).
// Times are UTC seconds; they are shown in Asia/Ho_Chi_Minh time by text/date.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace congtin::content {

using Time = std::chrono::sys_seconds;
using Id = std::int64_t;

// The agency behind the portal: shown in the header and the footer of every page.
struct SiteSettings {
  std::string name;                // full agency name, "Sở Ngoại vụ tỉnh ..."
  std::string parent_name;         // the body above it, "Ủy ban nhân dân tỉnh ..."
  std::string slogan;              // the slogan banner
  std::string logo_url;            // path under /static or /media; empty: no logo
  std::string description;         // one sentence for metadata
  std::string owner;               // "Cơ quan chủ quản"
  std::string responsible_person;  // "Người chịu trách nhiệm"
  std::string license;             // licence line ("Giấy phép số ..."), may be empty
  std::string address;
  std::string phone;
  std::string fax;
  std::string email;
  std::string copyright;
  std::string base_url;  // public origin, "https://songoaivu.example.gov.vn"; empty: relative
};

// A category is a menu entry; categories nest (parent_id) and are ordered by position.
struct Category {
  Id id = 0;
  std::optional<Id> parent_id;
  std::string name;
  std::string slug;  // unique across categories
  std::string description;
  int position = 0;
};

// Workflow states; issue 3 (the newsroom) drives the transitions. Only kPublished is public.
enum class ArticleStatus {
  kDraft,       // Nháp
  kSubmitted,   // Chờ biên tập
  kReview,      // Chờ duyệt
  kScheduled,   // Hẹn giờ
  kPublished,   // Đã xuất bản
  kReturned,    // Trả lại
  kTakenDown,   // Gỡ xuống
};
std::string_view status_code(ArticleStatus s);  // "draft", "submitted", ... (stored form)
std::optional<ArticleStatus> status_from_code(std::string_view code);

// True for a URL slug: a-z, 0-9 and single inner hyphens, 1 to 120 characters.
bool is_valid_slug(std::string_view s);

struct Article {
  Id id = 0;
  std::string title;
  std::string slug;       // unique across articles; old slugs redirect (301)
  std::string lead;       // sapo: one paragraph, plain text
  std::string body_html;  // sanitised HTML (p, h2-h4, figure/figcaption, img, ul/ol, table, a...)
  std::string cover_image;    // URL path ("/media/ab/cd...jpg"); empty: none
  std::string cover_caption;  // plain text
  std::string cover_alt;      // plain text; falls back to the caption
  std::string author;         // byline, "Phùng Anh Văn"
  std::string author_unit;    // byline unit, "TTTTDV&ĐN"
  std::string source;         // "Nguồn: ..." (plain text), may be empty
  Id category_id = 0;
  std::vector<std::string> tags;
  ArticleStatus status = ArticleStatus::kDraft;
  bool featured = false;             // shown first on the home page
  std::optional<Time> published_at;  // set when published (or scheduled for)
  Time created_at{};
  Time updated_at{};
};

// What listings need: no body.
struct ArticleSummary {
  Id id = 0;
  std::string title;
  std::string slug;
  std::string lead;
  std::string cover_image;
  std::string cover_alt;
  Id category_id = 0;
  std::optional<Time> published_at;
};

// A static page: introduction, organisation, contacts, accessibility...
struct Page {
  Id id = 0;
  std::string slug;  // unique across pages; served at /trang/<slug>
  std::string title;
  std::string body_html;
  int position = 0;
  Time updated_at{};
};

// LIÊN KẾT block: links to other state portals.
struct LinkItem {
  Id id = 0;
  std::string title;
  std::string url;
  int position = 0;
};

// HỖ TRỢ TRỰC TUYẾN block: people to call.
struct ContactItem {
  Id id = 0;
  std::string name;   // "Văn phòng Sở"
  std::string role;   // "Hỗ trợ kỹ thuật"
  std::string phone;
  std::string email;
  int position = 0;
};

}  // namespace congtin::content
