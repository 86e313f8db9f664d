// In a real browser on the real add-on (the BUILT dist/Code.js in the local runtime): the Calibration panel
// offers only outcome-like columns, leaves the leaky ones out by default, and shows what applying the
// suggestion would change before it applies it.
import type { Browser, Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplyPreview } from "../../src/contract";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import type { LocalRuntime, ScriptHandle } from "../../src/local/gas";
import { demoTabs, loadAddon } from "../e2e/helpers";
import { type LocalPage, launchBrowser, layoutSettled, openLocalPage, screenshot } from "./helpers";

let browser: Browser;
let runtime: LocalRuntime;
let script: ScriptHandle;
let lp: LocalPage;
let sb: Frame;

beforeAll(async () => {
  browser = await launchBrowser();
  const addon = loadAddon(demoTabs({ leads: 800 }));
  runtime = addon.runtime;
  script = addon.script;
  script.call("menuScoreAll");
  lp = await openLocalPage({ handle: script, tabs: () => runtime.tabs(), browser });
  sb = lp.sidebar;
  await sb.getByRole("tab", { name: "Calibration" }).click();
});
afterAll(async () => {
  await lp?.close();
  await browser?.close();
});

describe("Suggest points on the real add-on", () => {
  it("offers only outcome columns, and ticks the conversion date under Leave out", async () => {
    const outcome = sb.getByLabel("Outcome column", { exact: true });
    await expect.poll(() => outcome.inputValue()).toBe("Converted");
    expect(await outcome.locator("option").allTextContents()).toEqual(["Default (Settings)", "Converted"]);
    expect(await sb.getByLabel("Converted At", { exact: true }).isChecked()).toBe(true);
    expect(await sb.getByLabel("Job Title", { exact: true }).isChecked()).toBe(false);
    for (const never of ["Email", "Score", "Tier", "Top Reasons", "Fit Score"]) {
      expect(await sb.getByLabel(never, { exact: true }).count(), never).toBe(0);
    }
  });

  it("shows the apply preview (tiers now and after, both AUCs, the verdict) before applying", async () => {
    const matrixBefore = runtime.values(TAB.matrix);
    await sb.getByRole("button", { name: "Suggest points" }).click();
    await sb.getByTestId("suggest-summary").waitFor({ timeout: 120_000 });
    await sb.getByRole("button", { name: "Review before applying" }).click();
    const preview = sb.getByTestId("apply-preview");
    await preview.waitFor();
    const expected = script.call("previewSuggestedMatrix") as ApplyPreview;
    const text = (await preview.textContent()) ?? "";
    expect(text).toContain(expected.verdict);
    expect(text).toContain(expected.measuredOn);
    expect(text).toContain(`Every lead starts at ${expected.baselinePoints} points`);
    for (const t of expected.tiers) {
      const row = preview
        .getByRole("row")
        .filter({ has: sb.getByRole("cell", { name: t.tier, exact: true }) });
      expect(await row.getByRole("cell").allTextContents()).toEqual([
        t.tier,
        String(t.before),
        String(t.after),
      ]);
    }
    expect(runtime.values(TAB.matrix)).toEqual(matrixBefore); // nothing applied yet
    await layoutSettled(lp.page);
    await preview.scrollIntoViewIfNeeded();
    await screenshot(lp.page, "sidebar-apply-preview", false);

    const apply = expected.better ? "Apply suggested matrix" : "Apply anyway";
    await sb.getByRole("button", { name: apply }).click();
    await sb.getByText("Suggested matrix applied. Leads rescored.").waitFor();
    expect(findColumn(runtime.values(TAB.leads)[0], "Baseline Score")).toBeGreaterThan(0);
  });
});
