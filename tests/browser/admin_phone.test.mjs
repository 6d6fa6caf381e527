// The back office on a phone: an administrator signs in and, at 360×740, visits every
// back-office screen. None may scroll sideways, the main navigation must be reachable,
// and axe-core (WCAG 2 A/AA) must find no violation. Screenshots go to screenshots/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { BIN, DemoServer, launchBrowser } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = process.env.CONGTIN_SCREENSHOTS ?? path.join(process.cwd(), "screenshots");
const PASSWORD = "mật-khẩu-thật-dài-2026";
const VIEWPORT = { width: 360, height: 740 };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let server;
let browser;
// The administrator has no article screens; the head of the board has no site management.
const editorScreens = ["/admin", "/admin/bai-viet", "/admin/bai-viet/moi", "/admin/thu-vien",
                       "/admin/thong-ke", "/admin/tai-khoan"];
const adminScreens = ["/admin", "/admin/thu-vien", "/admin/chuyen-muc", "/admin/lien-ket",
                      "/admin/ho-tro", "/admin/cai-dat", "/admin/nhat-ky", "/admin/thong-ke",
                      "/admin/nguoi-dung", "/admin/tai-khoan"];

before(async () => {
  server = await new DemoServer().start();
  const data = path.join(server.dir, "data");
  for (const [user, role, name] of [["quantri", "quan_tri", "Nguyễn Thị Quản Trị"],
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
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "vi-VN", isMobile: true,
                                             hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.on("pageerror", (e) => assert.fail(`script error on ${page.url()}: ${e.message}`));
  await page.goto(server.origin + "/admin/dang-nhap");
  await page.fill("#username", user);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(/\/admin$/), page.click("button[type=submit]")]);
  return { context, page };
}

async function mainLinks(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main a[href]")].map((a) => a.getAttribute("href")));
}

async function visit(page, p) {
  const res = await page.goto(server.origin + p, { waitUntil: "load" });
  assert.equal(res.status(), 200, `${p} answers 200`);
  assert.ok(!page.url().includes("/dang-nhap"), `${p} does not send back to the sign-in page`);
  await page.evaluate(() => document.fonts.ready);
  // The article editor loads TinyMCE; let it draw before measuring.
  if (await page.evaluate(() => !!window.tinymce)) {
    await page.waitForFunction(() => window.tinymce?.activeEditor?.initialized === true, null,
                               { timeout: 20000 }).catch(() => {});
  }
}

describe("the back office at 360 × 740", () => {
  test("head of the board: articles (list, new, edit, comparison), library, statistics, account",
       async () => {
    const { context, page } = await signIn("truongban");
    try {
      // One demo article's edit page, from the list, and a comparison page if it links one.
      await page.goto(server.origin + "/admin/bai-viet");
      const edit = (await mainLinks(page)).find((h) => /^\/admin\/bai-viet\/\d+$/.test(h));
      assert.ok(edit, "the article list links to an article's edit page");
      const screens = [...editorScreens];
      screens.splice(3, 0, edit);
      await page.goto(server.origin + edit);
      const diff = (await mainLinks(page)).find((h) => h.includes("/so-sanh"));
      if (diff) screens.splice(4, 0, diff);
      await checkScreens(page, "editor", screens);
    } finally {
      await context.close();
    }
  });

  test("administrator: site management, audit log, statistics, users, account", async () => {
    const { context, page } = await signIn("quantri");
    try {
      await checkScreens(page, "admin", adminScreens);
    } finally {
      await context.close();
    }
  });
});

async function checkScreens(page, who, screens) {
    const failures = [];
    for (const p of screens) {
      await visit(page, p);
      const name = who + "-" + (p.replace(/^\/admin\/?/, "").replace(/[/?=&]/g, "_") || "home");
      await page.screenshot({ path: path.join(SHOTS, `admin-phone-${name}.png`), fullPage: true });

      const facts = await page.evaluate((width) => {
        const wide = [...document.querySelectorAll("body *")].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > width + 1 && !el.closest(".nav, .table-wrap");
        }).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}` +
                                    `${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""}` +
                                    ` (right ${Math.round(el.getBoundingClientRect().right)})`);
        const nav = document.querySelector("nav.nav");
        const links = nav ? [...nav.querySelectorAll("a[href]")] : [];
        const unreachable = links.filter((a) => {
          a.scrollIntoView({ block: "nearest", inline: "nearest" });
          const r = a.getBoundingClientRect();
          const style = getComputedStyle(a);
          return r.width === 0 || r.height === 0 || style.visibility === "hidden" ||
                 r.left < -1 || r.right > width + 1;
        }).map((a) => a.textContent.trim());
        window.scrollTo(0, 0);
        const navBox = nav?.getBoundingClientRect();
        return {
          scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide,
          nav: !!nav, navVisible: !!navBox && navBox.width > 0 && navBox.height > 0,
          navFits: !!navBox && navBox.left >= 0 && navBox.right <= width + 1,
          links: links.length, unreachable,
        };
      }, VIEWPORT.width);
      // With isMobile, Chromium widens the layout viewport to fit content that overflows
      // (as a phone zooms out), so innerWidth itself must also stay at the device width.
      if (facts.scrollWidth > facts.innerWidth + 1 || facts.innerWidth > VIEWPORT.width) {
        failures.push(`${p}: scrollWidth ${facts.scrollWidth}, innerWidth ${facts.innerWidth} > ${VIEWPORT.width}; too wide: ${facts.wide.join(", ")}`);
      }
      if (!facts.nav || !facts.navVisible || !facts.navFits || facts.links < 2) {
        failures.push(`${p}: main nav missing, hidden or wider than the screen`);
      }
      if (facts.unreachable.length) failures.push(`${p}: nav links out of reach: ${facts.unreachable.join(", ")}`);

      // The back office sends a strict CSP, so axe goes in through the DevTools protocol, not a <script>.
      await page.evaluate(AXE_SOURCE);
      const result = await page.evaluate((tags) =>
        window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
      for (const v of result.violations) {
        failures.push(`${p}: ${v.id} (${v.impact}): ${v.help}\n` +
          v.nodes.slice(0, 5).map((n) => `   ${n.target.join(" ")}: ${n.failureSummary}`).join("\n"));
      }
      assert.ok(result.passes.length > 10, `axe ran its rules on ${p}`);
      if (process.env.DEBUG_ADMIN_PHONE) console.log(p, JSON.stringify(facts), "axe passes", result.passes.length, "incomplete", result.incomplete.map((i) => i.id).join(","));
    }
    assert.deepEqual(failures, [], failures.join("\n"));
}
