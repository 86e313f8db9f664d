// "New workbook from an export…" on the workbook page (issue 15: `leadscore init` "and the same from the
// local page"): a path typed into the dialog becomes a workbook on disk, made as init makes it, and the
// page switches to it, scored by the built dist/Code.js, with what was mapped shown.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIDEBAR_FUNCTIONS } from "../../src/contract";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import { openSession } from "../../src/local/open-session";
import type { LocalSession } from "../../src/local/session";
import { initFromExport } from "../../src/local/workbook/init-workbook";
import { builtSidebar, launchBrowser, openLocalPage, screenshot } from "./helpers";

const root = resolve(import.meta.dirname, "../..");
const DEMO = join(root, "examples/demo");
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), "leadscore-new-"));
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

// A HubSpot contacts export: its own header names, one lead a row, US dates (a day above 12 tells).
const EXPORT = [
  "Record ID,First Name,Last Name,Email,Job Title,Company Name,Industry,Number of Employees,Country/Region,Create Date",
  "1,Ann,Lee,ann@acme.com,VP Marketing,Acme,Software,450,United States,10/01/2026",
  "2,Bo,Kim,bo@gmail.com,Student,,Education,,India,10/13/2026",
  "3,Cy,Ode,cy@big.com,Chief Executive Officer,Big,Financial Services,9000,Germany,10/30/2026 4:05 PM",
].join("\r\n");

describe("New workbook from an export…", () => {
  it("creates the workbook next to the export, switches the page to it and shows what was mapped", async () => {
    const from = join(dir, "hubspot-contacts.csv");
    await writeFile(from, EXPORT);
    const open = async (workbook?: string) =>
      openSession({
        workbook,
        demo: DEMO,
        asOf: DEFAULT_END,
        timeZone: "UTC",
        code: await readFile(join(root, "dist/Code.js"), "utf8"),
        sidebarHtml: await builtSidebar(),
        fixedClock: true,
      });
    let session: LocalSession = await open();
    const lp = await openLocalPage({
      handle: session.script,
      tabs: () => session.runtime.tabs(),
      allow: SIDEBAR_FUNCTIONS,
      session,
      newWorkbook: async (path) => {
        const made = await initFromExport(path);
        session = await open(made.target);
        return { session, report: made.report };
      },
      browser,
    });
    const { page } = lp;
    try {
      await page.getByRole("grid", { name: TAB.leads }).waitFor();
      const newButton = page.getByRole("button", { name: "New workbook from an export…" });
      const dialog = page.getByRole("dialog", { name: "New workbook from an export" });
      const field = dialog.getByRole("textbox", { name: /Export file on this machine/ });
      const create = dialog.getByRole("button", { name: "Create workbook" });

      // A path that is not an export is refused with the reason, and nothing is created.
      await newButton.click();
      await field.fill(join(dir, "missing.csv"));
      await create.click();
      await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("does not exist");
      const notes = join(dir, "notes.txt");
      await writeFile(notes, "Email\nann@acme.com\n");
      await field.fill(notes);
      await create.click();
      await expect
        .poll(() => dialog.getByRole("alert").textContent())
        .toContain("is not a .csv or .xlsx file");

      await field.fill(from);
      await create.click();
      const report = dialog.getByRole("region", { name: "What was mapped" });
      await report.waitFor();
      const target = join(dir, "hubspot-contacts");
      expect(await report.textContent()).toContain(
        `Created the workbook ${target} around ${from}: 3 leads, key column "Email".`,
      );
      expect(await report.textContent()).toMatch(/→ "Number of Employees"/);
      // The page has no flags: the report says what it chose and where to change it.
      expect(await report.textContent()).toContain(
        'Dates in "Create Date": US (MM/DD/YYYY) (e.g. 10/13/2026). Settings ▸ Date format says US (MM/DD/YYYY)',
      );
      expect(await report.textContent()).not.toContain("--date-format");
      await screenshot(page, "new-workbook-from-export");
      await dialog.getByRole("button", { name: "Close" }).click();

      // The page now shows the new workbook, scored: its Leads are the export's rows.
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(target);
      const leads = page.getByRole("grid", { name: TAB.leads });
      await expect.poll(() => leads.getByRole("gridcell", { name: "cy@big.com" }).count()).toBe(1);
      const values = session.runtime.values(TAB.leads);
      const score = findColumn(values[0], "Score");
      expect(score).toBeGreaterThan(0);
      const scores = values.slice(1).map((r) => Number(r[score]));
      expect(new Set(scores).size).toBeGreaterThan(1); // the fit rules test the export's own columns
      expect((await readdir(target)).sort()).toEqual(
        expect.arrayContaining([
          "Activity Log.csv",
          "Leads.csv",
          "Lists.csv",
          "Scoring Matrix.csv",
          "Settings.csv",
        ]),
      );
      expect(await readFile(join(target, "Leads.csv"), "utf8")).toBe(EXPORT);
      const settings = session.runtime.values(TAB.settings);
      expect(settings.find((r) => r[0] === "Date format")?.[1]).toBe("US (MM/DD/YYYY)");

      // The same export again: the workbook there is not overwritten.
      await newButton.click();
      await field.fill(from);
      await create.click();
      await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("already holds a workbook");
      expect(existsSync(join(dir, "missing")) || existsSync(join(dir, "notes"))).toBe(false);
      expect(lp.errors).toEqual([]);
    } finally {
      await lp.close();
    }
  });
});
