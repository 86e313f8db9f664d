// End to end in a real browser: the local page serving the BUILT dist/Code.js in the local runtime with the
// demo workbook, so the sidebar talks to the real server functions and the real Settings/Leads tabs.
import type { Browser, Frame } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { XSS_NAME } from "../../src/demo";
import type { LocalRuntime } from "../../src/local/gas";
import { demoTabs, loadAddon } from "../e2e/helpers";
import { type LocalPage, launchBrowser, openLocalPage, screenshot } from "./helpers";

let browser: Browser;
let runtime: LocalRuntime;
let lp: LocalPage;
let sb: Frame;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await lp?.close();
  await browser?.close();
});

beforeEach(async () => {
  await lp?.close();
  const addon = loadAddon(demoTabs());
  runtime = addon.runtime;
  addon.script.call("menuScoreAll");
  lp = await openLocalPage({ handle: addon.script, tabs: () => runtime.tabs(), browser });
  sb = lp.sidebar;
  await sb.getByRole("tab", { name: "Thresholds" }).waitFor();
});

const count = (tier: string) =>
  sb
    .locator(`[data-testid=tier-counts] tr[data-tier="${tier}"] [data-testid=count]`)
    .textContent()
    .then(Number);

const tierOfEveryLead = () => {
  const leads = runtime.values(TAB.leads);
  const [score, tier] = [findColumn(leads[0], "Score"), findColumn(leads[0], "Tier")];
  return leads.slice(1).map((r) => ({ score: Number(r[score]), tier: String(r[tier]) }));
};

describe("the sidebar on the real add-on", () => {
  it("previews counts live, then saves to the Settings tab and rescores the Tier column", async () => {
    await expect.poll(() => count("Hot")).toBe(tierOfEveryLead().filter((l) => l.tier === "Hot").length);
    const settingsBefore = runtime.values(TAB.settings);
    await sb.getByLabel("Tier 3 minimum score", { exact: true }).fill("45");
    const hot = await count("Hot");
    expect(hot).toBe(tierOfEveryLead().filter((l) => l.score >= 45 && l.score < 86).length);
    expect(runtime.values(TAB.settings)).toEqual(settingsBefore); // nothing saved yet

    await sb.getByRole("button", { name: "Save", exact: true }).filter({ visible: true }).click();
    await sb.getByText("Saved. Leads rescored.").waitFor();
    expect(runtime.values(TAB.settings)).toContainEqual(expect.arrayContaining(["Hot", 45]));
    const leads = tierOfEveryLead();
    expect(leads.filter((l) => l.tier === "Hot")).toHaveLength(hot);
    for (const l of leads)
      expect(l.tier).toBe(
        l.score >= 86 ? "Sales-ready" : l.score >= 45 ? "Hot" : l.score >= 31 ? "Warm" : "Cold",
      );
    await screenshot(lp.page, "real-addon-after-save", false);
  });

  it("shows the server's message when a save fails", async () => {
    runtime.holdLock("document");
    await sb.getByLabel("Tier 2 minimum score", { exact: true }).fill("25");
    await sb.getByRole("button", { name: "Save", exact: true }).filter({ visible: true }).click();
    await sb.getByRole("alert").filter({ hasText: "Another Leadscore run" }).waitFor();
    runtime.releaseLock("document");
  });

  it("looks up the lead named like HTML and shows it as text", async () => {
    await sb.getByRole("tab", { name: "Lookup" }).click();
    await sb.getByLabel("Name or email", { exact: true }).fill("onerror");
    const match = sb.getByTestId("matches").getByRole("button").first();
    await match.waitFor();
    expect(await match.textContent()).toContain(XSS_NAME);
    await match.click();
    await sb.getByTestId("explanation").waitFor();
    expect(await sb.locator("img").count()).toBe(0);
    expect(lp.dialogs).toEqual([]);
    expect(lp.errors).toEqual([]);
  });

  it("calibrates on the demo's real outcomes", async () => {
    await sb.getByRole("tab", { name: "Calibration" }).click();
    await sb.getByRole("button", { name: "Calibrate" }).click();
    const report = sb.getByTestId("calibration-report");
    await report.waitFor();
    expect(await report.textContent()).toMatch(/AUC/);
    expect(await report.locator("canvas").count()).toBe(4);
    const { scrollWidth, clientWidth } = await sb.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await screenshot(lp.page, "real-addon-calibration", false);
  });
});
