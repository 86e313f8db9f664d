// The workbook page of `npm start` in a real browser, on the BUILT dist/Code.js with a temporary copy of
// the demo workbook: editing cells through the grid, the add-on's menu, saving to disk, the schedule and
// the Outbox. The page is driven only through its WAI-ARIA roles and names (the contract of issue 15).
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIDEBAR_FUNCTIONS } from "../../src/contract";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import { openSession } from "../../src/local/open-session";
import type { LocalSession } from "../../src/local/session";
import { builtSidebar, type LocalPage, launchBrowser, openLocalPage, screenshot } from "./helpers";

const root = resolve(import.meta.dirname, "../..");
const DEMO = join(root, "examples/demo");
let browser: Browser;
let lp: LocalPage;
let page: Page;
let session: LocalSession;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-page-"));
  await cp(DEMO, dir, { recursive: true });
  session = await openSession({
    workbook: dir,
    demo: DEMO,
    asOf: DEFAULT_END,
    timeZone: "UTC",
    code: await readFile(join(root, "dist/Code.js"), "utf8"),
    sidebarHtml: await builtSidebar(),
    fixedClock: true,
  });
  lp = await openLocalPage({
    handle: session.script,
    tabs: () => session.runtime.tabs(),
    allow: SIDEBAR_FUNCTIONS,
    session,
    browser,
  });
  page = lp.page;
  await page.getByRole("grid", { name: TAB.leads }).waitFor();
});
afterEach(async () => {
  expect(lp.errors).toEqual([]);
  await lp.close();
  await rm(dir, { recursive: true, force: true });
});

const values = (tab: string) => session.runtime.values(tab);
const column = (tab: string, header: string) => findColumn(values(tab)[0], header) + 1;
const grid = (tab: string) => page.getByRole("grid", { name: tab });
const cell = (tab: string, row: number, col: number) =>
  grid(tab).locator(`[role=row][aria-rowindex="${row}"] [role=gridcell][aria-colindex="${col}"]`);

async function openTab(name: string) {
  await page.getByRole("tablist").getByRole("tab", { name, exact: true }).click();
  await grid(name).waitFor();
}

/** Clicks Extensions ▸ Leadscore ▸ caption and returns the page's call to the server. */
async function clickMenu(caption: string) {
  await page.getByRole("menubar").getByRole("menuitem", { name: "Extensions" }).click();
  await page.getByRole("menuitem", { name: "Leadscore", exact: true }).click();
  const response = page.waitForResponse((r) => r.url().endsWith("/api/menu"));
  await page.getByRole("menuitem", { name: caption, exact: true }).click();
  return (await (await response).json()) as { events: { kind: string }[]; error?: string };
}

/** Types `text` into a cell through the keyboard: select, Enter, type, Enter. */
async function typeInto(tab: string, row: number, col: number, text: string) {
  await cell(tab, row, col).click();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
  const done = page.waitForResponse((r) => r.url().endsWith("/api/edit"));
  await page.keyboard.press("Enter");
  await done;
}

// Row 2 of the demo's matrix: "Executive title", 15 points.
const EXEC_ROW = 2;

