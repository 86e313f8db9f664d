// The trigger budget through dist/Code.js: changes that cannot move scores run nothing, every triggered run
// is tallied per user and shown in the sidebar, the add-on coalesces edits near the quota, and a used-up
// quota is recorded and told. Also LEADSCORE with the Lists range as an argument.
import { describe, expect, it } from "vitest";
import { describeTriggerBudget } from "../../sidebar/logic/trigger-budget";
import type { SidebarState } from "../../src/contract";
import { TRIGGER_HANDLERS } from "../../src/contract";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { RUNTIME_EXCEEDED } from "../../src/local/gas/quotas";
import { demoTabs, loadAddon } from "./helpers";

const MIN = 60_000;
const USER = "owner@example.com";
const TALLY_KEY = "leadscore.triggerTally";

function autoScoring(options: Parameters<typeof loadAddon>[1] = {}) {
  const addon = loadAddon(demoTabs(), options);
  addon.script.call("menuScoreAll");
  addon.script.call("menuToggleAutoScoring");
  return addon;
}

const state = (addon: ReturnType<typeof loadAddon>) => addon.script.call("getSidebarState") as SidebarState;
const pendingRescores = (addon: ReturnType<typeof loadAddon>) =>
  addon.runtime.triggers.list.filter((t) => t.handler === TRIGGER_HANDLERS.debounced).length;
const leadCell = (addon: ReturnType<typeof loadAddon>, row: number, header: string) => {
  const leads = addon.runtime.values(TAB.leads);
  return leads[row - 1][findColumn(leads[0], header)];
};

/** Puts this user's tally at `minutes` used, as earlier triggered runs today would have. */
function usedToday(addon: ReturnType<typeof loadAddon>, minutes: number) {
  const since = addon.runtime.clock.now() - 60 * MIN;
  addon.runtime.properties.user
    .of(addon.runtime.env.options.user)
    .set(TALLY_KEY, JSON.stringify({ since, usedMs: minutes * MIN, runs: 40 }));
}

describe("changes that cannot affect scores", () => {
  it("a format change, or a tab Leadscore does not read, triggers no rescore; a row insert does", () => {
    const addon = autoScoring();
    const { runtime } = addon;
    runtime.fireChange("FORMAT");
    expect(pendingRescores(addon)).toBe(0);

    runtime.fireChange("INSERT_ROW"); // records the shape of the tabs read, and rescores
    expect(pendingRescores(addon)).toBe(1);
    runtime.advanceAndRun(MIN);
    expect(pendingRescores(addon)).toBe(0);

    runtime.peek(() => runtime.spreadsheet.insertSheet("Notes"));
    runtime.fireChange("INSERT_GRID");
    runtime.fireChange("OTHER");
    expect(pendingRescores(addon)).toBe(0);

    runtime.peek(() => runtime.spreadsheet.getSheetByName(TAB.lists)!.setName("Old lists"));
    runtime.fireChange("OTHER");
    expect(pendingRescores(addon)).toBe(1);
  });
});

describe("the daily tally", () => {
  it("grows with each triggered run and shows in the sidebar state", () => {
    const addon = autoScoring({ callCostMs: 2000 });
    const { runtime } = addon;
    expect(state(addon).triggerBudget).toMatchObject({ usedMinutes: 0, runs: 0, quotaMinutes: 90 });
    for (let i = 0; i < 3; i++) runtime.edit(`Leads!B${2 + i}`, `Renamed ${i}`);
    runtime.fireChange("FORMAT");
    const triggered = runtime.runs.filter((r) => r.kind === "installable");
    expect(triggered).toHaveLength(4);
    const budget = state(addon).triggerBudget;
    expect(budget.runs).toBe(4);
    const ranMinutes = triggered.reduce((s, r) => s + (r.runtimeMs ?? 0), 0) / MIN;
    expect(budget.usedMinutes).toBeGreaterThan(0);
    // The tally closes before its own property write, so it may miss a few seconds a run.
    expect(Math.abs(budget.usedMinutes - ranMinutes)).toBeLessThanOrEqual(1);
    expect(describeTriggerBudget(budget, "UTC").line).toBe(
      `Triggers used ${budget.usedMinutes} of 90 min today (yours, Leadscore only).`,
    );
  });
});

