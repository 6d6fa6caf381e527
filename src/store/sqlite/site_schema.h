// Schema of the site-management additions (migration 6): whether a category shows in the
// public menu. Internal to store/sqlite/.
#pragma once

#include <string_view>

namespace congtin::store::sqlite {

// 1: in the menu (every category that existed before), 0: left out of it.
inline constexpr std::string_view kCategoryMenuSchema = R"sql(
ALTER TABLE categories ADD COLUMN in_menu INTEGER NOT NULL DEFAULT 1 CHECK (in_menu IN (0, 1));
)sql";

}  // namespace congtin::store::sqlite
