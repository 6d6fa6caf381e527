// Translation of a parsed search::Query into FTS5 MATCH expressions over search_fts
// (search_schema.h), with what congtin_rank (search_rank.h) scores them by. Every phrase of
// an expression costs a walk of its doclist, so proximity is judged by congtin_rank from the
// positions of the words themselves rather than by extra phrase or NEAR terms.
// Internal to store/sqlite/; pure and thread-safe.
//
// Every piece of visitor text goes into an expression inside double quotes (quotes doubled),
// so FTS5 operators typed by a visitor (AND, NEAR, ^, :) are plain words, and an expression
// built from any Query is valid. Folded terms are confined to the folded columns and exact
// forms to the original columns, so the two never count twice.
#pragma once

#include <string>

#include "search/query.h"

namespace congtin::store::sqlite {

struct FtsExpressions {
  // The documents that match: every term that is not excluded, minus the excluded ones.
  std::string filter;
  // The same documents, with each term also matched in its exact form (as typed, with
  // diacritics) in the original columns, which only adds to the score.
  std::string ranked;
  // congtin_rank's arguments for ranked, one entry per phrase in order: its weight, and the
  // position of the plain word it matches among the query's plain words (-1 for other
  // phrases), from which congtin_rank tells words standing together from scattered ones.
  std::string weights;
  std::string slots;
};

// Empty strings when the query has nothing to look for (Query::empty()).
FtsExpressions fts_expressions(const search::Query& q);

}  // namespace congtin::store::sqlite