describe("near and past the quota", () => {
  it("past 80% coalesces edits into one debounced rescore and says so", () => {
    const addon = autoScoring();
    const { runtime } = addon;
    usedToday(addon, 75);
    runtime.clock.advance(MIN);
    const before = leadCell(addon, 2, "Scored At");
    runtime.edit("Leads!B2", "Somebody else");
    runtime.edit("Leads!B3", "Another one");
    // No incremental rescore ran: one full rescore is pending, 10 minutes out.
    expect(leadCell(addon, 2, "Scored At")).toEqual(before);
    expect(pendingRescores(addon)).toBe(1);
    const budget = state(addon).triggerBudget;
    expect(budget.backingOff).toBe(true);
    expect(budget.exhausted).toBe(false);
    expect(describeTriggerBudget(budget, "UTC").warning).toMatch(/rescored together every 10 minutes/);

    const runs = runtime.advanceAndRun(10 * MIN);
    expect(runs.map((r) => r.handler)).toEqual([TRIGGER_HANDLERS.debounced]);
    expect(pendingRescores(addon)).toBe(0);
  });

  it("when the quota is used up, the runtime refuses the triggers, the error is recorded and the sidebar tells the user", () => {
    const addon = autoScoring();
    const { runtime } = addon;
    usedToday(addon, 90);
    runtime.quotas.consume(USER, 90 * MIN);
    const [run] = runtime
      .edit("Leads!B2", "Somebody else", { throwOnError: false })
      .filter((r) => r.kind === "installable");
    expect(String(run.error)).toBe(`Error: ${RUNTIME_EXCEEDED}`);
    const budget = state(addon).triggerBudget;
    expect(budget.exhausted).toBe(true);
    expect(describeTriggerBudget(budget, "UTC").warning).toMatch(
      /trigger runtime is used up: Apps Script runs none of your triggers/,
    );
  });

  it("a Workspace quota in Settings moves the threshold", () => {
    const addon = autoScoring();
    const settings = addon.runtime.values(TAB.settings);
    const column = settings[0].indexOf("Setting") + 1;
    const row = settings.findIndex((r, i) => i > 0 && r[column - 1] === "") + 1 || settings.length + 1;
    addon.runtime.peek(() =>
      addon.runtime.spreadsheet
        .getSheetByName(TAB.settings)!
        .getRange(row, column, 1, 2)
        .setValues([["Trigger minutes per day", 360]]),
    );
    usedToday(addon, 75);
    const budget = state(addon).triggerBudget;
    expect(budget).toMatchObject({ quotaMinutes: 360, backingOff: false });
    const before = leadCell(addon, 2, "Scored At");
    addon.runtime.clock.advance(MIN);
    addon.runtime.edit("Leads!B2", "Somebody else");
    expect(leadCell(addon, 2, "Scored At")).not.toEqual(before);
  });
});

describe("LEADSCORE with the Lists range", () => {
  it("follows a list edit when Lists!A:C is an argument; the old call form still reads the Lists tab", () => {
    const addon = loadAddon(demoTabs());
    const { runtime, script } = addon;
    const v = (tab: string) => runtime.values(tab);
    const leads = v(TAB.leads);
    const call = (...extra: unknown[]) =>
      script.callAs(
        "CUSTOM_FUNCTION",
        "LEADSCORE",
        leads,
        v(TAB.activities),
        v(TAB.matrix),
        v(TAB.settings),
        ...extra,
      ) as unknown[][];
    const base = call();
    // The best-scored lead's domain goes into the Competitors list (a -50 rule).
    let best = 1;
    for (let i = 2; i < base.length; i++) if (Number(base[i][0]) > Number(base[best][0])) best = i;
    const domain = String(leads[best][findColumn(leads[0], "Email")]).split("@")[1];
    const lists = v(TAB.lists).map((r) => [...r]);
    const competitors = findColumn(lists[0], "Competitors");
    lists[1][competitors] = domain;

    expect(Number(call(lists)[best][0])).toBeLessThan(Number(base[best][0]));
    expect(Number(call("", lists)[best][0])).toBeLessThan(Number(base[best][0]));
    expect(call(v(TAB.lists))).toEqual(base);
    // Without the argument, the tab itself is read.
    runtime.peek(() =>
      runtime.spreadsheet
        .getSheetByName(TAB.lists)!
        .getRange(2, competitors + 1)
        .setValue(domain),
    );
    expect(call()[best]).toEqual(call(lists)[best]);
  });
});
