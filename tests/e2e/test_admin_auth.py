"""The back office's accounts with the real binary: `congtin user add` reading the password
from standard input, login, the Vietnamese message for a bad password, logout."""

import http.client
import os
import re
import sqlite3
import urllib.parse

from harness import Server, SiteTestCase, congtin, visible_text

PASSWORD = "mật-khẩu-thật-dài-2026"


class Client:
    """An HTTP client with a cookie jar, enough for the back office."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.last_set_cookie = []

    def request(self, method, path, fields=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read().decode("utf-8", "replace")
        conn.close()
        self.last_set_cookie = resp.headers.get_all("Set-Cookie") or []
        for c in self.last_set_cookie:
            name, _, rest = c.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp, data

    def csrf(self, path):
        _, page = self.request("GET", path)
        m = re.search(r'name="_csrf" value="([^"]*)"', page)
        return m.group(1) if m else ""

    def login(self, username, password):
        token = self.csrf("/admin/dang-nhap")
        return self.request("POST", "/admin/dang-nhap",
                            {"_csrf": token, "username": username, "password": password})


class AdminAuthTest(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = cls.new_dir("site")
        r = congtin("init", "--data", cls.data)
        assert r.returncode == 0, r.stderr
        r = congtin("user", "add", "--data", cls.data, "--username", "quantri", "--role",
                    "quan_tri", "--name", "Nguyễn Thị Quản Trị", input=PASSWORD + "\n")
        assert r.returncode == 0, r.stderr
        cls.server = Server(cls.data)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        super().tearDownClass()

    def test_user_add_stores_an_argon2id_hash_not_the_password(self):
        with sqlite3.connect(os.path.join(self.data, "congtin.db")) as db:
            role, pw_hash = db.execute(
                "select role, password_hash from users where username = 'quantri'").fetchone()
        self.assertEqual(role, "quan_tri")
        self.assertTrue(pw_hash.startswith("$argon2id$"), pw_hash)
        self.assertNotIn(PASSWORD, pw_hash)

    def test_user_add_errors(self):
        r = congtin("user", "add", "--data", self.data, "--username", "ngan", "--role",
                    "phong_vien", input="ngắn\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("Mật khẩu phải có ít nhất 10 ký tự.", r.stderr)
        r = congtin("user", "add", "--data", self.data, "--username", "x1", "--role",
                    "giam_doc", input=PASSWORD + "\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("unknown role", r.stderr)
        r = congtin("user", "add", "--data", self.data, "--username", "quantri", "--role",
                    "quan_tri", input=PASSWORD + "\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("đã có người dùng", r.stderr)
        r = congtin("user", "add", "--data", self.data, "--username", "trong", "--role",
                    "quan_tri", input="")
        self.assertEqual(r.returncode, 1)
        self.assertIn("standard input", r.stderr)

    def test_bad_password_message_in_vietnamese(self):
        c = Client(self.server.port)
        resp, page = c.login("quantri", "không-phải-mật-khẩu")
        self.assertEqual(resp.status, 200)
        self.assertIn("Tên đăng nhập hoặc mật khẩu không đúng.", visible_text(page))
        self.assertNotIn("congtin_phien", c.cookies)

    def test_login_start_page_logout(self):
        c = Client(self.server.port)
        resp, _ = c.request("GET", "/admin")
        self.assertEqual(resp.status, 303)
        self.assertEqual(resp.getheader("Location"), "/admin/dang-nhap")

        resp, _ = c.login("quantri", PASSWORD)
        self.assertEqual(resp.status, 303)
        self.assertEqual(resp.getheader("Location"), "/admin")
        cookie = [h for h in c.last_set_cookie if h.startswith("congtin_phien=")][0]
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)

        resp, page = c.request("GET", "/admin")
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Cache-Control"), "no-store")
        text = visible_text(page)
        self.assertIn("Xin chào, Nguyễn Thị Quản Trị", text)
        self.assertIn("Quản trị", text)
        # A second request is not served from the page cache to someone else.
        other = Client(self.server.port)
        resp, _ = other.request("GET", "/admin")
        self.assertEqual(resp.status, 303)

        # Logout needs the form's token; then the old cookie is worth nothing.
        old = dict(c.cookies)
        resp, _ = c.request("POST", "/admin/dang-xuat", {})
        self.assertEqual(resp.status, 403)
        resp, _ = c.request("POST", "/admin/dang-xuat", {"_csrf": c.csrf("/admin")})
        self.assertEqual(resp.status, 303)
        self.assertEqual(resp.getheader("Location"), "/admin/dang-nhap?tb=da-dang-xuat")
        self.assertNotIn("congtin_phien", c.cookies)
        replay = Client(self.server.port)
        replay.cookies = old
        resp, _ = replay.request("GET", "/admin")
        self.assertEqual(resp.status, 303)

        # Logins, failed logins and logouts are in the audit log, with the client's address.
        with sqlite3.connect(os.path.join(self.data, "congtin.db")) as db:
            rows = db.execute("select action, actor_name, address from audit_log").fetchall()
        actions = {a for a, _, _ in rows}
        self.assertTrue({"user_create", "login", "logout"} <= actions, rows)
        self.assertIn(("login", "quantri", "127.0.0.1"), rows)

    def test_admin_stylesheet_and_font(self):
        c = Client(self.server.port)
        resp, css = c.request("GET", "/admin/static/css/admin.css")
        self.assertEqual(resp.status, 200)
        font = re.search(r"url\(\.\./vendor/([^)]+)\)", css).group(1)
        resp, _ = c.request("GET", "/admin/static/vendor/" + font)
        self.assertEqual(resp.status, 200)


if __name__ == "__main__":
    import unittest
    unittest.main()
