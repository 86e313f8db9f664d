// Starts the local page (the real local server + the built sidebar) for browser tests, with any handle:
// the FakeApi here, or the real dist/Code.js loaded in the local runtime for end-to-end tests.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Frame, type Page } from "playwright-core";
import { buildSidebar, renderPage } from "../../scripts/build-sidebar.mjs";
import {
  type LocalServer,
  type LocalTab,
  type RpcHandle,
  type ServerOptions,
  startServer,
} from "../../src/local/server";
import type { LocalSession } from "../../src/local/session";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts");

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launches Debian's chromium; fails loudly (never skips) when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's package (apt-get install chromium; .ci/run does) ` +
        "or set CHROMIUM_PATH. Browser tests are never skipped.",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

let sidebarHtml: Promise<string> | undefined;
/** The sidebar, built once per test process into a temporary file (dist/ is the build's). */
export function builtSidebar(): Promise<string> {
  sidebarHtml ??= buildSidebar({ outFile: join(tmpdir(), `leadscore-sidebar-${process.pid}.html`) }).then(
    (r) => r.html,
  );
  return sidebarHtml;
}

let pageHtml: Promise<string> | undefined;
/** The workbook page, built once per test process. */
export function builtPage(): Promise<string> {
  pageHtml ??= renderPage();
  return pageHtml;
}

export interface LocalPage {
  server: LocalServer;
  browser: Browser;
  page: Page;
  /** The sidebar iframe, loaded. */
  sidebar: Frame;
  /** Every dialog (alert/confirm/prompt) the page or the sidebar opened. */
  dialogs: string[];
  /** Page errors (uncaught exceptions) seen in any frame. */
  errors: string[];
  close(): Promise<void>;
}

export async function openLocalPage(opts: {
  handle: RpcHandle;
  tabs: () => LocalTab[];
  allow?: readonly string[];
  session?: LocalSession;
  newWorkbook?: ServerOptions["newWorkbook"];
  browser?: Browser;
  viewport?: { width: number; height: number };
}): Promise<LocalPage> {
  const server = await startServer({
    handle: opts.handle,
    tabs: opts.tabs,
    sidebarHtml: await builtSidebar(),
    pageHtml: await builtPage(),
    session: opts.session,
    newWorkbook: opts.newWorkbook,
    allow: opts.allow,
  });
  const browser = opts.browser ?? (await launchBrowser());
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 900 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url);
  const handle = await page.waitForSelector("iframe#sidebar");
  const sidebar = (await handle.contentFrame())!;
  await sidebar.waitForLoadState();
  return {
    server,
    browser,
    page,
    sidebar,
    dialogs,
    errors,
    async close() {
      await page.close();
      if (!opts.browser) await browser.close();
      await server.close();
    },
  };
}

/**
 * Waits until the layout has settled: every visible canvas has had its chart laid out (Chart.js gives the
 * canvas an inline size when it does; until then it has the default 300 × 150) and neither the canvases'
 * sizes nor the page's width changed over two consecutive animation frames.
 */
export async function layoutSettled(frame: Page | Frame): Promise<void> {
  await frame.evaluate(() => {
    (window as unknown as { __layout?: unknown }).__layout = undefined;
  });
  await frame.waitForFunction(() => {
    const w = window as unknown as { __layout?: { key: string; frames: number } };
    const canvases = Array.from(document.querySelectorAll("canvas")).filter((c) => c.offsetParent !== null);
    if (canvases.some((c) => !c.style.width)) {
      w.__layout = undefined;
      return false;
    }
    const root = document.documentElement;
    const key = JSON.stringify([
      root.scrollWidth,
      root.clientWidth,
      ...canvases.map((c) => {
        const box = c.getBoundingClientRect();
        return [c.width, c.height, box.width, box.height];
      }),
    ]);
    if (w.__layout?.key !== key) {
      w.__layout = { key, frames: 0 };
      return false;
    }
    w.__layout.frames++;
    return w.__layout.frames >= 2;
  });
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
