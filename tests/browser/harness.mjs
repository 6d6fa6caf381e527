// Drives the real congtin binary for the browser tests, as tests/e2e/harness.py does for the
// Python ones: a demo site in a temporary directory, `serve` on a port the kernel picks,
// stopped with SIGTERM. And Debian's Chromium through playwright-core.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const BIN = process.env.CONGTIN_BIN ?? path.join(here, "../../build/src/cli/congtin");

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function launchBrowser() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

// A `congtin serve` process over a fresh demo site. await start(); use .origin; await stop().
export class DemoServer {
  async start() {
    this.dir = mkdtempSync(path.join(tmpdir(), "congtin-browser-"));
    const data = path.join(this.dir, "data");
    const init = spawnSync(BIN, ["init", "--data", data, "--demo"], { encoding: "utf8" });
    if (init.status !== 0) throw new Error(`congtin init failed: ${init.stderr}`);
    this.proc = spawn(BIN, ["serve", "--data", data, "--listen", "127.0.0.1:0", "--threads", "2"],
                      { stdio: ["ignore", "ignore", "pipe"] });
    this.stderr = "";
    this.port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${this.stderr}`)), 30000);
      this.proc.stderr.setEncoding("utf8");
      this.proc.stderr.on("data", (chunk) => {
        this.stderr += chunk;
        const m = /on http:\/\/127\.0\.0\.1:(\d+)/.exec(this.stderr);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      });
      this.proc.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}: ${this.stderr}`));
      });
    });
    this.origin = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async stop() {
    if (this.proc && this.proc.exitCode === null) {
      const exited = new Promise((resolve) => this.proc.once("exit", resolve));
      this.proc.kill("SIGTERM");
      await exited;
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    return this.proc?.exitCode;
  }
}
