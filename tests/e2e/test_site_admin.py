"""Site management with the real binary and the page cache on: a slogan, a link, a support
contact and a category changed in the back office show on the public home page at once,
although that page was cached (a change made behind the server's back does not show), and
each change is in the audit log."""

import os
import re
import sqlite3

from harness import DEMO, Server, SiteTestCase, congtin, visible_text
from test_admin_auth import Client

PASSWORD = "mật-khẩu-quản-trị-2026"


class SiteAdminTest(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = cls.new_dir("demo")
        r = congtin("init", "--data", cls.data, "--demo")
        assert r.returncode == 0, r.stderr
        r = congtin("user", "add", "--data", cls.data, "--username", "quantri", "--role",
                    "quan_tri", "--name", "Lê Văn Quản", input=PASSWORD + "\n")
        assert r.returncode == 0, r.stderr
        r = congtin("user", "add", "--data", cls.data, "--username", "bientap", "--role",
                    "bien_tap_vien", input=PASSWORD + "\n")
        assert r.returncode == 0, r.stderr
        cls.server = Server(cls.data)
        cls.admin = Client(cls.server.port)
        resp, _ = cls.admin.login("quantri", PASSWORD)
        assert resp.status == 303, resp.status

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0
        super().tearDownClass()

    def home(self):
        status, _, page = self.server.get("/")
        self.assertEqual(status, 200)
        return visible_text(page)

    def submit(self, page, action, fields):
        fields = dict(fields, _csrf=self.admin.csrf(page))
        return self.admin.request("POST", action, fields)

    def settings(self):
        with sqlite3.connect(os.path.join(self.data, "congtin.db")) as db:
            return dict(db.execute("select key, value from site_settings"))

    def test_1_page_cache_is_on(self):
        self.assertTrue(any("page cache: 64 MiB" in l for l in self.server.stderr_lines))

    def test_slogan_shows_at_once(self):
        before = self.settings()["slogan"]
        self.assertIn(before, self.home())
        # Behind the server's back: the cached page does not change.
        with sqlite3.connect(os.path.join(self.data, "congtin.db")) as db:
            db.execute("update site_settings set value = 'Khẩu hiệu viết thẳng vào tệp' "
                       "where key = 'slogan'")
        self.assertIn(before, self.home())
        self.assertNotIn("Khẩu hiệu viết thẳng vào tệp", self.home())

        fields = {k: v for k, v in self.settings().items() if k != "base_url"}
        fields["slogan"] = "Đoàn kết – Hội nhập – Phát triển bền vững"
        resp, _ = self.submit("/admin/cai-dat", "/admin/cai-dat", fields)
        self.assertEqual(resp.status, 303)
        self.assertEqual(resp.getheader("Location"), "/admin/cai-dat?tb=cai-dat-trang-da-luu")
        self.assertIn("Đoàn kết – Hội nhập – Phát triển bền vững", self.home())

        # A bad e-mail address: 422, a Vietnamese message, nothing changed.
        fields["email"] = "songoaivu@"
        fields["slogan"] = "Không được lưu"
        resp, page = self.submit("/admin/cai-dat", "/admin/cai-dat", fields)
        self.assertEqual(resp.status, 422)
        self.assertIn("không phải địa chỉ thư điện tử hợp lệ", visible_text(page))
        self.assertNotIn("Không được lưu", self.home())

    def test_link_shows_at_once_and_goes_at_once(self):
        self.assertNotIn("Cổng Dịch vụ công tỉnh Lạc Hồng", self.home())
        resp, _ = self.submit("/admin/lien-ket", "/admin/lien-ket",
                              {"title": "Cổng Dịch vụ công tỉnh Lạc Hồng",
                               "url": "https://dichvucong.lachong.example.gov.vn"})
        self.assertEqual(resp.status, 303)
        _, _, html = self.server.get("/")
        self.assertIn('href="https://dichvucong.lachong.example.gov.vn"', html)
        self.assertIn("Cổng Dịch vụ công tỉnh Lạc Hồng", visible_text(html))

        resp, page = self.submit("/admin/lien-ket", "/admin/lien-ket",
                                 {"title": "Mã độc", "url": "javascript:alert(1)"})
        self.assertEqual(resp.status, 422)
        self.assertIn("bắt đầu bằng https://", visible_text(page))

        _, page = self.admin.request("GET", "/admin/lien-ket")
        ids = re.findall(r'href="/admin/lien-ket/(\d+)">Cổng Dịch vụ công tỉnh Lạc Hồng<', page)
        self.assertEqual(len(ids), 1)
        resp, _ = self.submit("/admin/lien-ket", f"/admin/lien-ket/{ids[0]}/xoa", {})
        self.assertEqual(resp.status, 303)
        self.assertNotIn("Cổng Dịch vụ công tỉnh Lạc Hồng", self.home())

    def test_contact_shows_at_once(self):
        self.assertIn("Triệu Văn Bình", self.home())
        _, page = self.admin.request("GET", "/admin/ho-tro")
        first = re.search(r'href="(/admin/ho-tro/\d+)">Triệu Văn Bình<', page).group(1)
        resp, _ = self.submit(first, first, {"name": "Triệu Văn Bình",
                                             "role": "Chánh Văn phòng Sở – trực đường dây nóng",
                                             "phone": "0200 3851 299",
                                             "email": "vanphong@lachong.example.gov.vn"})
        self.assertEqual(resp.status, 303)
        text = self.home()
        self.assertIn("trực đường dây nóng", text)
        self.assertIn("0200 3851 299", text)

        resp, _ = self.submit("/admin/ho-tro", "/admin/ho-tro",
                              {"name": "Bộ phận một cửa", "role": "Tiếp nhận hồ sơ",
                               "phone": "0200 3851 210"})
        self.assertEqual(resp.status, 303)
        self.assertIn("Bộ phận một cửa", self.home())

    def test_category_rename_shows_in_the_menu(self):
        self.assertIn("Thông báo", self.home())
        _, page = self.admin.request("GET", "/admin/chuyen-muc")
        path = re.search(r'href="(/admin/chuyen-muc/\d+)">Thông báo<', page).group(1)
        _, form = self.admin.request("GET", path)
        slug = re.search(r'id="slug" name="slug" type="text" value="([^"]*)"', form).group(1)
        resp, _ = self.submit(path, path, {"name": "Thông báo – Lịch công tác", "slug": slug,
                                           "description": "Thông báo, lịch công tác",
                                           "parent_id": "", "in_menu": "1"})
        self.assertEqual(resp.status, 303)
        self.assertIn("Thông báo – Lịch công tác", self.home())
        # The demo category has articles: its slug cannot change, and the page says why.
        resp, page = self.submit(path, path, {"name": "Thông báo", "slug": "thong-bao-moi",
                                              "parent_id": "", "in_menu": "1"})
        self.assertIn("readonly", form)
        self.assertEqual(resp.status, 422)
        self.assertIn("không đổi được đường dẫn", visible_text(page).lower())
        self.assertEqual(self.server.get("/chuyen-muc/" + slug)[0], 200)
        # "Hiện trên menu" off: out of the main menu at once; the category page stays.
        def in_menu():
            page = self.server.get("/")[2]
            nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group(0)
            return 'href="/chuyen-muc/%s"' % slug in nav
        self.assertTrue(in_menu())
        resp, _ = self.submit(path, path, {"name": "Thông báo – Lịch công tác", "slug": slug,
                                           "description": "Thông báo, lịch công tác",
                                           "parent_id": ""})
        self.assertEqual(resp.status, 303)
        self.assertFalse(in_menu())
        self.assertEqual(self.server.get("/chuyen-muc/" + slug)[0], 200)

    def test_only_administrators_and_csrf(self):
        editor = Client(self.server.port)
        editor.login("bientap", PASSWORD)
        for path in ("/admin/cai-dat", "/admin/lien-ket", "/admin/ho-tro", "/admin/chuyen-muc",
                     "/admin/nhat-ky"):
            resp, _ = editor.request("GET", path)
            self.assertEqual(resp.status, 403, path)
        resp, _ = self.admin.request("POST", "/admin/lien-ket",
                                     {"title": "Không có mã", "url": "https://x.example.vn"})
        self.assertEqual(resp.status, 403)
        self.assertNotIn("Không có mã", self.home())

    def test_z_audit_log_records_the_changes(self):
        resp, page = self.admin.request("GET", "/admin/nhat-ky")
        self.assertEqual(resp.status, 200)
        text = visible_text(page)
        for expected in ("Sửa cài đặt trang: Khẩu hiệu", "Thêm liên kết", "Xóa liên kết",
                         "Sửa hỗ trợ trực tuyến", "Sửa chuyên mục", "Đăng nhập", "quantri"):
            self.assertIn(expected, text)
        resp, page = self.admin.request("GET", "/admin/nhat-ky?hanh-dong=link_change")
        text = visible_text(page)
        self.assertIn("Thêm liên kết", text)
        self.assertNotIn("Sửa cài đặt trang", text)
