// The sidebar in a real browser, on the local page, against the in-memory FakeApi.
import type { Browser, Frame } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeApi, XSS_NAME } from "./fake-api";
import { type LocalPage, launchBrowser, layoutSettled, openLocalPage, screenshot } from "./helpers";

let browser: Browser;
let api: FakeApi;
let lp: LocalPage;
let sb: Frame;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

beforeEach(async (ctx) => {
  await lp?.close();
  api = new FakeApi();
  lp = await openLocalPage({ handle: api.handle(), tabs: () => api.tabs(), browser });
  sb = lp.sidebar;
  await sb.getByRole("tab", { name: "Thresholds" }).waitFor();
  ctx.onTestFinished(async () => {
    expect(lp.errors, "uncaught errors in the page").toEqual([]);
  });
});
afterAll(async () => {
  await lp?.close();
});

const count = (tier: string) =>
  sb
    .locator(`[data-testid=tier-counts] tr[data-tier="${tier}"] [data-testid=count]`)
    .textContent()
    .then(Number);

async function openPanel(name: string) {
  await sb.getByRole("tab", { name }).click();
  await sb.getByRole("tabpanel").filter({ visible: true }).waitFor();
}

async function apiTabs(): Promise<{ name: string; values: unknown[][] }[]> {
  const res = await fetch(new URL("/api/tabs", lp.server.url));
  return (await res.json()) as { name: string; values: unknown[][] }[];
}

describe("thresholds", () => {
  it("counts change live while typing and dragging, before saving", async () => {
    const hot0 = await count("Hot");
    const warm0 = await count("Warm");
    expect(hot0 + warm0).toBeGreaterThan(0);
    await sb.getByLabel("Tier 3 minimum score", { exact: true }).fill("45");
    const hot1 = await count("Hot");
    expect(hot1).toBeGreaterThan(hot0);
    expect((await count("Warm")) + hot1).toBe(warm0 + hot0);
    // Dragging the slider (keyboard drives the same input events).
    const slider = sb.getByLabel("Drag tier 3 minimum score", { exact: true });
    await slider.focus();
    for (let i = 0; i < 10; i++) await slider.press("ArrowRight");
    expect(await sb.getByLabel("Tier 3 minimum score", { exact: true }).inputValue()).toBe("55");
    expect(await count("Hot")).toBeLessThanOrEqual(hot1);
    // Nothing was saved: the server was not called and the sheet still holds the old threshold.
    expect(api.calls.filter((c) => c !== "getSidebarState")).toEqual([]);
    expect(api.tiers[2].minScore).toBe(61);
    await expect.poll(() => sb.getByText("Unsaved changes").isVisible()).toBe(true);
    await screenshot(lp.page, "local-page-thresholds-editing", false);
  });

  it("save writes the Settings tab and the Tier column, and the page tables follow", async () => {
    const before = await apiTabs();
    const leadsBefore = before.find((t) => t.name === "Leads")!.values;
    await sb.getByLabel("Tier 3 minimum score", { exact: true }).fill("40");
    const hot = await count("Hot");
    await sb.getByRole("button", { name: "Save", exact: true }).filter({ visible: true }).click();
    await sb.getByText("Saved. Leads rescored.").waitFor();
    expect(api.calls).toContain("saveTiers");
    expect(await count("Hot")).toBe(hot);

    const after = await apiTabs();
    const settings = after.find((t) => t.name === "Settings")!.values;
    expect(settings).toContainEqual(["Hot", 40, false]);
    const leads = after.find((t) => t.name === "Leads")!.values;
    const tierCol = (leads[0] as string[]).indexOf("Tier");
    const changed = leads.filter((r, i) => i > 0 && r[tierCol] !== leadsBefore[i][tierCol]);
    expect(changed.length).toBeGreaterThan(0);
    expect(leads.slice(1).filter((r) => r[tierCol] === "Hot").length).toBe(hot);
    // Dates leave the bridge as ISO strings.
    expect(leads[1][(leads[0] as string[]).indexOf("Created")]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );

    // The page's Settings table shows the new threshold without a reload.
    await lp.page.getByRole("tab", { name: "Settings" }).click();
    await expect
      .poll(() => lp.page.locator("#grid [role=gridcell]").filter({ hasText: /^40$/ }).count())
      .toBeGreaterThan(0);
    await screenshot(lp.page, "local-page-after-save", false);
  });

  it("a server error shows its message and keeps the edits", async () => {
    api.failNext("saveTiers", "The Settings tab is protected: ask the owner for edit access.");
    await sb.getByLabel("Tier 2 minimum score", { exact: true }).fill("25");
    await sb.getByRole("button", { name: "Save", exact: true }).filter({ visible: true }).click();
    const alert = sb.getByRole("alert").filter({ hasText: "The Settings tab is protected" });
    await alert.waitFor();
    expect(await sb.getByLabel("Tier 2 minimum score", { exact: true }).inputValue()).toBe("25");
    expect(api.tiers[1].minScore).toBe(31);
  });

  it("invalid drafts are explained and cannot be saved", async () => {
    await sb.getByLabel("Tier 1 name", { exact: true }).fill("");
    await sb.getByLabel("Tier 4 minimum score", { exact: true }).fill("61");
    await sb.getByText("Tier 1 needs a name.").waitFor();
    await sb.getByText("Two tiers start at 61.").waitFor();
    expect(
      await sb.getByRole("button", { name: "Save", exact: true }).filter({ visible: true }).isDisabled(),
    ).toBe(true);
  });
});

