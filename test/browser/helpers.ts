// Starts the local page (the real local server + the built sidebar) for browser tests, with any handle:
// the FakeApi here, or the real dist/Code.js loaded in the local runtime for end-to-end tests.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Frame, type Page } from "playwright-core";
import { buildSidebar } from "../../scripts/build-sidebar.mjs";
import { type LocalServer, type LocalTab, type RpcHandle, startServer } from "../../src/local/server";

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
  browser?: Browser;
  viewport?: { width: number; height: number };
}): Promise<LocalPage> {
  const server = await startServer({
    handle: opts.handle,
    tabs: opts.tabs,
    sidebarHtml: await builtSidebar(),
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

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
