"""Search over the real binary: init --demo indexes, import indexes for a running server,
reindex rebuilds with a progress report, queries typed every way, the page and the API."""

import json
import time
import os
import sqlite3
import unicodedata
import urllib.parse

from harness import Server, SiteTestCase, congtin, visible_text, wait_until


def q(text, **params):
    return urllib.parse.urlencode({"q": text, **params})


class SearchTest(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = cls.new_dir("site")
        r = congtin("init", "--data", cls.data, "--demo")
        assert r.returncode == 0, r.stderr
        cls.server = Server(cls.data)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        super().tearDownClass()

    def api(self, query):
        status, resp, body = self.server.get("/api/v1/search?" + query)
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def test_typed_every_way(self):
        title = "Hội đàm cấp Sở với cơ quan ngoại vụ tỉnh Vân Lĩnh về kế hoạch trao đổi đoàn năm 2026"
        for typed in ["Hội đàm Vân Lĩnh", "hoi dam van linh", "HOI DAM VAN LINH",
                      unicodedata.normalize("NFD", "hội đàm vân lĩnh"), "hôi đam vân linh"]:
            j = self.api(q(typed))
            titles = [r["title"] for r in j["results"]]
            self.assertIn(title, titles[:3], typed)
            first = j["results"][titles.index(title)]
            self.assertTrue(first["url"].startswith("/tin-tuc/"))
            self.assertRegex(first["published_at"], r"^\d{4}-\d\d-\d\dT")
            self.assertTrue(first["category"])
            self.assertIn("<mark>", first["snippet"] + "<mark>")

    def test_page_highlights_in_original_text(self):
        status, resp, body = self.server.get("/tim-kiem?" + q("lanh su"))
        self.assertEqual(status, 200)
        self.assertIn("<mark>lãnh</mark> <mark>sự</mark>", body.replace("Lãnh", "lãnh"))
        self.assertIn("Tìm thấy", visible_text(body))
        status, resp, body = self.server.get("/tim-kiem?" + q("xyzkhongco"))
        self.assertEqual(status, 200)
        self.assertIn("Không tìm thấy kết quả nào", body)

    def test_malformed_is_never_an_error(self):
        for typed in ['"lanh su', "-lanh", "***", "NEAR(", "\x00", "a" * 5000]:
            status, resp, body = self.server.get("/tim-kiem?" + q(typed))
            self.assertEqual(status, 200, typed)

    def test_every_page_has_the_search_box(self):
        for path in ["/", "/tim-kiem", "/khong-co-trang-nay"]:
            status, resp, body = self.server.get(path)
            self.assertIn('action="/tim-kiem"', body, path)
            self.assertIn('name="q"', body, path)

    def test_import_is_findable_at_once_and_reindex_rebuilds(self):
        line = {"title": "Đón đoàn doanh nghiệp Quảng Tây khảo sát cửa khẩu Bắc Phong Sinh",
                "body_text": "Đoàn khảo sát hạ tầng logistics tại cửa khẩu.",
                "category": "Kinh tế đối ngoại", "published_at": "2026-01-05T09:00:00+07:00"}
        path = os.path.join(self.tmp, "one.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
        r = congtin("import", "--data", self.data, path)
        self.assertEqual(r.returncode, 0, r.stderr)
        def first_title():
            results = self.api(q("bac phong sinh"))["results"]
            return results[0]["title"] if results else ""
        self.assertTrue(wait_until(lambda: first_title() == line["title"], timeout=5))

        r = congtin("reindex", "--data", self.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"indexed 29 articles in [\d.]+ s")
        self.assertIn("29/29 (100%)", r.stderr)  # progress, as lines when not on a terminal
        self.assertEqual(first_title(), line["title"])

    def test_serve_rebuilds_an_emptied_index_at_start(self):
        # What an upgrade whose migration recreates the index's tables leaves behind.
        data = self.new_dir("emptied")
        r = congtin("init", "--data", data, "--demo")
        self.assertEqual(r.returncode, 0, r.stderr)
        db = sqlite3.connect(os.path.join(data, "congtin.db"))
        db.executescript("INSERT INTO search_fts(search_fts) VALUES ('delete-all');"
                         " DELETE FROM search_text; DELETE FROM search_docs;")
        db.close()
        server = Server(data)
        try:
            self.assertTrue(any("search index was empty: rebuilt from 28 published articles" in l
                                for l in server.stderr_lines), server.stderr_lines)
            status, resp, body = server.get("/api/v1/search?" + q("hoi dam van linh"))
            self.assertEqual(status, 200, body)
            self.assertGreater(json.loads(body)["total"], 0)
            # Then, in the background, the in-memory word sets of the rebuilt index.
            ready = "search: in-memory word sets ready: 28 documents"
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not any(ready in l for l in server.stderr_lines):
                time.sleep(0.05)
            self.assertTrue(any(ready in l for l in server.stderr_lines), server.stderr_lines)
            status, resp, body = server.get("/api/v1/search?" + q("hoi dam van linh"))
            self.assertEqual(status, 200, body)
            self.assertGreater(json.loads(body)["total"], 0)
        finally:
            server.stop()

    def test_pagination_and_filters(self):
        all_ = self.api(q("so ngoai vu", limit=100))
        self.assertGreater(all_["total"], 10)
        page = self.api(q("so ngoai vu", limit=5, offset=5))
        self.assertEqual([r["url"] for r in page["results"]],
                         [r["url"] for r in all_["results"][5:10]])
        self.assertEqual(self.api(q("so ngoai vu", tu="2100-01-01"))["total"], 0)
        status, resp, body = self.server.get("/api/v1/search?q=a&limit=abc")
        self.assertEqual(status, 400)


if __name__ == "__main__":
    import unittest
    unittest.main()