describe("loading and errors", () => {
  it("a failed first load shows the message and a retry", async () => {
    api.failNext("getSidebarState", "Exceeded maximum execution time");
    await sb.evaluate(() => location.reload());
    await sb.waitForLoadState();
    await sb.getByRole("alert").filter({ hasText: "Exceeded maximum execution time" }).waitFor();
    await sb.getByRole("button", { name: "Try again" }).click();
    await sb.getByRole("tab", { name: "Thresholds" }).waitFor();
  });

  it("an unknown or private function is refused by the bridge", async () => {
    const post = (name: string) =>
      fetch(new URL(`/rpc/${name}`, lp.server.url), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ args: [] }),
      });
    expect((await post("nope")).status).toBe(404);
    expect((await post("tabs")).status).toBe(404);
    expect((await post("getSidebarState")).status).toBe(200);
  });
});

describe("account lookup", () => {
  it("finds an account by part of its name and explains one of its leads on a click", async () => {
    await openPanel("Lookup");
    const expected = api.lookupAccounts("dijkstra")[0];
    await sb.getByLabel("Account", { exact: true }).fill("DIJKSTRA");
    const match = sb.getByTestId("account-match").first();
    await match.waitFor();
    const text = await match.textContent();
    expect(text).toContain(expected.name);
    expect(text).toContain(`#${expected.rank} of ${expected.of}`);
    await match.getByRole("button", { name: expected.members[0].key }).click();
    await sb.getByTestId("explanation").waitFor();
  });
});

