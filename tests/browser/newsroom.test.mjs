// The newsroom in Debian's Chromium: a reporter writes an article in the self-hosted editor,
// pastes Word HTML with a picture (uploaded to the media library), gives it alt text and a
// caption, and submits; an editor returns it with a comment; the reporter fixes and
// resubmits; the editor passes it on; the head of the board publishes it; the public site
// shows it with the caption and the byline; a take-down removes it from its URL, its
// category page and the home page. Nothing is fetched from outside the server.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BIN, DemoServer, launchBrowser } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = process.env.CONGTIN_SCREENSHOTS ?? path.join(process.cwd(), "screenshots");
const PASSWORD = "mật-khẩu-thật-dài-2026";
const TITLE = "Đoàn công tác tỉnh Lạc Hồng làm việc tại cửa khẩu Đồng Đăng";
const CAPTION = "Đoàn công tác tại cột mốc biên giới";
const ALT = "Cán bộ đứng cạnh cột mốc biên giới bằng đá";
const AUTHOR = "Phùng Anh Văn";

let server;
let browser;
const foreign = [];  // requests that left the server

before(async () => {
  server = await new DemoServer().start();
  const data = path.join(server.dir, "data");
  for (const [user, role, name] of [["phongvien", "phong_vien", AUTHOR],
                                    ["bientap", "bien_tap_vien", "Lê Thị Biên"],
                                    ["truongban", "truong_ban", "Đặng Văn Trưởng"]]) {
    const r = spawnSync(BIN, ["user", "add", "--data", data, "--username", user, "--role", role,
                              "--name", name], { input: PASSWORD + "\n", encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  }
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  assert.equal(await server?.stop(), 0, "the server stops cleanly");
});

async function signIn(user) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  context.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(server.origin) && !url.startsWith("data:") && !url.startsWith("blob:") &&
        !url.startsWith("about:")) foreign.push(url);
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => assert.fail(`script error on ${page.url()}: ${e.message}`));
  await page.goto(server.origin + "/admin/dang-nhap");
  await page.fill("#username", user);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(/\/admin$/), page.click("button[type=submit]")]);
  return page;
}

async function editorReady(page) {
  await page.waitForFunction(() => window.tinymce?.activeEditor?.initialized === true, null,
                             { timeout: 20000 });
}

async function act(page, action, comment) {
  const form = page.locator(`form[data-action="${action}"]`);
  if (comment !== undefined) await form.locator("textarea").fill(comment);
  await Promise.all([page.waitForURL(/tb=/), form.locator("button[type=submit]").click()]);
}

async function get(p) {
  const r = await fetch(server.origin + p);
  return { status: r.status, text: await r.text() };
}

