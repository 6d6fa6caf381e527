"""Visitor statistics through the real binary: the THỐNG KÊ TRUY CẬP block, the JSON summary,
what is and is not counted (bots, HEAD, prefetch, forged X-Forwarded-For, floods), pages from
the page cache, and totals across a restart."""

import json
import os
import random
import re
import threading

from harness import Server, SiteTestCase, congtin, visible_text, wait_until

CHROME = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/120.0.{} Safari/537.36")
BROWSER = {"Accept": "text/html,application/xhtml+xml"}
FIELDS = ("online", "today", "yesterday", "week", "month", "total")


def browser(n, **extra):
    h = dict(BROWSER)
    h["User-Agent"] = CHROME.format(n)
    h.update(extra)
    return h


class StatsTest(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = cls.new_dir("stats")
        r = congtin("init", "--data", cls.data, "--demo")
        assert r.returncode == 0, r.stderr
        with open(os.path.join(cls.data, "congtin.toml"), "w", encoding="utf-8") as f:
            f.write("stats_flush_seconds = 1\n")
        cls.server = Server(cls.data)
        status, _, body = cls.server.get("/api/v1/articles?limit=3")
        assert status == 200, body
        items = json.loads(body)
        items = items.get("items", items) if isinstance(items, dict) else items
        cls.article = re.search(r"/tin-tuc/[^\"?#]+", json.dumps(items)).group(0)

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            assert cls.server.stop() == 0
        super().tearDownClass()

    def summary(self):
        status, resp, body = self.server.get("/api/v1/stats/summary")
        self.assertEqual(status, 200)
        self.assertIn("application/json", resp.getheader("Content-Type"))
        data = json.loads(body)
        self.assertEqual(sorted(data), sorted(FIELDS))
        for k in FIELDS:
            self.assertIsInstance(data[k], int, k)
        return data

    def block(self, path):
        status, _, body = self.server.get("/api/v1/stats/block?path=" + path)
        self.assertEqual(status, 200)
        return json.loads(body)

    def test_1_block_is_labelled_and_carries_no_numbers(self):
        for path in ("/", self.article):
            status, _, page = self.server.get(path, browser(9000))
            self.assertEqual(status, 200)
            text = visible_text(page)
            for label in ("THỐNG KÊ TRUY CẬP", "Đang truy cập", "Hôm nay", "Hôm qua", "Tuần này",
                          "Tháng này", "Tổng lượt truy cập"):
                self.assertIn(label, text)
            block = re.search(r"(?s)<section class=\"block stats-block\".*?</section>", page).group(0)
            self.assertNotRegex(re.sub(r"<[^>]+>", "", block.split("<noscript>")[0]), r"\d",
                                "cached bytes hold no figures")
            self.assertIn('src="/static/js/stats.js"', page)
            self.assertIn("Tin đọc nhiều", page)
        status, _, page = self.server.get(self.article, browser(9000))
        self.assertIn("Lượt xem", page)
        status, resp, js = self.server.get("/static/js/stats.js")
        self.assertEqual(status, 200)
        self.assertIn("/api/v1/stats/block", js)

    def test_2_counts_people_not_bots(self):
        before = self.summary()
        n = 25
        for i in range(n):  # distinct browsers, and each page twice: n visits, 2n views
            for _ in range(2):
                status, _, _ = self.server.get(self.article, browser(i))
                self.assertEqual(status, 200)
        not_people = [
            {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
             **BROWSER},
            {"User-Agent": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
             **BROWSER},
            {"User-Agent": "curl/8.4.0", "Accept": "*/*"},
            {"User-Agent": "python-requests/2.31", **BROWSER},
            browser(500, **{"Sec-Purpose": "prefetch"}),
            browser(501, **{"Purpose": "prefetch"}),
            {"User-Agent": CHROME.format(502)},  # no Accept: not a browser navigation
            {"User-Agent": "Mozilla/5.0 " + "A" * 8000, **BROWSER},  # absurd
        ]
        for h in not_people:
            status, _, _ = self.server.get(self.article, h)
            self.assertEqual(status, 200)
        resp, _ = self.server.request("HEAD", self.article, browser(503))
        self.assertEqual(resp.status, 200)
        after = self.summary()
        self.assertEqual(after["today"] - before["today"], n)
        self.assertEqual(after["total"] - before["total"], n)
        # "Online" is recomputed at most every 5 seconds.
        self.assertTrue(wait_until(lambda: self.summary()["online"] >= n, 10))
        # Views of the article (two per person), fresh even though the page came from the cache.
        self.assertTrue(wait_until(lambda: self.block(self.article)["views"] is not None, 5))
        views = self.block(self.article)["views"]
        self.assertGreaterEqual(views, 2 * n)
        # "Most read" appears once the first batch is written (flush every second here).
        self.assertTrue(wait_until(lambda: len(self.block(self.article)["most_read"]) > 0, 10))
        top = self.block(self.article)["most_read"][0]
        self.assertEqual(top["url"], self.article)
        self.assertIsInstance(top["views"], int)

    def test_3_bad_input_counted_once_or_not_at_all(self):
        before = self.summary()
        # Forged X-Forwarded-For from a peer that is not a trusted proxy (none by default).
        for i in range(30):
            self.server.get(self.article, browser(7000, **{"X-Forwarded-For": "10.1.2.%d" % i}))
        self.assertEqual(self.summary()["today"] - before["today"], 1)
        # A flood from one address with invented user agents, from several threads.
        def flood():
            rng = random.Random()
            for _ in range(150):
                self.server.get("/", browser("%d.%d" % (rng.randrange(10**9), rng.randrange(10**9))))
        threads = [threading.Thread(target=flood) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        grown = self.summary()["today"] - before["today"]
        self.assertLessEqual(grown, 1 + 64)  # at most 64 visitors per address per day
        status, _, _ = self.server.get("/healthz")
        self.assertEqual(status, 200)

    def test_4_restart_keeps_totals(self):
        before = self.summary()
        self.assertGreater(before["total"], 0)
        self.assertEqual(self.server.stop(), 0)
        self.__class__.server = None
        self.__class__.server = Server(self.data)
        after = self.summary()
        self.assertEqual(after["total"], before["total"])
        self.assertEqual(after["today"], before["today"])
        self.assertEqual(after["online"], 0)  # who is online is not stored


class StatsOffTest(SiteTestCase):
    def test_off_counts_nothing_and_keeps_serving(self):
        data = self.new_dir("off")
        r = congtin("init", "--data", data, "--demo")
        self.assertEqual(r.returncode, 0, r.stderr)
        env = dict(os.environ, CONGTIN_STATS="off")
        server = Server(data, env=env)
        try:
            status, _, page = server.get("/", browser(1))
            self.assertEqual(status, 200)
            self.assertIn("THỐNG KÊ TRUY CẬP", page)  # labels stay; the script finds no API
            status, _, _ = server.get("/api/v1/stats/summary")
            self.assertEqual(status, 404)
            self.assertTrue(any("statistics: off" in l for l in server.stderr_lines))
        finally:
            self.assertEqual(server.stop(), 0)
