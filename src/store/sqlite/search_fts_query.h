// Translation of a parsed search::Query into the FTS5 MATCH expression over search_fts
// (search_schema.h), with what congtin_rank (search_rank.h) scores it by. Every phrase of
// an expression costs a walk of its doclist, so proximity is judged by congtin_rank from the
// positions of the words themselves rather than by extra phrase or NEAR terms.
// Internal to store/sqlite/; pure and thread-safe.
//
// Every piece of visitor text goes into an expression inside double quotes (quotes doubled),
// so FTS5 operators typed by a visitor (AND, NEAR, ^, :) are plain words, and an expression
// built from any Query is valid.
//
// No phrase carries a column filter: with detail=full, FTS5 tests a filter against every
// entry's position list, which doubled the cost of walking the doclists of common words.
//
// The exact forms of the words (as typed, with diacritics) are not in the expression: they
// only add to the score of a document the folded words matched already, and the index counts
// them itself in the short fields of the documents it ranks (search::ExactForms). ORed into
// the expression, as they once were, every exact form made FTS5 merge two doclists at each
// step of the walk (40 % of the time of a search).
#pragma once

#include <string>
#include <vector>

#include "search/query.h"

namespace congtin::store::sqlite {

// One MATCH expression with congtin_rank's arguments, one entry per phrase in order: its
// weight, and the position of the plain word it matches among the query's plain words (-1
// for other phrases), from which congtin_rank tells words standing together from scattered
// ones.
struct FtsPhrase {
  std::string text;                 // the folded term as it goes between the quotes
  std::vector<std::string> tokens;  // its words as FTS5 splits them: filled by split_phrases()
  bool prefix = false;              // the last token matches any word it starts
  bool excluded = false;
  double weight = 0;
  int slot = -1;
};
struct FtsExpression {
  std::string match;
  std::string weights;
  std::string slots;
  // The same phrases, in the same order, for the in-memory path (search_memory.h).
  std::vector<FtsPhrase> phrases;
};

// The documents that match: every term that is not excluded, folded, minus the excluded
// ones. Empty strings when the query has nothing to look for (Query::empty()).
FtsExpression fts_expression(const search::Query& q);

}  // namespace congtin::store::sqlite