test("an article goes from a reporter's paste to the public site and off it again", async () => {
  // ---- the reporter writes, pasting from Word ----
  const reporter = await signIn("phongvien");
  await reporter.goto(server.origin + "/admin/bai-viet/moi");
  await editorReady(reporter);
  // The editor's own interface is Vietnamese (self-hosted langs/vi.js), not English.
  const toolbar = reporter.locator(".tox-toolbar__primary");
  assert.equal(await toolbar.getByRole("button", { name: "In đậm", exact: true }).count(), 1,
               "the bold button is labelled in Vietnamese");
  assert.equal(await toolbar.getByRole("button", { name: "Bold", exact: true }).count(), 0);
  await reporter.fill("#title", TITLE);
  await reporter.fill("#lead", "Sáng nay, đoàn công tác của tỉnh đã làm việc tại cửa khẩu.");
  await reporter.selectOption("#category_id", { index: 1 });
  const jpeg = readFileSync(path.join(here, "../../demo/images/border-marker.jpg")).toString("base64");
  const word =
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>' +
    '<h1 style="mso-style-name:Heading1">Kết quả làm việc</h1>' +
    '<p class="MsoNormal" style="font-family:Calibri"><b>Hai bên</b> đã trao đổi về <i>thủ tục</i> ' +
    'xuất nhập cảnh.<o:p></o:p></p>' +
    `<p class="MsoNormal"><img width="320" height="240" src="data:image/jpeg;base64,${jpeg}"></p>` +
    '<ul><li>Rút ngắn thời gian thông quan</li><li>Tăng cường phối hợp</li></ul>' +
    '<table border="1" style="border-collapse:collapse"><tr><td>Cửa khẩu</td><td>Đồng Đăng</td></tr></table>' +
    '<p><a href="https://mofa.gov.vn/">Bộ Ngoại giao</a><span style="color:red">' +
    '<script>alert(1)</script></span></p></body></html>';
  await reporter.evaluate((html) => {
    const ed = window.tinymce.activeEditor;
    const dt = new DataTransfer();
    dt.setData("text/html", html);
    dt.setData("text/plain", "Kết quả làm việc");
    ed.getBody().dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, word);
  // The pasted picture is uploaded to the media library and its address replaced.
  await reporter.waitForFunction(() => {
    const img = window.tinymce.activeEditor.getBody().querySelector("img");
    return img && img.getAttribute("src").startsWith("/media/");
  }, null, { timeout: 20000 });
  const body = await reporter.evaluate(() => window.tinymce.activeEditor.getContent());
  assert.match(body, /<h2>Kết quả làm việc<\/h2>/, "Word's h1 becomes h2");
  assert.match(body, /<strong>Hai bên<\/strong>/);
  assert.match(body, /<em>thủ tục<\/em>/);
  assert.match(body, /<li>Rút ngắn thời gian thông quan<\/li>/);
  assert.match(body, /<td>Đồng Đăng<\/td>/);
  assert.match(body, /<a href="https:\/\/mofa.gov.vn\/">Bộ Ngoại giao<\/a>/);
  assert.doesNotMatch(body, /style=|class="Mso|<script|o:p/);

  // Without alt text the form is not sent.
  await reporter.click("#article-form button[type=submit]");
  await reporter.waitForTimeout(300);
  assert.match(reporter.url(), /\/admin\/bai-viet\/moi$/);
  assert.match(await reporter.textContent("#autosave-status"), /mô tả thay thế/);

  // Alt text and caption through the editor's image dialog.
  await reporter.evaluate(() => {
    const ed = window.tinymce.activeEditor;
    ed.selection.select(ed.getBody().querySelector("img"));
    ed.execCommand("mceImage");
  });
  const dialog = reporter.locator(".tox-dialog");
  await dialog.waitFor();
  await dialog.getByLabel(/Mô tả thay thế/i).fill(ALT);
  await dialog.locator("label.tox-checkbox").filter({ hasText: /Hiện chú thích/i }).click();
  await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
  await reporter.evaluate((caption) => {
    const ed = window.tinymce.activeEditor;
    ed.getBody().querySelector("figcaption").textContent = caption;
    ed.fire("change");
  }, CAPTION);
  await reporter.screenshot({ path: path.join(SHOTS, "newsroom-editor.png"), fullPage: true });
  await Promise.all([reporter.waitForURL(/\/admin\/bai-viet\/\d+\?tb=bai-da-tao/),
                     reporter.click("#article-form button[type=submit]")]);
  const articlePath = new URL(reporter.url()).pathname;
  await act(reporter, "submit");

  // ---- the editor returns it ----
  const editor = await signIn("bientap");
  assert.match(await editor.textContent("[data-slot=workflow-queues]"), /Đoàn công tác tỉnh Lạc Hồng/);
  await editor.goto(server.origin + articlePath);
  await act(editor, "return", "Cần ghi rõ tên đơn vị tiếp đón.");

  // ---- the reporter fixes and resubmits ----
  await reporter.goto(server.origin + "/admin");
  assert.match(await reporter.textContent("[data-slot=workflow-queues]"), /Cần ghi rõ tên đơn vị tiếp đón/);
  await reporter.goto(server.origin + articlePath);
  await editorReady(reporter);
  assert.match(await reporter.textContent("[data-slot=return-comment]"), /Cần ghi rõ tên đơn vị tiếp đón/);
  await reporter.evaluate(() => {
    const ed = window.tinymce.activeEditor;
    ed.getBody().insertAdjacentHTML("beforeend", "<p>Đoàn được Ban quản lý cửa khẩu Đồng Đăng tiếp đón.</p>");
    ed.fire("change");
  });
  await Promise.all([reporter.waitForURL(/tb=bai-da-luu/), reporter.click("#article-form button[type=submit]")]);
  await act(reporter, "submit");

  // ---- the editor passes it on; the head publishes ----
  await editor.goto(server.origin + articlePath);
  await act(editor, "pass_on");
  const head = await signIn("truongban");
  await head.goto(server.origin + articlePath);
  await act(head, "publish");
  assert.match(await head.textContent("[data-slot=live]"), /Đang hiển thị công khai: bản 2/);
  const history = await head.textContent("[data-slot=history]");
  for (const step of ["Gửi biên tập", "Trả lại", "Chuyển duyệt", "Duyệt và xuất bản"]) assert.match(history, new RegExp(step));
  const publicPath = await head.getAttribute("[data-slot=live] a", "href");

  // ---- the public site ----
  const reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await reader.newPage();
  const res = await page.goto(server.origin + publicPath);
  assert.equal(res.status(), 200);
  assert.equal(await page.textContent("figure figcaption"), CAPTION);
  assert.equal(await page.getAttribute("figure img", "alt"), ALT);
  assert.match(await page.textContent("body"), new RegExp(AUTHOR));
  assert.match(await page.textContent("body"), /Ban quản lý cửa khẩu Đồng Đăng/);
  await page.screenshot({ path: path.join(SHOTS, "newsroom-public.png"), fullPage: true });
  const categoryPath = await page.locator("nav.breadcrumb a[href^='/chuyen-muc/']").last().getAttribute("href");
  assert.match((await get(categoryPath)).text, new RegExp(TITLE));
  assert.match((await get("/")).text, new RegExp(TITLE));

  // ---- take-down ----
  await head.goto(server.origin + articlePath);
  await act(head, "take_down", "Thông tin cần được xác minh lại.");
  assert.equal((await get(publicPath)).status, 404);
  assert.doesNotMatch((await get("/")).text, new RegExp(TITLE));
  assert.doesNotMatch((await get(categoryPath)).text, new RegExp(TITLE));
  await reader.close();

  assert.deepEqual(foreign, [], "nothing is fetched from outside the server");
});
