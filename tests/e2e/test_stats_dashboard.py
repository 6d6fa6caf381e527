"""The statistics dashboard of the back office with the real binary: visitors with distinct user
agents (and a crawler that must not count), a flush, then the figures on /admin/thong-ke and in
the CSV and JSON exports; who may see them."""

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

from harness import Server, SiteTestCase, congtin, visible_text, wait_until
from test_admin_auth import Client

PASSWORD = "mật-khẩu-thật-dài-2026"
ACCEPT = "text/html,application/xhtml+xml"
VISITORS = [
    # (user agent, referer): four people, two of them on phones.
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0.0.0 Safari/537.36", "https://www.baochinhphu.vn/tin-tuc/abc?x=1"),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", None),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.1 Mobile/15E148 Safari/604.1", "https://mofa.gov.vn/"),
    ("Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0.0.0 Mobile Safari/537.36", None),
]
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
SVG = "{http://www.w3.org/2000/svg}"


def vietnam_today():
    return datetime.now(timezone(timedelta(hours=7))).date()


class StatsDashboardTest(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = None
        cls.data = cls.new_dir("dashboard")
        r = congtin("init", "--data", cls.data, "--demo")
        assert r.returncode == 0, r.stderr
        with open(os.path.join(cls.data, "congtin.toml"), "w", encoding="utf-8") as f:
            f.write("stats_flush_seconds = 1\n")
        for username, role in (("quantri", "quan_tri"), ("truongban", "truong_ban"),
                               ("bientap", "bien_tap_vien")):
            r = congtin("user", "add", "--data", cls.data, "--username", username, "--role", role,
                        "--name", "Người dùng " + username, input=PASSWORD + "\n")
            assert r.returncode == 0, r.stderr
        cls.server = Server(cls.data)
        status, _, body = cls.server.get("/api/v1/articles?limit=1")
        assert status == 200, body
        first = json.loads(body)["results"][0]
        cls.article_url = re.search(r"/tin-tuc/[^\"?#]+", first["url"]).group(0)
        cls.article_title = first["title"]
        # Each visitor reads the home page and the article; the crawler reads both too.
        for n, (ua, referer) in enumerate(VISITORS):
            headers = {"User-Agent": ua, "Accept": ACCEPT}
            if referer:
                headers["Referer"] = referer
            for path in (cls.article_url, "/"):
                status, _, _ = cls.server.get(path, headers)
                assert status == 200, path
                headers.pop("Referer", None)
        for path in (cls.article_url, "/"):
            cls.server.get(path, {"User-Agent": GOOGLEBOT, "Accept": ACCEPT})

        def flushed():
            _, _, body = cls.server.get("/api/v1/stats/summary")
            return json.loads(body)["today"] == len(VISITORS)
        assert wait_until(flushed, 15), "the visits did not reach the summary"

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            assert cls.server.stop() == 0
        super().tearDownClass()

    def client(self, username):
        c = Client(self.server.port)
        resp, _ = c.login(username, PASSWORD)
        self.assertEqual(resp.status, 303)
        return c

    def test_dashboard_shows_the_figures(self):
        c = self.client("quantri")
        resp, page = c.request("GET", "/admin/thong-ke")
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Cache-Control"), "no-store")
        text = visible_text(page)
        self.assertIn("Thống kê truy cập", text)
        self.assertIn("Hôm nay 4", text)
        self.assertIn("Tổng lượt truy cập 4", text)
        self.assertRegex(text, r": 4 lượt truy cập, 8 lượt xem\.")
        for label in ("baochinhphu.vn", "mofa.gov.vn", "Firefox", "Chrome", "Safari",
                      "Điện thoại", "Máy tính", "50,0 %"):
            self.assertIn(label, text)
        self.assertNotIn("Googlebot", text)
        self.assertIn(f'<a href="{self.article_url}">', page)
        self.assertIn(self.article_title, text)
        # The chart is well-formed SVG, labelled, with both series and today's label.
        svg_text = re.search(r"(?s)<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-wide\".*?</svg>",
                             page).group(0)
        svg = ET.fromstring(svg_text)
        self.assertEqual(svg.get("role"), "img")
        self.assertIn("mỗi ngày", svg.find(SVG + "title").text)
        self.assertIn("4 lượt truy cập, 8 lượt xem", svg.find(SVG + "desc").text)
        classes = {e.get("class") for e in svg.iter(SVG + "polyline")}
        self.assertEqual(classes, {"chart-views", "chart-visits"})
        labels = [t.text for t in svg.iter(SVG + "text")]
        self.assertIn(vietnam_today().strftime("%d/%m"), labels)
        self.assertIn("Số lượt", labels)
        # The table fallback: one row per day of the period.
        self.assertEqual(page.count('<th scope="row">'), 30)
        # The stylesheet it links is served.
        status, resp, css = self.server.get("/admin/static/css/stats.css")
        self.assertEqual(status, 200)
        self.assertIn(".stats-chart", css)

    def test_periods(self):
        c = self.client("truongban")
        for query, rows in (("?ky=90", 90), ("?ky=365", 365), ("?ky=7", 30), ("", 30)):
            resp, page = c.request("GET", "/admin/thong-ke" + query)
            self.assertEqual(resp.status, 200, query)
            self.assertEqual(page.count('<th scope="row">'), rows, query)
            self.assertIn("Hôm nay 4", visible_text(page))

    def test_csv_export(self):
        c = self.client("quantri")
        conn_resp, _ = c.request("GET", "/admin/thong-ke/xuat.csv?ky=90")
        self.assertEqual(conn_resp.status, 200)
        self.assertEqual(conn_resp.getheader("Content-Type"), "text/csv; charset=utf-8")
        today = vietnam_today()
        first = today - timedelta(days=89)
        self.assertEqual(conn_resp.getheader("Content-Disposition"),
                         f'attachment; filename="thong-ke-truy-cap-{first}-den-{today}.csv"')
        # Read the raw bytes again: Client decodes, and the BOM must be there.
        resp, raw = self.server.request("GET", "/admin/thong-ke/xuat.csv?ky=90",
                                        {"Cookie": "; ".join(f"{k}={v}" for k, v in c.cookies.items())})
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        self.assertEqual(rows[0], ["Ngày", "Lượt truy cập", "Lượt xem"])
        self.assertEqual(rows[1][0], str(first))
        self.assertEqual(rows[90], [str(today), "4", "8"])
        self.assertEqual(rows[91], ["Tổng", "4", "8"])
        by_first = {r[0]: r for r in rows if r}
        self.assertEqual(by_first["baochinhphu.vn"], ["baochinhphu.vn", "1"])
        self.assertEqual(by_first["Điện thoại"], ["Điện thoại", "2"])
        article_rows = [r for r in rows if len(r) == 4 and r[2] == self.article_url]
        self.assertEqual(len(article_rows), 1)
        self.assertEqual(article_rows[0][1], self.article_title)
        self.assertEqual(article_rows[0][3], "4")

    def test_json_export(self):
        c = self.client("truongban")
        resp, body = c.request("GET", "/admin/thong-ke/xuat.json?ky=365")
        self.assertEqual(resp.status, 200)
        self.assertIn("application/json", resp.getheader("Content-Type"))
        self.assertRegex(resp.getheader("Content-Disposition"),
                         r'^attachment; filename="thong-ke-truy-cap-\d{4}-\d\d-\d\d-den-'
                         + str(vietnam_today()) + r'\.json"$')
        data = json.loads(body)
        self.assertEqual(set(data), {"from", "to", "visits", "views", "days", "top_articles",
                                     "referrers", "browsers", "devices"})
        self.assertEqual(data["to"], str(vietnam_today()))
        self.assertEqual((data["visits"], data["views"]), (4, 8))
        self.assertEqual(len(data["days"]), 365)
        self.assertEqual(data["days"][-1], {"day": str(vietnam_today()), "visits": 4, "views": 8})
        top = data["top_articles"][0]
        self.assertEqual((top["url"], top["title"], top["views"]),
                         (self.article_url, self.article_title, 4))
        self.assertIsInstance(top["id"], int)
        self.assertEqual(sum(k["visits"] for k in data["browsers"]), 4)
        self.assertEqual({k["key"]: k["visits"] for k in data["devices"]},
                         {"Điện thoại": 2, "Máy tính": 2})
        self.assertEqual({k["key"] for k in data["referrers"]}, {"baochinhphu.vn", "mofa.gov.vn"})

    def test_other_roles_are_refused(self):
        c = self.client("bientap")
        for path in ("/admin/thong-ke", "/admin/thong-ke/xuat.csv", "/admin/thong-ke/xuat.json"):
            resp, page = c.request("GET", path)
            self.assertEqual(resp.status, 403, path)
            self.assertNotIn("lượt xem", page)
        _, start = c.request("GET", "/admin")
        self.assertNotIn("/admin/thong-ke", start)
        anonymous = Client(self.server.port)
        resp, _ = anonymous.request("GET", "/admin/thong-ke/xuat.json")
        self.assertEqual(resp.status, 303)
        self.assertIn("/admin/dang-nhap", resp.getheader("Location"))
