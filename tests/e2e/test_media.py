"""The media library with the real binary: uploads through fetch and through a plain form, a
picture carrying GPS EXIF stored without it, refused files with Vietnamese messages, the body
limits (413, and the server keeps serving), roles for deleting, and srcset on the public page."""

import io
import json
import os
import socket
import sqlite3
import struct
import uuid
import zipfile

from harness import Server, SiteTestCase, congtin, visible_text
from test_admin_auth import Client

PASSWORD = "mật-khẩu-thật-dài-2026"
DEMO = os.path.join(os.path.dirname(__file__), "../../demo/images")
MARKER = b"Toa-do-bi-mat-Lac-Hong"


def jpeg_with_gps(path):
    """The demo picture with an EXIF block (GPS latitude and a description) put in front."""
    with open(path, "rb") as f:
        jpeg = f.read()
    desc = MARKER + b"\0"
    ifd0 = struct.pack("<H", 2) + struct.pack("<HHII", 0x010E, 2, len(desc), 80) + \
        struct.pack("<HHII", 0x8825, 4, 1, 38) + struct.pack("<I", 0)
    gps = struct.pack("<H", 1) + struct.pack("<HHII", 0x0002, 5, 3, 56) + struct.pack("<I", 0)
    tiff = b"II*\0" + struct.pack("<I", 8) + ifd0 + gps + struct.pack("<6I", 21, 1, 2, 1, 3, 1)
    assert len(tiff) == 80, len(tiff)
    tiff += desc
    payload = b"Exif\0\0" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def multipart(fields, files):
    boundary = "----congtin" + uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                  .encode())
        out.write(value.encode() + b"\r\n")
    for name, (filename, data) in files.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                  f"filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                  .encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", out.getvalue()


