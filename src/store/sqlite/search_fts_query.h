// Translation of a parsed search::Query into FTS5 MATCH expressions over search_fts
// (search_schema.h), with what congtin_rank (search_rank.h) scores them by. Every phrase of
// an expression costs a walk of its doclist, so proximity is judged by congtin_rank from the
// positions of the words themselves rather than by extra phrase or NEAR terms.
// Internal to store/sqlite/; pure and thread-safe.
//
// Every piece of visitor text goes into an expression inside double quotes (quotes doubled),
// so FTS5 operators typed by a visitor (AND, NEAR, ^, :) are plain words, and an expression
// built from any Query is valid.
//
// No phrase carries a column filter: with detail=full, FTS5 tests a filter against every
// entry's position list, which doubled the cost of walking the doclists of common words. It
// matches the same rows without: a folded term (no marks) found in an original column is
// there as written without marks, so it is in the folded column too; an exact form (with
// marks) cannot occur in a folded column. congtin_rank counts folded phrases in the folded
// columns only and exact ones in the original columns only (`sides`), so nothing counts
// twice.
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
  // Per phrase: 0 for a folded phrase, 1 for an exact form.
  std::string sides;
};

// Empty strings when the query has nothing to look for (Query::empty()).
FtsExpressions fts_expressions(const search::Query& q);

}  // namespace congtin::store::sqlite