describe("untrusted text", () => {
  it("a lead named like HTML appears as text and runs nothing", async () => {
    await openPanel("Lookup");
    await sb.getByLabel("Name or email", { exact: true }).fill("img");
    const match = sb.getByTestId("matches").getByRole("button").first();
    await match.waitFor();
    expect(await match.textContent()).toContain(XSS_NAME);
    await match.click();
    await sb.getByTestId("explanation").waitFor();
    expect(await sb.locator(".lead-head").textContent()).toBe(`${XSS_NAME} Dijkstra`);
    expect(await sb.getByTestId("explanation").textContent()).toContain("& Sons <script>");
    // Pending notifications on the Schedule panel carry the name too.
    await openPanel("Schedule");
    expect(await sb.getByRole("table", { name: "Pending notifications" }).textContent()).toContain(XSS_NAME);
    // And the page's Leads table.
    await lp.page.getByRole("tab", { name: "Leads" }).click();
    // Once the name is rendered there is nothing to wait for: its onerror could only run from an injected
    // <img>, and one would be counted below.
    await lp.page.locator("#grid [role=gridcell]").filter({ hasText: XSS_NAME }).first().waitFor();
    expect(await sb.locator("img").count()).toBe(0);
    expect(await lp.page.locator("#grid img").count()).toBe(0);
    expect(await sb.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await lp.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(lp.dialogs).toEqual([]);
    await screenshot(lp.page, "local-page-lookup", false);
  });
});

describe("lead lookup", () => {
  it("shows Priority, each Only If rule with its conditions, and the resets", async () => {
    await openPanel("Lookup");
    await sb.getByLabel("Name or email", { exact: true }).fill("Grace");
    await sb.getByTestId("matches").getByRole("button").first().click();
    await sb.getByTestId("explanation").waitFor();
    const text = await sb.getByTestId("explanation").textContent();
    expect(text).toMatch(/PriorityA2|PriorityB2/);
    expect(await sb.getByTestId("only-if").textContent()).toBe(
      "Exec on pricing: not countedDecision maker \u2713, not Student \u2717",
    );
    expect(await sb.getByTestId("resets").textContent()).toMatch(
      /^Unsubscribed on Oct 10, 2026, .+: erased 3 earlier Engagement activities$/,
    );
  });
});

describe("layout and accessibility", () => {
  const PANELS = [
    "Thresholds",
    "Decay",
    "Groups",
    "Schedule",
    "Problems",
    "Lookup",
    "Calibration",
    "BigQuery",
  ];

  it("every panel fits 300 px without horizontal scrolling", async () => {
    expect(await lp.page.locator("iframe#sidebar").evaluate((f) => f.getBoundingClientRect().width)).toBe(
      300,
    );
    for (const name of PANELS) {
      await openPanel(name);
      // A chart sizes its canvas once laid out: measure the panel as it ends up, not while it settles.
      await layoutSettled(sb);
      const { scrollWidth, clientWidth } = await sb.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, name).toBeLessThanOrEqual(clientWidth);
      // No single element sticks out to the right either (overflow-x is hidden on the body).
      const overflow = await sb.evaluate(() =>
        Array.from(document.querySelectorAll("main *"))
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((e) => e.outerHTML.slice(0, 80)),
      );
      expect(overflow, name).toEqual([]);
    }
  });

  it("every control has an accessible name", async () => {
    for (const name of PANELS) {
      await openPanel(name);
      if (name === "Lookup") {
        await sb.getByLabel("Name or email", { exact: true }).fill("Grace");
        await sb.getByTestId("matches").getByRole("button").first().click();
        await sb.getByTestId("explanation").waitFor();
      }
      const unnamed = await sb.evaluate(() =>
        Array.from(document.querySelectorAll("input, select, textarea, button"))
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .filter((e) => {
            const el = e as HTMLInputElement;
            if (el.getAttribute("aria-label")?.trim()) return false;
            if (el.labels && el.labels.length > 0) return false;
            if (el.tagName === "BUTTON" && el.textContent?.trim()) return false;
            return true;
          })
          .map((e) => e.outerHTML.slice(0, 100)),
      );
      expect(unnamed, name).toEqual([]);
    }
  });

  it("is keyboard reachable: tab to the panels, switch with Enter, edit and save", async () => {
    await sb.locator("body").focus();
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await sb.page().keyboard.press("Tab");
      const label = await sb.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? el.getAttribute("aria-label") || el.textContent?.trim() || el.id : "";
      });
      seen.push(label ?? "");
    }
    for (const want of ["Thresholds", "Decay", "Lookup", "Tier 1 name", "Tier 1 minimum score", "Add tier"])
      expect(seen, want).toContain(want);
    // Switch panels and type with the keyboard only.
    await sb.getByRole("tab", { name: "Decay" }).focus();
    await sb.page().keyboard.press("Enter");
    await sb.getByLabel("Default half-life (days)", { exact: true }).focus();
    await sb.page().keyboard.press("Control+A");
    await sb.page().keyboard.type("14");
    await sb.getByText("7.1 pts").waitFor(); // 10 points after 7 days at a 14-day half-life
    await sb.page().keyboard.press("Tab");
    // The half-life help text is not focusable; Tab goes on to Save.
    for (let i = 0; i < 3 && (await sb.evaluate(() => document.activeElement?.textContent)) !== "Save"; i++)
      await sb.page().keyboard.press("Tab");
    await sb.page().keyboard.press("Enter");
    await sb.getByText("Saved. Leads rescored.").filter({ visible: true }).waitFor();
    expect(api.halfLifeDays).toBe(14);
  });
});

