"""The reference article (../shared/fixtures/seed-article-page.txt) becomes an import line,
is imported into a new site, and its page shows every part of it."""

import json
import os
import struct
import unittest
import zlib

from harness import FIXTURES, Server, SiteTestCase, congtin, visible_text


def tiny_png(path, width=64, height=36):
    """Writes a real PNG (a flat blue picture), standing in for the article's photo."""
    raw = b"".join(b"\x00" + b"\x20\x50\xa0" * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def parse_fixture():
    with open(os.path.join(FIXTURES, "seed-article-page.txt"), encoding="utf-8") as f:
        lines = [l.strip() for l in f.read().splitlines()]
    lines = [l for l in lines if l]
    title_at = lines.index("Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ")
    end = lines.index("Các thông tin khác")
    title, body, byline = lines[title_at], lines[title_at + 1:end - 1], lines[end - 1]
    caption = next(l for l in body if l.startswith("Đ/c "))
    paragraphs = [l for l in body if l != caption]
    return title, paragraphs, caption, byline


class FixtureArticleTest(SiteTestCase):
    def test_reference_article_round_trip(self):
        title, paragraphs, caption, byline = parse_fixture()
        self.assertEqual(byline, "Phùng Anh Văn - TTTTDV&ĐN")
        self.assertTrue(paragraphs[0].startswith("Ngày 23/6/2017"))
        author, unit = byline.split(" - ")

        data = self.new_dir("fixture-site")
        r = congtin("init", "--data", data)
        self.assertEqual(r.returncode, 0, r.stderr)

        work = self.new_dir("fixture-import")
        os.makedirs(work)
        tiny_png(os.path.join(work, "anh-lam-viec.png"))
        from html import escape
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs[:2])
        body += (f'<figure><img src="anh-lam-viec.png" alt="{escape(caption)}">'
                 f"<figcaption>{escape(caption)}</figcaption></figure>")
        body += "".join(f"<p>{escape(p)}</p>" for p in paragraphs[2:])
        record = {
            "title": title,
            "lead": paragraphs[0][:200],
            "body_html": body,
            "category": "Hoạt động đối ngoại",
            "published_at": "2017-06-23T08:30:00+07:00",
            "author": author,
            "author_unit": unit,
        }
        path = os.path.join(work, "fixture.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        r = congtin("import", "--data", data, path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("imported 1 articles", r.stdout)

        server = Server(data)
        try:
            slug = "doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu"
            status, resp, page = server.get("/tin-tuc/" + slug)
            self.assertEqual(status, 200)
            text = visible_text(page)
            self.assertIn(title, text)
            self.assertIn("Thứ Sáu, 23/06/2017 08:30", text)
            for p in paragraphs:
                self.assertIn(p, text)
            self.assertIn(caption, text)
            self.assertIn(byline, text)
            self.assertIn("<figcaption>", page)
            # The photo was stored in the media library and is served from there.
            import re
            src = re.search(r'<img[^>]+src="(/media/[^"]+\.png)"', page)
            self.assertIsNotNone(src, "the photo is on the page")
            status, resp, _ = server.get(src.group(1))
            self.assertEqual(status, 200)
            self.assertEqual(resp.getheader("Content-Type"), "image/png")
        finally:
            self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    unittest.main()