class MediaClient(Client):
    def send(self, method, path, body, headers):
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = dict(headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp, data

    def upload(self, filename, data, alt="", caption="", fetch=True, token=None):
        token = self.csrf("/admin/thu-vien") if token is None else token
        fields = {"alt": alt, "caption": caption}
        headers = {}
        if fetch:
            headers = {"Accept": "application/json", "X-CSRF-Token": token}
        else:
            fields["_csrf"] = token
        ctype, body = multipart(fields, {"file": (filename, data)})
        headers["Content-Type"] = ctype
        return self.send("POST", "/admin/thu-vien/tai-len", body, headers)


class MediaTest(SiteTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = cls.new_dir("site")
        r = congtin("init", "--data", cls.data, "--demo")
        assert r.returncode == 0, r.stderr
        for user, role in (("quantri", "quan_tri"), ("phongvien", "phong_vien")):
            r = congtin("user", "add", "--data", cls.data, "--username", user, "--role", role,
                        "--name", "Trần Văn Phóng" if role == "phong_vien" else "Quản Trị",
                        input=PASSWORD + "\n")
            assert r.returncode == 0, r.stderr
        cls.server = Server(cls.data)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        super().tearDownClass()

    def client(self, user="phongvien"):
        c = MediaClient(self.server.port)
        resp, _ = c.login(user, PASSWORD)
        self.assertEqual(resp.status, 303)
        return c

    def test_fetch_upload_strips_gps_and_makes_variants(self):
        c = self.client()
        upload = jpeg_with_gps(os.path.join(DEMO, "meeting.jpg"))
        self.assertIn(MARKER, upload)
        resp, data = c.upload("Hội nghị.jpg", upload, alt="Hội nghị đối ngoại",
                              caption="Quang cảnh hội nghị")
        self.assertEqual(resp.status, 201, data.decode())
        j = json.loads(data)
        self.assertGreater(j["id"], 0)
        self.assertTrue(j["location"].startswith("/media/") and j["location"].endswith(".jpg"))
        self.assertGreater(j["width"], 0)
        self.assertGreater(j["height"], 0)
        self.assertEqual(j["alt"], "Hội nghị đối ngoại")
        status, r, stored = self.server.request("GET", j["location"])[0].status, None, None
        resp, stored = self.server.request("GET", j["location"])
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Content-Type"), "image/jpeg")
        self.assertNotIn(MARKER, stored)
        self.assertNotIn(b"Exif", stored)
        self.assertTrue(os.path.isfile(os.path.join(self.data, j["location"][1:])))
        urls = [part.split()[0] for part in (j["srcset"] + ", " + j["webp_srcset"]).split(", ")]
        for url in urls:
            resp, body = self.server.request("GET", url)
            self.assertEqual(resp.status, 200, url)
            self.assertNotIn(MARKER, body)
        # The same file again is the same record.
        resp, data = c.upload("lan-hai.jpg", upload)
        self.assertEqual(json.loads(data)["id"], j["id"])

    def test_plain_form_upload_and_library_page(self):
        c = self.client()
        with open(os.path.join(DEMO, "signing.jpg"), "rb") as f:
            resp, _ = c.upload("Ký kết <b>.jpg", f.read(), caption="Lễ ký kết", fetch=False)
        self.assertEqual(resp.status, 303)
        self.assertEqual(resp.getheader("Location"), "/admin/thu-vien?tb=da-tai-len")
        resp, page = c.request("GET", "/admin/thu-vien?tb=da-tai-len")
        self.assertEqual(resp.status, 200)
        text = visible_text(page)
        self.assertIn("Đã tải tệp lên thư viện.", text)
        self.assertIn("Ký kết <b>.jpg", text)
        self.assertIn("Ký kết &lt;b&gt;.jpg", page)
        self.assertIn("Trần Văn Phóng", text)
        self.assertIn("Lễ ký kết", page)
        self.assertIn('href="/admin/thu-vien" aria-current="page">Thư viện', page)

    def test_refused_files_get_vietnamese_json(self):
        c = self.client()
        cases = [
            ("bao-cao.jpg", "Đây là văn bản, không phải ảnh.".encode(), "Chỉ nhận ảnh JPEG"),
            ("cong-van.pdf", b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run",
             "PDF, DOCX (Word) hoặc XLSX (Excel)"),
            ("anh-hong.jpg", b"\xff\xd8\xff\xe0" + b"x" * 400, "bị hỏng"),
        ]
        with open(os.path.join(DEMO, "classroom.jpg"), "rb") as f:
            whole = f.read()
        cases.append(("cat-cut.jpg", whole[: len(whole) // 2], "bị cắt cụt"))
        for name, data, says in cases:
            resp, body = c.upload(name, data)
            self.assertEqual(resp.status, 422, (name, body.decode()))
            self.assertEqual(resp.getheader("Content-Type"), "application/json; charset=utf-8")
            self.assertIn(says, json.loads(body)["error"], name)

    def test_attachments_by_content(self):
        c = self.client()
        docx = io.BytesIO()
        with zipfile.ZipFile(docx, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<w:document/>")
        for name, data, ext in (("Kế hoạch.docx", docx.getvalue(), ".docx"),
                                ("Công văn.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", ".pdf")):
            resp, body = c.upload(name, data)
            self.assertEqual(resp.status, 201, body.decode())
            j = json.loads(body)
            self.assertEqual(j["kind"], "attachment")
            self.assertTrue(j["location"].endswith(ext))

    def test_csrf_and_session_are_required(self):
        c = self.client()
        resp, body = c.upload("a.jpg", b"x", token="sai-ma")
        self.assertEqual(resp.status, 403)
        self.assertIn("CSRF", json.loads(body)["error"])
        anonymous = MediaClient(self.server.port)
        resp, body = anonymous.upload("a.jpg", b"x", token="")
        self.assertIn(resp.status, (401, 403))
        self.assertIn("error", json.loads(body))

    def test_oversized_uploads(self):
        c = self.client()
        # Over the library's 20 MiB, under the server's 25 MiB for uploads: JSON 413.
        resp, body = c.upload("lon.jpg", b"\xff\xd8\xff" + b"\0" * (21 << 20))
        self.assertEqual(resp.status, 413)
        self.assertIn("lớn hơn giới hạn 20 MiB", json.loads(body)["error"])
        # Over the server's limit: 413 from the Content-Length alone, then the connection is
        # closed cleanly and the server goes on serving.
        token = c.csrf("/admin/thu-vien")
        head = (f"POST /admin/thu-vien/tai-len HTTP/1.1\r\nHost: x\r\n"
                f"Content-Type: multipart/form-data; boundary=b\r\nX-CSRF-Token: {token}\r\n"
                f"Content-Length: {30 << 20}\r\n\r\n").encode()
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as s:
            s.sendall(head)
            try:
                s.sendall(b"\0" * (1 << 20))
            except OSError:
                pass
            reply = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                reply += chunk
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply[:100])
        self.assertIn("Nội dung gửi lên quá lớn.", reply.decode("utf-8", "replace"))
        # Elsewhere the ordinary limit holds.
        resp, _ = self.server.request("POST", "/admin/dang-nhap", {"Content-Length": str(9 << 20)},
                                      b"a" * (9 << 20))
        self.assertEqual(resp.status, 413)
        self.assertEqual(self.server.get("/healthz")[0], 200)

    def test_edit_text_and_delete_by_role(self):
        reporter = self.client()
        with open(os.path.join(DEMO, "classroom.jpg"), "rb") as f:
            resp, body = reporter.upload("lop-hoc.jpg", f.read())
        self.assertEqual(resp.status, 201)
        media_id = json.loads(body)["id"]
        token = reporter.csrf("/admin/thu-vien")
        resp, _ = reporter.request("POST", f"/admin/thu-vien/{media_id}",
                                   {"_csrf": token, "alt": "Lớp học tiếng Anh",
                                    "caption": "<script>alert(1)</script>"})
        self.assertEqual(resp.status, 303)
        _, page = reporter.request("GET", "/admin/thu-vien")
        self.assertIn('value="Lớp học tiếng Anh"', page)
        self.assertNotIn("<script>alert(1)</script>", page)
        # A reporter may not delete; the administrator may delete what nothing uses.
        resp, _ = reporter.request("POST", f"/admin/thu-vien/{media_id}/xoa", {"_csrf": token})
        self.assertEqual(resp.status, 403)
        admin = self.client("quantri")
        resp, _ = admin.request("POST", f"/admin/thu-vien/{media_id}/xoa",
                                {"_csrf": admin.csrf("/admin/thu-vien")})
        self.assertEqual(resp.status, 303)
        self.assertEqual(resp.getheader("Location"), "/admin/thu-vien?tb=da-xoa")

    def import_article(self, data_dir, title, body_html, cover=""):
        line = {"title": title, "lead": "Thử srcset.", "body_html": body_html,
                "cover_image": cover, "cover_caption": "Ảnh bìa" if cover else "",
                "category": "Thông tin tuyên truyền đối ngoại",
                "published_at": "2025-07-22T10:00:00+07:00", "author": "Phóng viên"}
        path = os.path.join(data_dir, "bai.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
        r = congtin("import", "--data", data_dir, path)
        self.assertEqual(r.returncode, 0, r.stderr)
        with sqlite3.connect(os.path.join(data_dir, "congtin.db")) as db:
            slug, = db.execute("select slug from articles where title = ?", (title,)).fetchone()
        return "/tin-tuc/" + slug

    def test_public_article_gets_srcset(self):
        # A site of its own, imported into while no server runs (see the next test).
        data = self.new_dir("srcset")
        r = congtin("init", "--data", data, "--demo")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = congtin("user", "add", "--data", data, "--username", "phongvien", "--role",
                    "phong_vien", input=PASSWORD + "\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        server = Server(data)
        try:
            c = MediaClient(server.port)
            c.login("phongvien", PASSWORD)
            with open(os.path.join(DEMO, "signing.jpg"), "rb") as f:
                resp, body = c.upload("bia.jpg", f.read())
            self.assertEqual(resp.status, 201)
            j = json.loads(body)
        finally:
            server.stop()
        with sqlite3.connect(os.path.join(data, "congtin.db")) as db:
            demo_image, = db.execute(
                "select cover_image from articles where cover_image != '' limit 1").fetchone()
        path = self.import_article(
            data, "Ảnh đáp ứng trên trang công khai",
            f'<figure><img src="{j["location"]}" alt="Lễ ký kết"></figure>'
            f'<p><img src="{demo_image}" alt="Ảnh cũ"></p>', cover=j["location"])
        server = Server(data)
        try:
            status, _, page = server.get(path)
        finally:
            server.stop()
        self.assertEqual(status, 200)
        self.assertIn('<picture><source type="image/webp" srcset="', page)
        self.assertIn(f'<img src="{j["location"]}" alt="Lễ ký kết" srcset="', page)
        self.assertIn('sizes="(max-width: 50rem) 100vw, 50rem"', page)
        self.assertIn('loading="lazy"></picture>', page)
        # The cover from the library gets its WebP set and real dimensions too.
        cover = page[page.index('<figure class="cover">'):]
        cover = cover[:cover.index("</figure>")]
        self.assertIn('<picture><source type="image/webp" srcset="', cover)
        self.assertIn(f'width="{j["width"]}" height="{j["height"]}"', cover)
        # A picture imported before the media library existed is left as it was.
        self.assertIn(f'<img src="{demo_image}" alt="Ảnh cũ">', page)