describe("other panels", () => {
  it("keeps what is typed into a panel the moment it opens", async () => {
    // Click the tab and type in one go, before Preact runs the new panel's effects after the next paint:
    // a draft reset on mount would put the saved half-life back over the typing.
    const typed = await sb.evaluate(async () => {
      const afterEffects = () =>
        new Promise<void>((done) => requestAnimationFrame(() => setTimeout(() => setTimeout(done))));
      const tab = Array.from(document.querySelectorAll<HTMLElement>("[role=tab]")).find(
        (t) => t.textContent?.trim() === "Decay",
      );
      tab?.click();
      let input: HTMLInputElement | null = null;
      for (let i = 0; i < 50 && !input; i++) {
        await Promise.resolve(); // renders run as microtasks; effects wait for a frame
        input = document.querySelector<HTMLInputElement>("#half-life");
      }
      if (!input) return "no half-life input";
      input.value = "21";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await afterEffects();
      await afterEffects();
      return document.querySelector<HTMLInputElement>("#half-life")?.value;
    });
    expect(typed).toBe("21");
    await sb.getByText("7.9 pts").waitFor(); // 10 points after 7 days at a 21-day half-life
  });

  it("problems select the offending cell, and the page jumps to it", async () => {
    await openPanel("Problems");
    const items = sb.getByTestId("problems").locator("li");
    expect(await items.count()).toBe(2);
    expect(await items.first().textContent()).toContain("Not an email address: <b>ada at example</b>");
    await sb.getByRole("button", { name: "Go to Leads, row 7, Email" }).click();
    await expect.poll(() => api.selected).toEqual([{ tab: "Leads", row: 7, column: "Email" }]);
    await lp.page
      .locator("#grid [role=row][aria-rowindex='7'] [role=gridcell][aria-selected=true]")
      .waitFor();
    expect(await lp.page.getByRole("tab", { name: "Leads" }).getAttribute("aria-selected")).toBe("true");
  });

  it("schedule and notifications save through setSchedule and saveSettings", async () => {
    await openPanel("Schedule");
    await sb.getByLabel("Rescore and notify on a schedule", { exact: true }).check();
    await sb.getByLabel("Frequency", { exact: true }).selectOption("everyHours");
    await sb.getByLabel("Every", { exact: true }).selectOption("4");
    await sb.getByRole("button", { name: "Apply schedule" }).click();
    await sb.getByText("Schedule set: every 4 hours.").waitFor();
    expect(api.schedule).toEqual({ kind: "everyHours", hours: 4 });
    await sb.getByText("Current: Every 4 hours").waitFor();
    // Whose triggers run it, for every editor to see (the fake names ana as the schedule's owner).
    await sb.getByText("Runs under ana@example.com, every 4 hours.", { exact: false }).waitFor();
    await sb
      .getByText("Runs under ben@example.com, on every edit and form response.", { exact: false })
      .waitFor();

    await sb.getByLabel("Recipients", { exact: true }).fill("a@example.com, b@example.com");
    await sb.getByLabel("One email per lead", { exact: true }).check();
    await sb.getByLabel("Re-arm margin (points)", { exact: true }).fill("8");
    await sb.getByRole("tabpanel").filter({ visible: true }).getByRole("button", { name: "Save" }).click();
    await sb.getByText("Saved.", { exact: true }).waitFor();
    expect(api.notifications).toEqual({
      emails: ["a@example.com", "b@example.com"],
      ownerColumn: "Owner",
      mode: "each",
      rearmMargin: 8,
    });
    await sb.getByLabel("Recipients", { exact: true }).fill("not-an-address");
    await sb.getByText("Not an email address: not-an-address").waitFor();
  });

  it("group caps and grades save through saveSettings", async () => {
    await openPanel("Groups");
    await sb.getByLabel("Cap 1 maximum points", { exact: true }).fill("40");
    await sb.getByLabel("Grade 1 minimum points", { exact: true }).fill("45");
    await sb.getByRole("tabpanel").filter({ visible: true }).getByRole("button", { name: "Save" }).click();
    await sb.getByText("Saved. Leads rescored.").filter({ visible: true }).waitFor();
    expect(api.groupLimits[0]).toEqual({ group: "Fit", min: null, max: 40 });
    expect(api.grades[0]).toEqual({ name: "A", minPoints: 45 });
  });

  it("bigquery: saves the tables, shows the SQL, runs only where the deployment can", async () => {
    await openPanel("BigQuery");
    const panel = sb.getByRole("tabpanel").filter({ visible: true });
    await panel.getByText("This deployment has no BigQuery access").waitFor();
    expect(await panel.getByRole("button", { name: "Score in BigQuery now" }).isDisabled()).toBe(true);
    await panel.getByText("Reads leads and activities.").waitFor();
    await sb.getByLabel("Project ID", { exact: true }).fill("acme-leads");
    await sb.getByLabel("Dataset", { exact: true }).fill("crm");
    await panel.getByRole("button", { name: "Save" }).click();
    await panel.getByText("Saved to the Settings tab.").waitFor();
    expect(api.bigQuery).toMatchObject({ project: "acme-leads", dataset: "crm", activitiesTable: "" });
    // Blank tables show the names the query resolves them to.
    await panel.getByText("Reads acme-leads.crm.leads and acme-leads.crm.activities.").waitFor();
    await panel.getByRole("button", { name: "Copy SQL" }).click();
    await expect
      .poll(() => sb.getByLabel("Scoring query", { exact: true }).inputValue())
      .toContain("acme-leads.crm.leads");
    await panel.getByText("Columns mapped in Settings: Email ← email_address.").waitFor();
  });

  it("bigquery: Score in BigQuery now reports how many leads came back", async () => {
    api.bigQuery.enabled = true;
    await openPanel("BigQuery");
    const panel = sb.getByRole("tabpanel").filter({ visible: true });
    await sb.getByLabel("Leads to bring back (best first)", { exact: true }).fill("3");
    await panel.getByRole("button", { name: "Score in BigQuery now" }).click();
    await panel
      .getByText(/Scored \d+ leads in BigQuery; the top 3 are in the BigQuery Scores tab\./)
      .waitFor();
    await screenshot(lp.page, "sidebar-bigquery", false);
  });

  it("models: the Calibration panel's Model list asks for the chosen model; pending alerts name theirs", async () => {
    api.models = ["Enterprise"];
    await sb.evaluate(() => location.reload()); // the pending list comes with the state, loaded once
    await sb.waitForLoadState();
    await sb.getByRole("tab", { name: "Thresholds" }).waitFor();
    await openPanel("Calibration");
    await sb.getByLabel("Model", { exact: true }).selectOption("Enterprise");
    await sb.getByRole("button", { name: "Calibrate" }).click();
    const report = sb.getByTestId("calibration-report");
    await report.waitFor();
    expect(await report.locator("dt", { hasText: "Model" }).locator("+ dd").textContent()).toBe("Enterprise");
    await sb.getByRole("button", { name: "Suggest points" }).click();
    await expect.poll(() => api.lastSuggest?.model).toBe("Enterprise");
    await openPanel("Schedule");
    const rows = sb.getByRole("table", { name: "Pending notifications" }).locator("tbody tr");
    expect(await rows.locator("td:nth-child(2)").allTextContents()).toEqual(["Default", "Enterprise"]);
  });

  it("calibration: report, charts, suggested points, apply and history", async () => {
    await openPanel("Calibration");
    await expect.poll(() => sb.getByLabel("Outcome column", { exact: true }).inputValue()).toBe("Converted");
    await sb.getByRole("button", { name: "Calibrate" }).click();
    const report = sb.getByTestId("calibration-report");
    await report.waitFor();
    expect(await report.textContent()).toContain("0.781");
    expect(await report.textContent()).toContain("Company is <b>Acme</b>");
    expect(await sb.locator("b").count()).toBe(0);
    expect(await report.locator("canvas").count()).toBe(4);
    await sb.getByRole("button", { name: "Create chart tab" }).click();
    await sb.getByText("Charts created on the Calibration tab.").waitFor();

    // Only outcome-like columns are offered; the leaky ones start ticked under Leave out.
    const options = await sb
      .getByLabel("Outcome column", { exact: true })
      .locator("option")
      .allTextContents();
    expect(options).toEqual(["Default (Settings)", "Converted"]);
    expect(await sb.getByLabel("Converted At", { exact: true }).isChecked()).toBe(true);
    expect(await sb.getByLabel("Converted", { exact: true }).count()).toBe(0); // the outcome itself
    await sb.getByLabel("Lead Quality", { exact: true }).check();
    await sb.getByRole("button", { name: "Suggest points" }).click();
    await sb.getByTestId("suggest-summary").waitFor();
    expect(api.lastSuggest).toEqual({
      outcomeColumn: "Converted",
      exclude: ["Converted At", "Lead Quality"],
      maxRules: 40,
    });
    expect(await sb.getByTestId("suggest-summary").textContent()).toContain("250 held-out leads");
    await sb.getByRole("button", { name: "Review before applying" }).click();
    const preview = sb.getByTestId("apply-preview");
    await preview.waitFor();
    expect(await preview.textContent()).toContain("ranks leads better than the current matrix");
    expect(await preview.textContent()).toContain("Every lead starts at 32 points");
    const hot = preview.getByRole("row").filter({ hasText: "Hot" });
    expect(await hot.getByRole("cell").allTextContents()).toEqual(["Hot", "40", "55"]);
    await sb.getByRole("button", { name: "Apply suggested matrix" }).click();
    await sb.getByText("Suggested matrix applied. Leads rescored.").waitFor();
    await expect.poll(() => sb.getByRole("button", { name: /^Restore the matrix/ }).count()).toBe(2);

    const { scrollWidth, clientWidth } = await sb.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });

  it("screenshots of every panel at 300 px", async () => {
    const page = await browser.newPage({ viewport: { width: 300, height: 700 } });
    try {
      await page.goto(new URL("/sidebar", lp.server.url).toString());
      await page.getByRole("tab", { name: "Thresholds" }).waitFor();
      await page.getByLabel("Tier 3 minimum score", { exact: true }).fill("52");
      await screenshot(page, "sidebar-thresholds");
      for (const name of ["Decay", "Groups", "Schedule", "Problems"]) {
        await page.getByRole("tab", { name }).click();
        await layoutSettled(page);
        await screenshot(page, `sidebar-${name.toLowerCase()}`);
      }
      await page.getByRole("tab", { name: "Lookup" }).click();
      await page.getByLabel("Name or email", { exact: true }).fill("grace");
      await page.getByTestId("matches").getByRole("button").first().click();
      await page.getByTestId("explanation").waitFor();
      await screenshot(page, "sidebar-lookup");
      await page.getByRole("tab", { name: "Calibration" }).click();
      await page.getByRole("button", { name: "Calibrate" }).click();
      await page.getByTestId("calibration-report").waitFor();
      await layoutSettled(page);
      await screenshot(page, "sidebar-calibration");
    } finally {
      await page.close();
    }
  });
});
