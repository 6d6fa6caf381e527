#include "content/model.h"

#include <array>
#include <utility>

namespace congtin::content {

namespace {
constexpr std::array<std::pair<ArticleStatus, std::string_view>, 7> kCodes{{
    {ArticleStatus::kDraft, "draft"},
    {ArticleStatus::kSubmitted, "submitted"},
    {ArticleStatus::kReview, "review"},
    {ArticleStatus::kScheduled, "scheduled"},
    {ArticleStatus::kPublished, "published"},
    {ArticleStatus::kReturned, "returned"},
    {ArticleStatus::kTakenDown, "taken_down"},
}};
}  // namespace

std::string_view status_code(ArticleStatus s) {
  for (const auto& [status, code] : kCodes)
    if (status == s) return code;
  return "draft";
}

bool is_valid_slug(std::string_view s) {
  if (s.empty() || s.size() > 120 || s.front() == '-' || s.back() == '-') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && s[i - 1] == '-')) return false;
  }
  return true;
}

std::optional<ArticleStatus> status_from_code(std::string_view code) {
  for (const auto& [status, c] : kCodes)
    if (c == code) return status;
  return std::nullopt;
}

}  // namespace congtin::content
