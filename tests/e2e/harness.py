"""Drives the real congtin binary: creates sites in temporary directories, starts `serve` on
an ephemeral port, and stops it with SIGTERM. Standard library only."""

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest

BIN = os.environ.get("CONGTIN_BIN", os.path.join(os.path.dirname(__file__), "../../build/src/cli/congtin"))
FIXTURES = os.environ.get(
    "CONGTIN_FIXTURES", os.path.join(os.path.dirname(__file__), "../../../shared/fixtures"))


def congtin(*args, input=None, timeout=120, env=None):
    """Runs the binary to completion; returns CompletedProcess with text output."""
    return subprocess.run([BIN, *map(str, args)], input=input, capture_output=True, text=True,
                          timeout=timeout, env=env)


class Server:
    """A `congtin serve` process on 127.0.0.1 with a port chosen by the kernel."""

    def __init__(self, data_dir, *extra, env=None):
        self.proc = subprocess.Popen(
            [BIN, "serve", "--data", str(data_dir), "--listen", "127.0.0.1:0", "--threads", "2",
             *map(str, extra)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.port = None
        self.stderr_lines = []
        self.stdout_lines = []
        found = threading.Event()

        def read_err():
            for line in self.proc.stderr:
                self.stderr_lines.append(line)
                m = re.search(r"on http://127\.0\.0\.1:(\d+)", line)
                if m and not found.is_set():
                    self.port = int(m.group(1))
                    found.set()
            found.set()

        def read_out():
            for line in self.proc.stdout:
                self.stdout_lines.append(line)

        threading.Thread(target=read_err, daemon=True).start()
        threading.Thread(target=read_out, daemon=True).start()
        found.wait(30)
        if self.port is None:
            self.proc.kill()
            raise RuntimeError("server did not start: " + "".join(self.stderr_lines))

    def request(self, method, path, headers=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp, data

    def get(self, path, headers=None):
        resp, data = self.request("GET", path, headers)
        return resp.status, resp, data.decode("utf-8", "replace")

    def stop(self, timeout=20):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)


class SiteTestCase(unittest.TestCase):
    """Gives each test class a temporary directory, removed afterwards."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="congtin-e2e-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def new_dir(cls, name):
        return os.path.join(cls.tmp, name)


DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../demo")


class DemoSiteTestCase(SiteTestCase):
    """A class-wide demo site (`init --demo`) served on an ephemeral port; cls.site and
    cls.articles hold the demo's source data (demo/site.json, demo/articles.jsonl)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = cls.new_dir("demo")
        r = congtin("init", "--data", cls.data, "--demo")
        assert r.returncode == 0, r.stderr
        with open(os.path.join(DEMO, "site.json"), encoding="utf-8") as f:
            cls.site = json.load(f)
        with open(os.path.join(DEMO, "articles.jsonl"), encoding="utf-8") as f:
            cls.articles = [json.loads(l) for l in f if l.strip()]
        cls.server = Server(cls.data)
        cls.origin = "http://127.0.0.1:%d" % cls.server.port

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0
        super().tearDownClass()


def visible_text(html_text):
    """The text a reader sees: tags removed, entities decoded, white space squashed."""
    import html
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html_text)
    text = re.sub(r"(?s)<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def wait_until(predicate, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
