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

std::optional<ArticleStatus> status_from_code(std::string_view code) {
  for (const auto& [status, c] : kCodes)
    if (c == code) return status;
  return std::nullopt;
}

}  // namespace congtin::content
