#!/usr/bin/env python3
"""Converts the peers corpus (../shared/peers/corpus/articles.tsv) to congtin's import format.

usage: tsv_to_jsonl.py ARTICLES.tsv[.gz] OUT.jsonl [N]

Keeps WordPress's slugs, so /<slug>/ there is /tin-tuc/<slug> here, and the same local
dates (Asia/Ho_Chi_Minh, +07:00). Bodies are plain text with blank lines between
paragraphs, which is what body_text means (docs/import-format.md).
"""
import gzip
import json
import sys


def unescape(s):
    out, i = [], 0
    table = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] in table:
            out.append(table[s[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    n = 0
    # setup.sh gzips the dump when it exceeds 5 MB (articles.tsv.gz).
    opener = gzip.open if src.endswith(".gz") else open
    with opener(src, "rt", encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        header = f.readline().rstrip("\n").split("\t")
        assert header == ["title", "category", "body", "slug", "date"], header
        for line in f:
            title, category, body, slug, date = line.rstrip("\n").split("\t")
            rec = {
                "title": unescape(title),
                "category": unescape(category),
                "body_text": unescape(body),
                "slug": slug,
                "published_at": date.replace(" ", "T") + "+07:00",
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
            if limit and n >= limit:
                break
    print(f"{n} articles -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
