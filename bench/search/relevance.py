#!/usr/bin/env python3
"""Relevance of congtin's search on a fixed corpus: recall@10 and MRR per kind of query.

usage: relevance.py [--bin CONGTIN] [--work DIR] [--port PORT]

Builds (once, kept in WORK/relevance-site) a site with the demo content plus the first 1211
rows of the peers corpus, starts `congtin serve` on 127.0.0.1:PORT, asks GET /api/v1/search
for every query of relevance_queries.py and its derived forms, and prints a Markdown table.
A query is answered when an article with the expected title is in the first 10 results;
its reciprocal rank is 1/rank of the first such article (0 if not in the first 10).
Exits 1 if a kind is below 98% recall@10 or MRR is below 0.9 overall.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TSV = os.path.normpath(os.path.join(ROOT, "..", "shared", "peers", "corpus", "articles.tsv"))
sys.path.insert(0, HERE)
from relevance_queries import QUERIES  # noqa: E402

PEERS_ROWS = 1211  # every title in this prefix is unique (README of the corpus)


def strip_marks(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def all_queries():
    out = []
    for kind, q, title in QUERIES:
        out.append((kind, q, title))
        if kind == "phrase":
            continue
        out.append(("no_diacritics", strip_marks(q), title))
        out.append(("nfd", unicodedata.normalize("NFD", q), title))
        if "đ" in q.lower():
            out.append(("d_for_dd", q.replace("đ", "d").replace("Đ", "D"), title))
    return out


def build_site(binary, work):
    site = os.path.join(work, "relevance-site")
    if os.path.exists(os.path.join(site, "congtin.db")):
        return site
    os.makedirs(work, exist_ok=True)
    subprocess.run([binary, "init", "--data", site, "--demo"], check=True, stdout=subprocess.DEVNULL)
    jsonl = os.path.join(work, "relevance-peers.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "tsv_to_jsonl.py"), TSV, jsonl,
                    str(PEERS_ROWS)], check=True)
    subprocess.run([binary, "import", "--data", site, jsonl], check=True, stdout=subprocess.DEVNULL)
    return site


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.environ.get("CONGTIN", os.path.join(ROOT, "build", "src", "cli", "congtin")))
    ap.add_argument("--work", default=os.environ.get("WORK", "/tmp/congtin-bench"))
    ap.add_argument("--port", type=int, default=18410)
    args = ap.parse_args()

    site = build_site(args.bin, args.work)
    server = subprocess.Popen([args.bin, "serve", "--data", site, "--listen", f"127.0.0.1:{args.port}",
                               "--threads", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        stats = {}
        misses = []
        for kind, q, title in all_queries():
            url = base + "/api/v1/search?" + urllib.parse.urlencode({"q": q, "limit": 10})
            results = json.load(urllib.request.urlopen(url, timeout=10))["results"]
            titles = [r["title"] for r in results]
            rank = titles.index(title) + 1 if title in titles else 0
            s = stats.setdefault(kind, [0, 0, 0.0])
            s[0] += 1
            s[1] += rank > 0
            s[2] += 1.0 / rank if rank else 0.0
            if rank != 1:
                misses.append((kind, q, title, rank, titles[:3]))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)

    order = ["exact", "no_diacritics", "nfd", "d_for_dd", "multisyllable", "phrase"]
    print("| kind | queries | recall@10 | MRR |")
    print("|---|---:|---:|---:|")
    total = [0, 0, 0.0]
    ok = True
    for kind in order:
        if kind not in stats:
            continue
        n, hit, rr = stats[kind]
        total = [total[0] + n, total[1] + hit, total[2] + rr]
        ok &= hit / n >= 0.98
        print(f"| {kind} | {n} | {100.0 * hit / n:.1f}% | {rr / n:.3f} |")
    n, hit, rr = total
    ok &= rr / n >= 0.9
    print(f"| **all** | {n} | {100.0 * hit / n:.1f}% | {rr / n:.3f} |")
    if misses:
        print("\nNot first (kind, query, expected, rank, first titles):", file=sys.stderr)
        for m in misses:
            print("  ", m, file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
