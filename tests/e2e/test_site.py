"""The demo portal over real HTTP: every page type with its parts, and the protocol edges
(404, 400, 413, 431, 304, HEAD, gzip, keep-alive) of the server."""

import gzip
import json
import re
import socket
import unittest

from harness import DemoSiteTestCase, visible_text, wait_until


def raw_exchange(port, payload, timeout=10):
    """Sends bytes, returns everything the server answers until it closes (or the timeout)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(payload)
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except socket.timeout:
                break
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks)
    finally:
        s.close()


class DemoSiteTest(DemoSiteTestCase):
    def first_article_url(self, page):
        m = re.search(r'href="(/tin-tuc/[a-z0-9-]+)"', page)
        self.assertIsNotNone(m, "the page links to an article")
        return m.group(1)

    def assert_chrome(self, page):
        """Header, sidebar blocks and footer that every public page carries."""
        text = visible_text(page)
        s = self.site["settings"]
        self.assertIn('lang="vi"', page)
        for value in (s["name"], s["slogan"], s["responsible_person"], s["address"], s["phone"], s["email"]):
            self.assertIn(value, text)
        self.assertIn("LIÊN KẾT", text)
        self.assertIn("HỖ TRỢ TRỰC TUYẾN", text)
        for link in self.site["links"]:
            self.assertIn(link["url"], page)
        for contact in self.site["contacts"]:
            self.assertIn(contact["name"], text)
        for cat in self.site["categories"]:
            self.assertIn(cat["name"], text)
        # The visitor statistics block carries labels, never figures, in the page bytes
        # (pages are cached; stats.js fills the figures from /api/v1/stats/block).
        self.assertIn("THỐNG KÊ TRUY CẬP", text)
        block = re.search(r'(?s)<section[^>]*data-stats-block.*?</section>', page).group(0)
        self.assertNotRegex(re.sub(r"(?s)<noscript>.*?</noscript>", "", block), r">\s*\d")
        # Self-hosted: no stylesheet, script, font or image from another host.
        for tag in re.findall(r"<(?:link|script|img|source)\b[^>]*>", page):
            self.assertNotRegex(tag, r'(src|href)="(https?:)?//', tag)

    def test_home(self):
        status, resp, page = self.server.get("/")
        self.assertEqual(status, 200)
        self.assertEqual(resp.getheader("Content-Type"), "text/html; charset=utf-8")
        self.assert_chrome(page)
        featured = [a for a in self.articles if a.get("featured")]
        self.assertTrue(featured)
        text = visible_text(page)
        self.assertTrue(any(a["title"] in text for a in featured))
        self.assertEqual(page.count("<h1"), 1)

    def test_category_pages_and_pagination(self):
        for cat in self.site["categories"]:
            status, _, page = self.server.get("/chuyen-muc/" + cat["slug"])
            self.assertEqual(status, 200, cat["slug"])
            self.assert_chrome(page)
            self.assertIn(cat["name"], visible_text(page))
        status, _, _ = self.server.get("/chuyen-muc/" + self.site["categories"][0]["slug"] + "?trang=999")
        self.assertEqual(status, 404)
        status, _, _ = self.server.get("/chuyen-muc/khong-ton-tai")
        self.assertEqual(status, 404)

    def test_article_page(self):
        _, _, home = self.server.get("/")
        url = self.first_article_url(home)
        status, _, page = self.server.get(url)
        self.assertEqual(status, 200)
        self.assert_chrome(page)
        text = visible_text(page)
        h1 = visible_text(re.search(r"(?s)<h1\b.*?</h1>", page).group(0))
        a = next(a for a in self.articles if a["title"] == h1)
        self.assertIn(a["lead"], text)
        self.assertRegex(text, r"(Chủ nhật|Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)), \d\d/\d\d/\d{4} \d\d:\d\d")
        self.assertIn(a["author"], text)
        self.assertIn("Các thông tin khác", text)
        if a.get("cover_caption"):
            self.assertIn(a["cover_caption"], text)

    def test_static_page(self):
        for p in self.site["pages"]:
            status, _, page = self.server.get("/trang/" + p["slug"])
            self.assertEqual(status, 200)
            self.assertIn(p["title"], visible_text(page))

    def test_vietnamese_404(self):
        status, _, page = self.server.get("/khong-co-trang-nay")
        self.assertEqual(status, 404)
        self.assertIn("Không tìm thấy", visible_text(page))
        status, _, _ = self.server.get("/tin-tuc/khong-co-bai-nay")
        self.assertEqual(status, 404)

    def test_robots_healthz_api(self):
        status, resp, body = self.server.get("/robots.txt")
        self.assertEqual(status, 200)
        self.assertIn("Disallow: /admin/", body)
        status, _, body = self.server.get("/healthz")
        self.assertEqual(status, 200)
        status, resp, body = self.server.get("/api/v1/articles?limit=5&offset=1")
        self.assertEqual(status, 200)
        doc = json.loads(body)
        self.assertEqual(doc["total"], len(self.articles))
        self.assertEqual(len(doc["results"]), 5)
        for item in doc["results"]:
            self.assertEqual(set(item) >= {"id", "title", "url", "published_at", "category", "lead"}, True)
        dates = [r["published_at"] for r in doc["results"]]
        self.assertEqual(dates, sorted(dates, reverse=True))
        status, _, _ = self.server.get("/api/v1/articles?limit=abc")
        self.assertEqual(status, 400)

    def test_conditional_get_304(self):
        status, resp, _ = self.server.get("/")
        etag = resp.getheader("ETag")
        self.assertTrue(etag)
        status, resp, body = self.server.get("/", {"If-None-Match": etag})
        self.assertEqual(status, 304)
        self.assertEqual(body, "")

    def test_head_and_gzip(self):
        resp, body = self.server.request("HEAD", "/")
        self.assertEqual(resp.status, 200)
        self.assertEqual(body, b"")
        self.assertGreater(int(resp.getheader("Content-Length")), 0)
        resp, body = self.server.request("GET", "/", {"Accept-Encoding": "gzip"})
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
        self.assertIn("LIÊN KẾT", gzip.decompress(body).decode("utf-8"))

    def test_malformed_request_400(self):
        out = raw_exchange(self.server.port, b"GARBAGE\r\n\r\n")
        self.assertTrue(out.startswith(b"HTTP/1.1 400"), out[:100])

    def test_header_too_large_431(self):
        req = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n"
        out = raw_exchange(self.server.port, req)
        self.assertTrue(out.startswith(b"HTTP/1.1 431"), out[:100])

    def test_body_too_large_413(self):
        req = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n" + b"a" * 1000
        out = raw_exchange(self.server.port, req)
        self.assertTrue(out.startswith(b"HTTP/1.1 413"), out[:100])

    def test_keep_alive_and_pipelining(self):
        req = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        out = raw_exchange(self.server.port, req)
        self.assertEqual(out.count(b"HTTP/1.1 200"), 2, out[:300])

    def test_access_log(self):
        self.server.get("/trang/" + self.site["pages"][0]["slug"] + "?log")
        # The access log is flushed every second.
        self.assertTrue(wait_until(lambda: any("/trang/" in l and "?log" in l for l in self.server.stdout_lines), 5))


if __name__ == "__main__":
    unittest.main()