describe("the workbook page", () => {
  it("a Points edit in the Scoring Matrix rescores the Leads (Score all leads now), and undo restores it", async () => {
    const header = page.getByRole("grid", { name: TAB.leads }).getByRole("row").first();
    expect(await header.getByRole("columnheader").first().textContent()).toBe("Email");
    const jobTitle = column(TAB.leads, "Job Title");
    const leadRow = values(TAB.leads).findIndex((r) => /^VP /.test(String(r[jobTitle - 1]))) + 1;
    const scoreCol = column(TAB.leads, "Score");
    const before = Number(values(TAB.leads)[leadRow - 1][scoreCol - 1]);

    await openTab(TAB.matrix);
    const points = column(TAB.matrix, "Points");
    expect(await cell(TAB.matrix, EXEC_ROW, points).textContent()).toBe("15");
    await typeInto(TAB.matrix, EXEC_ROW, points, "40");
    await expect.poll(() => cell(TAB.matrix, EXEC_ROW, points).textContent()).toBe("40");
    expect((await clickMenu("Score all leads now")).error).toBeUndefined();

    await openTab(TAB.leads);
    const after = Number(values(TAB.leads)[leadRow - 1][scoreCol - 1]);
    expect(after).toBeGreaterThan(before);
    await cell(TAB.leads, leadRow, 1).click();
    await expect.poll(() => cell(TAB.leads, leadRow, scoreCol).textContent()).toBe(String(after));
    // The tier colours the add-on set are drawn.
    const tierCol = column(TAB.leads, "Tier");
    const bg = await cell(TAB.leads, leadRow, tierCol).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).not.toBe("rgb(255, 255, 255)");
    await screenshot(page, "workbook-page-rescored", false);

    await openTab(TAB.matrix);
    await cell(TAB.matrix, EXEC_ROW, points).click();
    await page.keyboard.press("ControlOrMeta+Z");
    await expect.poll(() => values(TAB.matrix)[EXEC_ROW - 1][points - 1]).toBe(15);
  });

  it("with automatic scoring on, editing a lead's cell rescores that lead at once", async () => {
    expect((await clickMenu("Turn automatic scoring on/off")).error).toBeUndefined();
    const jobTitle = column(TAB.leads, "Job Title");
    const scoreCol = column(TAB.leads, "Score");
    const row =
      values(TAB.leads).findIndex(
        (r, i) => i > 0 && !/VP|Chief|Head|Founder/i.test(String(r[jobTitle - 1])),
      ) + 1;
    const before = Number(values(TAB.leads)[row - 1][scoreCol - 1]);
    // Select, type (the first key starts the edit, replacing the cell), Enter.
    await cell(TAB.leads, row, jobTitle).click();
    const done = page.waitForResponse((r) => r.url().endsWith("/api/edit"));
    await page.keyboard.type("VP Sales");
    await page.keyboard.press("Enter");
    await done;
    expect(values(TAB.leads)[row - 1][jobTitle - 1]).toBe("VP Sales");
    expect(await cell(TAB.leads, row + 1, jobTitle).getAttribute("aria-selected")).toBe("true");
    const reasons = column(TAB.leads, "Top Reasons");
    await expect.poll(() => String(values(TAB.leads)[row - 1][reasons - 1])).toContain("Executive title +15");
    const after = Number(values(TAB.leads)[row - 1][scoreCol - 1]);
    expect(after).not.toBe(before);
    await expect.poll(() => cell(TAB.leads, row, scoreCol).textContent()).toBe(String(after));
  });

  it("renders a window of a large tab's rows, with aria-rowindex as in the sheet", async () => {
    await openTab(TAB.activities);
    const total = values(TAB.activities).length;
    expect(total).toBeGreaterThan(10_000);
    expect(await grid(TAB.activities).getAttribute("aria-rowcount")).toBe(String(total));
    expect(await grid(TAB.activities).getByRole("row").count()).toBeLessThan(200);
    await page.locator("#grid").evaluate((g) => {
      g.scrollTop = g.scrollHeight;
    });
    const lastRow = grid(TAB.activities).locator(`[role=row][aria-rowindex="${total}"]`);
    await lastRow.waitFor();
    expect(await lastRow.getByRole("gridcell").first().textContent()).toBe(
      String(values(TAB.activities)[total - 1][0])
        .replace("T", " ")
        .replace(/\.\d+Z$|Z$/, "Z"),
    );
    expect(await grid(TAB.activities).getByRole("row").count()).toBeLessThan(200);
  });

  it("runs every item of the add-on's menu; Explain selected lead shows a dialog on the selected row", async () => {
    const captions = session.runtime.ui.menuItems().map((i) => i.caption);
    expect(captions.length).toBeGreaterThanOrEqual(6);
    await cell(TAB.leads, 3, 1).click();
    const email = String(values(TAB.leads)[2][0]);
    for (const caption of captions) {
      const result = await clickMenu(caption);
      expect(result.error, caption).toBeUndefined();
      expect(result.events.length, caption).toBeGreaterThan(0);
      const dialog = page.getByRole("dialog");
      if (result.events.some((e) => e.kind === "dialog")) {
        const body = dialog.frameLocator("iframe");
        await body.getByText(email).first().waitFor();
        expect(await dialog.locator("iframe").getAttribute("sandbox")).toBe("allow-scripts");
        await screenshot(page, "workbook-page-explain", false);
        await dialog.getByRole("button", { name: "Close" }).click();
      }
      if (result.events.some((e) => e.kind === "alert"))
        await page.getByRole("alertdialog").getByRole("button", { name: "OK" }).click();
    }
    await page.locator(".toast").first().waitFor();
    await screenshot(page, "workbook-page-menu-run", false);
  });

  it("Save writes the edit to the CSV file and leaves every other byte as it was", async () => {
    const original = await readFile(join(DEMO, "Scoring Matrix.csv"), "utf8");
    await openTab(TAB.matrix);
    const points = column(TAB.matrix, "Points");
    await typeInto(TAB.matrix, EXEC_ROW, points, "40");

    // An output column is protected with a warning: Cancel keeps the value.
    await openTab(TAB.leads);
    const scoreCol = column(TAB.leads, "Score");
    const score = await cell(TAB.leads, 2, scoreCol).textContent();
    await cell(TAB.leads, 2, scoreCol).dblclick();
    await page.keyboard.type("999");
    await page.keyboard.press("Enter");
    const warning = page.getByRole("alertdialog", { name: "Heads up!" });
    await warning.waitFor();
    await warning.getByRole("button", { name: "Cancel" }).click();
    expect(await cell(TAB.leads, 2, scoreCol).textContent()).toBe(score);

    // A block pasted from a spreadsheet (TSV) lands at the selected cell.
    await openTab(TAB.lists);
    await cell(TAB.lists, 2, 1).click();
    const pasted = page.waitForResponse((r) => r.url().endsWith("/api/edit"));
    await grid(TAB.lists).evaluate((g) => {
      const data = new DataTransfer();
      data.setData("text/plain", "a.example\tb.example\r\nc.example\td.example\r\n");
      g.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await pasted;
    expect(
      values(TAB.lists)
        .slice(1, 3)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ["a.example", "b.example"],
      ["c.example", "d.example"],
    ]);
    const listsBefore = (await readFile(join(DEMO, "Lists.csv"), "utf8")).split("\n");

    await page.getByRole("button", { name: /^Save/ }).click();
    await page.getByText("Wrote").waitFor();
    const listsAfter = (await readFile(join(dir, "Lists.csv"), "utf8")).split("\n");
    expect(listsAfter.slice(1, 3)).toEqual(["a.example,b.example", "c.example,d.example"]);
    expect([...listsAfter.slice(0, 1), ...listsAfter.slice(3)]).toEqual([
      ...listsBefore.slice(0, 1),
      ...listsBefore.slice(3),
    ]);
    const lines = original.split("\n");
    const fields = lines[EXEC_ROW - 1].split(",");
    fields[points - 1] = "40";
    lines[EXEC_ROW - 1] = fields.join(",");
    expect(await readFile(join(dir, "Scoring Matrix.csv"), "utf8")).toBe(lines.join("\n"));
    expect(await readFile(join(dir, "Scoring Matrix.csv.bak"), "utf8")).toBe(original);
    // Leads: every original line is kept byte for byte; the add-on's output columns follow it.
    const leadsBefore = (await readFile(join(DEMO, "Leads.csv"), "utf8")).split("\n");
    const leadsAfter = (await readFile(join(dir, "Leads.csv"), "utf8")).split("\n");
    expect(leadsAfter).toHaveLength(leadsBefore.length);
    expect(leadsBefore.filter((line, i) => line && !leadsAfter[i].startsWith(`${line},`))).toEqual([]);
    const log = await readFile(join(dir, "Activity Log.csv"));
    expect(log.equals(await readFile(join(DEMO, "Activity Log.csv")))).toBe(true);
    await screenshot(page, "workbook-page-saved", false);
  });

  it("the schedule fires from the page and its email shows in the Outbox", async () => {
    const sb = lp.sidebar;
    await sb.getByRole("tab", { name: "Schedule" }).click();
    await sb.getByLabel("Rescore and notify on a schedule", { exact: true }).check();
    await sb.getByRole("button", { name: "Apply schedule" }).click();
    await sb.getByText(/Schedule set/).waitFor();

    await page.getByRole("button", { name: "Run schedule now" }).click(); // the first run records a baseline
    await expect.poll(() => session.runtime.runs.filter((r) => r.handler === "scheduledRun").length).toBe(1);
    await openTab(TAB.matrix);
    await typeInto(TAB.matrix, EXEC_ROW, column(TAB.matrix, "Points"), "90");
    const clock = await page.getByTestId("clock").textContent();
    await page.getByRole("button", { name: "+1 day" }).click();
    await expect.poll(() => page.getByTestId("clock").textContent()).not.toBe(clock);
    expect(session.runtime.clock.now()).toBe(DEFAULT_END.getTime() + 86_400_000);
    await page.getByRole("button", { name: "Run schedule now" }).click();
    await expect.poll(() => session.runtime.outbox.length).toBeGreaterThan(0);

    const mail = session.runtime.outbox[0];
    await page.getByRole("button", { name: /^Outbox \([1-9]/ }).click();
    const dialog = page.getByRole("dialog", { name: /^Outbox/ });
    await dialog.getByRole("button", { name: mail.subject }).first().click();
    await expect.poll(() => dialog.getByTestId("mail-subject").textContent()).toBe(mail.subject);
    expect(await dialog.locator("iframe").getAttribute("sandbox")).toBe("");
    await dialog.frameLocator("iframe").locator("body").waitFor();
    await screenshot(page, "workbook-page-outbox", false);
    await dialog.getByRole("button", { name: "Close" }).click();
    await openTab("Score History");
    expect(await grid("Score History").getByRole("row").count()).toBeGreaterThan(1);
    await screenshot(page, "workbook-page-score-history", false);
  });
});
