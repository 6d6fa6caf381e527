"""The newsroom's article screens with the real binary: a reporter writes and submits, an
editor returns it with a comment, the reporter resubmits, the editor passes it on, the head of
the board publishes it, the public site shows it, a take-down removes it; two editors saving
at once; the preview; the queues on the start page."""

import http.client
import re
import urllib.parse

from harness import Server, SiteTestCase, congtin, visible_text

PASSWORD = "mật-khẩu-thật-dài-2026"
TITLE = "Đoàn công tác tỉnh Lạc Hồng thăm Đồng Đăng"


class Client:
    """An HTTP client with a cookie jar, enough for the back office."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, fields=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = dict(headers or {})
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
        for c in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = c.partition("=")
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = rest.split(";", 1)[0]
        return resp, data

    def get(self, path):
        return self.request("GET", path)

    def csrf(self, path):
        _, page = self.get(path)
        m = re.search(r'name="_csrf" value="([^"]*)"', page)
        return m.group(1) if m else ""

    def login(self, username):
        token = self.csrf("/admin/dang-nhap")
        resp, _ = self.request("POST", "/admin/dang-nhap",
                               {"_csrf": token, "username": username, "password": PASSWORD})
        assert resp.status == 303, resp.status

    def post(self, page, path, fields):
        fields = dict(fields)
        fields["_csrf"] = self.csrf(page)
        return self.request("POST", path, fields)


def base_revision(page):
    return re.search(r'name="base_revision" value="(\d+)"', page).group(1)


class NewsroomTest(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = cls.new_dir("site")
        r = congtin("init", "--data", cls.data, "--demo")
        assert r.returncode == 0, r.stderr
        for user, role, name in [("phongvien", "phong_vien", "Phùng Anh Văn"),
                                 ("bientap", "bien_tap_vien", "Lê Thị Biên"),
                                 ("bientap2", "bien_tap_vien", "Trần Văn Hai"),
                                 ("truongban", "truong_ban", "Đặng Văn Trưởng")]:
            r = congtin("user", "add", "--data", cls.data, "--username", user, "--role", role,
                        "--name", name, input=PASSWORD + "\n")
            assert r.returncode == 0, r.stderr
        cls.server = Server(cls.data)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        super().tearDownClass()

    def client(self, user):
        c = Client(self.server.port)
        c.login(user)
        return c

    def new_article(self, reporter, title, body="<p>Sáng nay, đoàn đã đến cửa khẩu.</p>"):
        _, form = reporter.get("/admin/bai-viet/moi")
        category = re.search(r'<option value="(\d+)"', form).group(1)
        resp, _ = reporter.post("/admin/bai-viet/moi", "/admin/bai-viet/moi", {
            "title": title, "lead": "Chuyến thăm hữu nghị.", "body": body,
            "category_id": category, "author": "Phùng Anh Văn", "author_unit": "TTTTDV&ĐN",
            "cover_image": "", "cover_caption": "", "cover_alt": "", "source": "", "tags": "",
            "slug": ""})
        self.assertEqual(resp.status, 303)
        path = resp.headers["Location"].split("?")[0]
        self.assertRegex(path, r"^/admin/bai-viet/\d+$")
        return path

    def act(self, who, path, action, **extra):
        fields = {"action": action, **extra}
        resp, page = who.post(path, path + "/thao-tac", fields)
        self.assertEqual(resp.status, 303, visible_text(page)[:400])
        return resp

    def test_the_whole_journey_and_take_down(self):
        reporter, editor, head = (self.client("phongvien"), self.client("bientap"),
                                  self.client("truongban"))
        path = self.new_article(reporter, TITLE)
        _, page = reporter.get(path)
        self.assertIn("Bài chưa được xuất bản lần nào", visible_text(page))
        self.assertIn("/admin/static/vendor/tinymce/tinymce.min.js", page)
        self.act(reporter, path, "submit")
        # A reporter may not publish: 403.
        resp, _ = reporter.post(path, path + "/thao-tac", {"action": "publish"})
        self.assertEqual(resp.status, 403)

        self.act(editor, path, "return", comment="Cần bổ sung tên đơn vị tiếp đón.")
        _, start = reporter.get("/admin")
        self.assertIn("Cần bổ sung tên đơn vị tiếp đón.", visible_text(start))
        _, page = reporter.get(path)
        resp, _ = reporter.post(path, path, {
            "base_revision": base_revision(page), "title": TITLE, "slug": "",
            "lead": "Chuyến thăm hữu nghị.",
            "body": "<p>Sáng nay, đoàn đã đến cửa khẩu, được Ban quản lý cửa khẩu tiếp đón.</p>",
            "category_id": re.search(r'<option value="(\d+)" selected', page).group(1),
            "author": "Phùng Anh Văn", "author_unit": "TTTTDV&ĐN"})
        self.assertEqual(resp.status, 303)
        self.act(reporter, path, "submit")
        self.act(editor, path, "pass_on")
        _, start = head.get("/admin")
        self.assertIn(TITLE, start)
        self.act(head, path, "publish")

        _, page = head.get(path)
        text = visible_text(page)
        self.assertIn("Đang hiển thị công khai: bản 2", text)
        self.assertIn("Trả lại", text)  # the history
        self.assertIn("Cần bổ sung tên đơn vị tiếp đón.", text)
        public = re.search(r'href="(/tin-tuc/[^"]+)"', page).group(1)
        status, _, article = self.server.get(public)
        self.assertEqual(status, 200)
        self.assertIn("Ban quản lý cửa khẩu", article)
        self.assertIn("Phùng Anh Văn", article)
        status, _, home = self.server.get("/")
        self.assertIn(TITLE, home)

        # Preview renders with the public theme.
        resp, preview = head.get(path + "/xem-truoc")
        self.assertEqual(resp.status, 200)
        self.assertIn("Ban quản lý cửa khẩu", preview)
        self.assertIn("Các thông tin khác", preview)

        self.act(head, path, "take_down", comment="Thông tin cần xác minh lại.")
        status, _, _ = self.server.get(public)
        self.assertEqual(status, 404)
        status, _, home = self.server.get("/")
        self.assertNotIn(TITLE, home)

    def test_two_editors_saving_at_once_lose_nothing(self):
        reporter = self.client("phongvien")
        path = self.new_article(reporter, "Hội nghị đối ngoại năm 2026")
        self.act(reporter, path, "submit")
        first, second = self.client("bientap"), self.client("bientap2")
        _, page1 = first.get(path)
        _, page2 = second.get(path)
        base = base_revision(page1)
        category = re.search(r'<option value="(\d+)" selected', page1).group(1)

        def save(who, body):
            return who.post(path, path, {"base_revision": base, "title": "Hội nghị đối ngoại năm 2026",
                                         "body": body, "category_id": category})
        resp, _ = save(first, "<p>Bản của biên tập viên thứ nhất.</p>")
        self.assertEqual(resp.status, 303)
        resp, page = save(second, "<p>Bản của biên tập viên thứ hai.</p>")
        self.assertEqual(resp.status, 409)
        text = visible_text(page)
        self.assertIn("Lê Thị Biên đã lưu bài này", text)
        self.assertIn("Bản của bạn không bị mất", text)
        self.assertIn("Bản của biên tập viên thứ hai.", page)  # kept in the form
        diff = re.search(r'href="(/admin/bai-viet/\d+/so-sanh\?[^"]+)"', page).group(1)
        resp, compare = second.get(diff.replace("&amp;", "&"))
        self.assertEqual(resp.status, 200)
        self.assertIn("<del> nhất</del>", compare)
        self.assertIn("<ins> hai</ins>", compare)

    def test_autosave_answers_json_and_reports_conflicts(self):
        reporter = self.client("phongvien")
        path = self.new_article(reporter, "Tin nháp tự lưu")
        _, page = reporter.get(path)
        self.assertIn('data-autosave-url="%s/luu-tu-dong"' % path, page)
        token = re.search(r'name="_csrf" value="([^"]*)"', page).group(1)
        base = base_revision(page)
        fields = {"base_revision": base, "title": "Tin nháp tự lưu", "body": "<p>Một.</p>"}
        resp, body = reporter.request("POST", path + "/luu-tu-dong", fields,
                                      {"X-CSRF-Token": token})
        self.assertEqual(resp.status, 200, body)
        self.assertIn('"revision_id"', body)
        fields["body"] = "<p>Hai.</p>"  # still based on the old revision
        resp, body = reporter.request("POST", path + "/luu-tu-dong", fields,
                                      {"X-CSRF-Token": token})
        self.assertEqual(resp.status, 409, body)
        self.assertIn('"diff_url"', body)
        resp, _ = reporter.request("POST", path + "/luu-tu-dong", fields)  # no token
        self.assertEqual(resp.status, 403)

    def test_editor_files_are_self_hosted(self):
        c = self.client("phongvien")
        resp, _ = c.get("/admin/static/vendor/tinymce/tinymce.min.js")
        self.assertEqual(resp.status, 200)
        resp, _ = c.get("/admin/static/js/article-editor.js")
        self.assertEqual(resp.status, 200)
        resp, page = c.get("/admin/bai-viet/moi")
        csp = resp.headers["Content-Security-Policy"]
        self.assertIn("default-src 'self'", csp)
        self.assertNotIn("http", csp)  # nothing from elsewhere
        self.assertNotRegex(page, r'src="https?://')
