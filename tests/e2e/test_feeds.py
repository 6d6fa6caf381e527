"""Feeds, sitemap and robots.txt of the demo portal over real HTTP, read by real parsers:
RSS 2.0 with Debian's python3-feedparser, the sitemap with xmllint against the sitemaps.org
schema (tests/site/sitemap.xsd), JSON-LD with json. The demo has no base_url, so absolute
URLs come from the Host header (site/discovery.h)."""

import calendar
import json
import os
import re
import subprocess
import tempfile
import unittest

try:
    import feedparser
except ImportError:  # an interpreter outside Debian's (pyenv, venv): use the apt package
    import sys
    sys.path.append("/usr/lib/python3/dist-packages")
    import feedparser

from harness import DemoSiteTestCase

HERE = os.path.dirname(os.path.abspath(__file__))
XSD = os.path.join(HERE, "../site/sitemap.xsd")


def iso_to_epoch(s):
    """'2025-07-22T10:00:00+07:00' -> UTC seconds."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):(\d\d)", s)
    y, mo, d, h, mi, se = (int(m.group(i)) for i in range(1, 7))
    offset = (int(m.group(8)) * 60 + int(m.group(9))) * 60 * (1 if m.group(7) == "+" else -1)
    return calendar.timegm((y, mo, d, h, mi, se)) - offset


class FeedsTest(DemoSiteTestCase):
    def fetch_feed(self, path):
        status, resp, _ = self.server.get(path)
        self.assertEqual(status, 200, path)
        self.assertIn("application/rss+xml", resp.getheader("Content-Type"))
        _, raw = self.server.request("GET", path)
        feed = feedparser.parse(raw)
        self.assertFalse(feed.bozo, "%s: %r" % (path, feed.get("bozo_exception")))
        self.assertEqual(feed.version, "rss20")
        return feed

    def check_entries(self, feed, expected_articles):
        by_title = {a["title"]: a for a in self.articles}
        self.assertGreater(len(feed.entries), 0)
        times = []
        for e in feed.entries:
            self.assertIn(e.title, by_title, "a demo article, Vietnamese text intact")
            a = by_title[e.title]
            self.assertIn(a, expected_articles)
            self.assertRegex(e.link, "^" + re.escape(self.origin) + r"/tin-tuc/[a-z0-9-]+$")
            self.assertEqual(e.id, e.link)
            self.assertEqual(e.summary, a["lead"])
            t = calendar.timegm(e.published_parsed)
            self.assertEqual(t, iso_to_epoch(a["published_at"]), e.title)
            times.append(t)
        self.assertEqual(times, sorted(times, reverse=True), "newest first")

    def test_site_feed(self):
        feed = self.fetch_feed("/rss.xml")
        s = self.site["settings"]
        self.assertEqual(feed.feed.title, s["name"])
        self.assertEqual(feed.feed.link, self.origin + "/")
        self.assertEqual(feed.feed.language, "vi")
        self.assertEqual(feed.feed.subtitle, s["description"])
        self.assertEqual(len(feed.entries), min(30, len(self.articles)))
        self.check_entries(feed, self.articles)
        # Every item's link is a page that answers with that title.
        e = feed.entries[0]
        status, _, page = self.server.get(e.link[len(self.origin):])
        self.assertEqual(status, 200)
        self.assertIn(e.title.replace('"', "&quot;"), page)

    def test_category_feeds(self):
        for top in self.site["categories"]:
            names = {top["name"]} | {c["name"] for c in top.get("children", [])}
            feed = self.fetch_feed("/chuyen-muc/%s/rss.xml" % top["slug"])
            self.assertEqual(feed.feed.title, top["name"] + " - " + self.site["settings"]["name"])
            self.assertEqual(feed.feed.link, self.origin + "/chuyen-muc/" + top["slug"])
            expected = [a for a in self.articles if a["category"] in names]
            if expected:
                self.check_entries(feed, expected)
                self.assertEqual(len(feed.entries), len(expected))
                for e in feed.entries:
                    self.assertIn(e.tags[0].term, names)
            else:
                self.assertEqual(feed.entries, [])

    def test_pages_link_feeds_and_rss_page_lists_them(self):
        status, _, home = self.server.get("/")
        self.assertEqual(status, 200)
        self.assertRegex(home, r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="/rss.xml">')
        slug = self.site["categories"][0]["slug"]
        _, _, cat = self.server.get("/chuyen-muc/" + slug)
        self.assertIn('type="application/rss+xml" title="%s - ' % self.site["categories"][0]["name"], cat)
        self.assertIn('href="/chuyen-muc/%s/rss.xml"' % slug, cat)
        status, _, rss = self.server.get("/rss")
        self.assertEqual(status, 200)
        self.assertIn("Kênh RSS", rss)
        for top in self.site["categories"]:
            for c in [top] + top.get("children", []):
                self.assertIn('<a href="/chuyen-muc/%s/rss.xml">%s</a>' % (c["slug"], c["name"]), rss)

    def test_sitemap_validates_and_robots_names_it(self):
        status, resp, body = self.server.get("/sitemap.xml")
        self.assertEqual(status, 200)
        self.assertIn("application/xml", resp.getheader("Content-Type"))
        with tempfile.NamedTemporaryFile("w", suffix=".xml", encoding="utf-8", delete=False) as f:
            f.write(body)
        try:
            r = subprocess.run(["xmllint", "--noout", "--schema", XSD, f.name],
                               capture_output=True, text=True)
        finally:
            os.unlink(f.name)
        self.assertEqual(r.returncode, 0, r.stderr)
        locs = re.findall(r"<loc>([^<]+)</loc>", body)
        self.assertIn(self.origin + "/", locs)
        self.assertIn(self.origin + "/so-do-cong", locs)
        for page in self.site["pages"]:
            self.assertIn(self.origin + "/trang/" + page["slug"], locs)
        articles = [l for l in locs if "/tin-tuc/" in l]
        self.assertEqual(len(articles), len(self.articles))
        status, _, robots = self.server.get("/robots.txt")
        self.assertEqual(status, 200)
        self.assertIn("\nSitemap: %s/sitemap.xml\n" % self.origin, robots)

    def test_article_json_ld_is_a_news_article(self):
        feed = self.fetch_feed("/rss.xml")
        path = feed.entries[0].link[len(self.origin):]
        _, _, page = self.server.get(path)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        self.assertEqual(len(blocks), 1)
        ld = json.loads(blocks[0])
        types = {n["@type"]: n for n in ld["@graph"]}
        self.assertEqual(types["GovernmentOrganization"]["name"], self.site["settings"]["name"])
        self.assertEqual(types["NewsArticle"]["headline"], feed.entries[0].title)
        self.assertEqual(iso_to_epoch(types["NewsArticle"]["datePublished"]),
                         calendar.timegm(feed.entries[0].published_parsed))


if __name__ == "__main__":
    unittest.main()
