"""The command line is a contract: init, import and serve, with their errors."""

import json
import os
import socket
import sqlite3
import unittest

from harness import Server, SiteTestCase, congtin


def article(i, **over):
    a = {"title": f"Bài viết thử nghiệm số {i}", "body_text": f"Đoạn một của bài {i}.\n\nĐoạn hai.",
         "category": "Thông báo", "published_at": "2026-01-0%dT09:00:00+07:00" % (1 + i % 9)}
    a.update(over)
    return json.dumps(a, ensure_ascii=False)


def count_articles(data):
    with sqlite3.connect(os.path.join(data, "congtin.db")) as db:
        return db.execute("select count(*) from articles").fetchone()[0]


class InitTest(SiteTestCase):
    def test_init_creates_and_refuses_to_overwrite(self):
        data = self.new_dir("init")
        r = congtin("init", "--data", data)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.isfile(os.path.join(data, "congtin.db")))
        self.assertTrue(os.path.isdir(os.path.join(data, "media")))
        before = os.path.getmtime(os.path.join(data, "congtin.db"))
        r = congtin("init", "--data", data, "--demo")
        self.assertEqual(r.returncode, 1)
        self.assertIn("refusing to overwrite", r.stderr)
        self.assertEqual(before, os.path.getmtime(os.path.join(data, "congtin.db")))

    def test_demo_site(self):
        data = self.new_dir("demo")
        r = congtin("init", "--data", data, "--demo")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertGreaterEqual(count_articles(data), 20)
        self.assertTrue(any(os.scandir(os.path.join(data, "media"))))

    def test_help_on_every_subcommand(self):
        for sub in ("init", "serve", "import"):
            r = congtin(sub, "--help")
            self.assertEqual(r.returncode, 0)
            self.assertIn("--data", r.stdout)

    def test_usage_errors(self):
        r = congtin("init")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("--data", r.stderr)
        r = congtin("frobnicate")
        self.assertNotEqual(r.returncode, 0)


class ImportTest(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = cls.new_dir("site")
        assert congtin("init", "--data", cls.data).returncode == 0

    def write(self, name, lines):
        path = self.new_dir(name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def test_invalid_lines_are_named_and_nothing_is_imported(self):
        path = self.write("bad.jsonl", [
            article(1),
            article(2, published_at="23/06/2017"),
            "{not json",
            article(4, title=""),
            article(5, colour="đỏ"),
            json.dumps({"title": "Thiếu chuyên mục", "body_text": "x", "published_at": "2026-01-01T00:00:00Z"}),
        ])
        before = count_articles(self.data)
        r = congtin("import", "--data", self.data, path)
        self.assertEqual(r.returncode, 1)
        self.assertIn('line 2: field "published_at"', r.stderr)
        self.assertIn("line 3: not valid JSON", r.stderr)
        self.assertIn('line 4: field "title"', r.stderr)
        self.assertIn('line 5: field "colour": unknown field', r.stderr)
        self.assertIn('line 6: field "category"', r.stderr)
        self.assertIn("nothing was imported", r.stderr)
        self.assertEqual(count_articles(self.data), before)

    def test_skip_invalid_imports_the_rest(self):
        path = self.write("mixed.jsonl", [article(11), "", article(12, published_at="soon"), article(13)])
        before = count_articles(self.data)
        r = congtin("import", "--data", self.data, path, "--skip-invalid")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("imported 2 articles, skipped 1 invalid lines", r.stdout)
        self.assertEqual(count_articles(self.data), before + 2)

    def test_a_failure_during_import_rolls_everything_back(self):
        path = self.write("dup.jsonl", [article(21, slug="trung-lap"), article(22, slug="trung-lap")])
        before = count_articles(self.data)
        r = congtin("import", "--data", self.data, path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("line 2", r.stderr)
        self.assertIn("trung-lap", r.stderr)
        self.assertEqual(count_articles(self.data), before)

    def test_missing_image_is_an_error(self):
        path = self.write("img.jsonl", [article(31, cover_image="khong-co.jpg")])
        r = congtin("import", "--data", self.data, path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("khong-co.jpg", r.stderr)

    def test_missing_file_and_missing_site(self):
        r = congtin("import", "--data", self.data, self.new_dir("nope.jsonl"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot open", r.stderr)
        path = self.write("ok.jsonl", [article(41)])
        r = congtin("import", "--data", self.new_dir("no-site"), path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("congtin init", r.stderr)


class ServeErrorsTest(SiteTestCase):
    def test_missing_database(self):
        r = congtin("serve", "--data", self.new_dir("empty"), "--listen", "127.0.0.1:0", timeout=20)
        self.assertEqual(r.returncode, 1)
        self.assertIn("congtin init", r.stderr)

    def test_corrupt_database(self):
        data = self.new_dir("corrupt")
        os.makedirs(data)
        with open(os.path.join(data, "congtin.db"), "wb") as f:
            f.write(b"this is not a database" * 100)
        r = congtin("serve", "--data", data, "--listen", "127.0.0.1:0", timeout=20)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.startswith("congtin: "), r.stderr)

    def test_port_in_use(self):
        data = self.new_dir("busy")
        self.assertEqual(congtin("init", "--data", data).returncode, 0)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        try:
            port = sock.getsockname()[1]
            r = congtin("serve", "--data", data, "--listen", f"127.0.0.1:{port}", timeout=20)
            self.assertEqual(r.returncode, 1)
            self.assertIn(str(port), r.stderr)
        finally:
            sock.close()

    def test_unreadable_theme(self):
        data = self.new_dir("theme")
        self.assertEqual(congtin("init", "--data", data).returncode, 0)
        r = congtin("serve", "--data", data, "--listen", "127.0.0.1:0", "--theme", self.new_dir("no-theme"), timeout=20)
        self.assertEqual(r.returncode, 1)
        self.assertIn("theme", r.stderr)

    def test_bad_config_file(self):
        data = self.new_dir("config")
        self.assertEqual(congtin("init", "--data", data).returncode, 0)
        with open(os.path.join(data, "congtin.toml"), "w") as f:
            f.write("threads = \"nhiều\"\n")
        r = congtin("serve", "--data", data, timeout=20)
        self.assertEqual(r.returncode, 1)
        self.assertIn("threads", r.stderr)

    def test_base_url_from_the_environment(self):
        data = self.new_dir("base-url")
        self.assertEqual(congtin("init", "--data", data, "--demo").returncode, 0)
        env = dict(os.environ, CONGTIN_BASE_URL="https://songoaivu.example.gov.vn")
        server = Server(data, env=env)
        try:
            status, _, body = server.get("/api/v1/articles?limit=1")
            self.assertEqual(status, 200)
            url = json.loads(body)["results"][0]["url"]
            self.assertTrue(url.startswith("https://songoaivu.example.gov.vn/tin-tuc/"), url)
        finally:
            self.assertEqual(server.stop(), 0)

    def test_sigterm_exits_zero(self):
        data = self.new_dir("stop")
        self.assertEqual(congtin("init", "--data", data).returncode, 0)
        server = Server(data)
        status, _, _ = server.get("/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    unittest.main()
