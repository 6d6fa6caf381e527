#!/usr/bin/env python3
"""Generates N articles in congtin's import format (JSON Lines), reproducibly.

usage: gen_corpus.py N OUT.jsonl [SEED]

Vietnamese titles and bodies are assembled from the paragraphs of the peers corpus when it
is there (../shared/peers/corpus/articles.tsv), else from a built-in list; 12 categories;
dates one every 7 minutes back from 2026-11-01. Bodies are 2-6 KB, like agency news.
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, "..", "..", "shared", "peers", "corpus", "articles.tsv")
CATEGORIES = [
    "Hoạt động đối ngoại", "Biên giới lãnh thổ", "Hợp tác quốc tế", "Lãnh sự và người Việt Nam ở nước ngoài",
    "Thông báo", "Tin trong tỉnh", "Kinh tế đối ngoại", "Văn hóa đối ngoại", "Thông tin tuyên truyền",
    "Văn bản chỉ đạo", "Cải cách hành chính", "Hỏi đáp",
]
FALLBACK = [
    "Đoàn công tác Sở Ngoại vụ tỉnh Lạc Hồng làm việc với chính quyền địa phương về công tác biên giới.",
    "Hội nghị tổng kết công tác đối ngoại năm và triển khai nhiệm vụ trọng tâm của năm tới.",
    "Tăng cường hợp tác hữu nghị giữa các tỉnh biên giới, thúc đẩy giao lưu nhân dân hai bên.",
    "Hướng dẫn thủ tục hợp pháp hóa lãnh sự và chứng nhận lãnh sự cho công dân, tổ chức.",
]


def paragraphs():
    ps = []
    try:
        with open(TSV, encoding="utf-8") as f:
            f.readline()
            for line in f:
                body = line.split("\t")[2].replace("\\n", "\n")
                ps += [p for p in body.split("\n\n") if 40 <= len(p) <= 600]
    except OSError:
        pass
    return ps or FALLBACK


def main():
    n, dst = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
    ps = paragraphs()
    words = " ".join(ps).split()
    with open(dst, "w", encoding="utf-8") as out:
        for i in range(n):
            minutes = 7 * (n - i)
            day, rest = divmod(minutes, 24 * 60)
            # a simple, valid local time that moves back from 2026-11-01 08:00
            from datetime import datetime, timedelta
            t = datetime(2026, 11, 1, 8, 0) - timedelta(minutes=minutes)
            title = " ".join(rnd.choice(words) for _ in range(rnd.randint(6, 14))).strip(".,;:")
            body = []
            while sum(len(p) for p in body) < rnd.randint(2000, 6000):
                body.append(rnd.choice(ps))
            rec = {
                "title": f"{title.capitalize()} ({i + 1})",
                "lead": body[0][:300],
                "body_text": "\n\n".join(body),
                "category": CATEGORIES[i % len(CATEGORIES)],
                "published_at": t.strftime("%Y-%m-%dT%H:%M:00+07:00"),
                "slug": f"bai-viet-{i + 1}",
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{n} articles -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
