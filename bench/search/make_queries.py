#!/usr/bin/env python3
"""Writes the request paths of the search load test, one a line, to stdout.

The queries are those of the relevance set (relevance_queries.py) in every form people type
them (with and without diacritics, NFD, đ as d, phrases), plus common single words that
match a large part of a 100,000-article corpus, prefixes, exclusions, a category filter and
later pages: what a portal's search box receives, weighted towards the expensive end.
usage: make_queries.py [api|page]
"""
import sys
import urllib.parse

from relevance import all_queries

COMMON = ["công", "văn bản", "trang", "chọn", "bảng tính", "tin tuc", "dinh dang", "hộp thoại",
          "lệnh", "tệp", "định dạng ô", "biểu đồ", "ham", "chèn*", "đối tượng -bảng",
          '"thanh công cụ"', "tài liệu", "trình đơn", "ky tu", "văn bản -trang"]


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else "api"
    path = "/api/v1/search" if kind == "api" else "/tim-kiem"
    qs = [q for _, q, _ in all_queries()] + COMMON
    for n, q in enumerate(qs):
        params = {"q": q}
        if n % 10 == 3:
            params["chuyen-muc"] = "thong-bao"
        if n % 10 == 7:
            params["offset" if kind == "api" else "trang"] = 10 if kind == "api" else 2
        print(path + "?" + urllib.parse.urlencode(params))


if __name__ == "__main__":
    main()
