// The sidebar's server functions through dist/Code.js: plain JSON out, Settings as the source of truth.
import { describe, expect, it } from "vitest";
import type { FullCheck } from "../../src/contract";
import { parseSettings } from "../../src/core";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { XSS_NAME } from "../../src/demo";
import { demoTabs, loadAddon, tab } from "./helpers";

/** google.script.run passes only JSON-like values: a Date or function would be dropped or fail. */
function expectJson(value: unknown) {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
}

function scored() {
  const addon = loadAddon(demoTabs());
  addon.script.call("menuScoreAll");
  return addon;
}

describe("sidebar RPC", () => {
  it("getSidebarState reports settings, scores and problems as plain JSON", () => {
    const { runtime, script } = scored();
    const state = script.call("getSidebarState") as Record<string, unknown>;
    expectJson(state);
    const settings = parseSettings(runtime.values(TAB.settings)).settings;
    expect(state.tiers).toEqual(settings.tiers);
    expect((state.scores as number[]).length).toBe(2000);
    expect(state.groupNames).toEqual(["Fit", "Engagement"]);
    // The demo's 3 planted problems, and the starter rule on Form Submit, an event its log never has.
    expect((state.problems as unknown[]).length).toBe(4);
    expect((state.lastRun as { leadsScored: number }).leadsScored).toBe(2000);
  });

  it("getSidebarState says when a run last read every row, and when the next one will", () => {
    const { runtime, script } = loadAddon(demoTabs({ leads: 200, secondModel: false }));
    const check = () => (script.call("getSidebarState") as { fullCheck: FullCheck }).fullCheck;
    const now = () => new Date(runtime.clock.now()).toISOString();
    expect(check().at).toBeNull();
    script.call("menuScoreAll");
    const scored = now();
    expect(check()).toEqual({ at: scored, nextReadsAll: null });
    // Turning automatic scoring on forgets the states (edits made while it was off went unseen)...
    runtime.clock.advance(60_000);
    script.call("menuToggleAutoScoring");
    expect(check()).toEqual({ at: scored, nextReadsAll: expect.stringContaining("automatic scoring") });
    // ...so the next edit reads every row; the one after reads only what it touches.
    runtime.clock.advance(60_000);
    runtime.edit(`${TAB.leads}!C7`, "VP of Sales");
    const edited = now();
    expect(check()).toEqual({ at: edited, nextReadsAll: null });
    runtime.clock.advance(60_000);
    runtime.edit(`${TAB.leads}!C8`, "VP of Sales");
    expect(check()).toEqual({ at: edited, nextReadsAll: null });
  });

  it("getSidebarState says every run reads every row when the matrix uses what the states do not model", () => {
    const tabs = demoTabs({ leads: 200, secondModel: false });
    const matrix = tab(tabs, TAB.matrix)!;
    matrix[0].push("Only If");
    for (const row of matrix.slice(1)) row.push("");
    matrix[2][matrix[0].length - 1] = String(matrix[1][findColumn(matrix[0], "Rule")]);
    const { runtime, script } = loadAddon(tabs);
    script.call("menuScoreAll");
    const { fullCheck } = script.call("getSidebarState") as { fullCheck: FullCheck };
    expect(fullCheck.at).toBe(new Date(runtime.clock.now()).toISOString());
    expect(fullCheck.nextReadsAll).toMatch(/Only If.*every run reads every row/);
  });

  it("saveTiers writes the Settings tab and rescores the Tier column", () => {
    const { runtime, script } = scored();
    const tiers = [
      { name: "Cold", minScore: 0, notify: false },
      { name: "Warm", minScore: 20, notify: false },
      { name: "Hot", minScore: 40, notify: true },
    ];
    const state = script.call("saveTiers", tiers) as { tiers: unknown };
    expectJson(state);
    expect(state.tiers).toEqual(tiers);
    expect(parseSettings(runtime.values(TAB.settings)).settings.tiers).toEqual(tiers);
    const leads = runtime.values(TAB.leads);
    const [score, tier] = [findColumn(leads[0], "Score"), findColumn(leads[0], "Tier")];
    for (const row of leads.slice(1)) {
      const s = Number(row[score]);
      expect(row[tier]).toBe(s >= 40 ? "Hot" : s >= 20 ? "Warm" : "Cold");
    }
    // The old fourth tier row is blanked, not left behind.
    expect(parseSettings(runtime.values(TAB.settings)).settings.tiers).toHaveLength(3);
  });

  it("rejects invalid tiers with a message and changes nothing", () => {
    const { runtime, script } = scored();
    const before = runtime.values(TAB.settings);
    expect(() => script.call("saveTiers", [{ name: "", minScore: 0, notify: false }])).toThrow(
      /needs a name/,
    );
    expect(() => script.call("saveTiers", [{ name: "A", minScore: "x", notify: false }])).toThrow(
      /needs a number/,
    );
    expect(runtime.values(TAB.settings)).toEqual(before);
  });

  it("saveTiers checks tiers with the sidebar's validator: two tiers cannot start at one score", () => {
    const { runtime, script } = scored();
    const before = runtime.values(TAB.settings);
    const tiers = [
      { name: "Cold", minScore: 0, notify: false },
      { name: "Hot", minScore: 0, notify: true },
    ];
    expect(() => script.call("saveTiers", tiers)).toThrow("Two tiers start at 0.");
    expect(runtime.values(TAB.settings)).toEqual(before);
  });

  it("saveSettings updates a setting's row whatever spelling of its name the tab uses", () => {
    const tabs = demoTabs();
    const grid = tab(tabs, TAB.settings)!;
    const row = grid.findIndex((r) => r[0] === "Half-life days");
    grid[row][0] = "half life  Days";
    const { runtime, script } = loadAddon(tabs);
    script.call("saveSettings", { halfLifeDays: 14 });
    const after = runtime.values(TAB.settings);
    expect(after[row].slice(0, 2)).toEqual(["half life  Days", 14]);
    expect(after.filter((r) => /half/i.test(String(r[0])))).toHaveLength(1);
    expect(parseSettings(after).settings.halfLifeDays).toBe(14);
  });

  it("saveSettings writes half-life, group limits, grades and notification settings", () => {
    const { runtime, script } = scored();
    script.call("saveSettings", {
      halfLifeDays: 14,
      groupLimits: [{ group: "Engagement", min: null, max: 40 }],
      grades: [
        { name: "A", minPoints: 30 },
        { name: "B", minPoints: 0 },
      ],
      notifications: { emails: ["sales@example.com", "vp@example.com"], mode: "each", rearmMargin: 8 },
    });
    const settings = parseSettings(runtime.values(TAB.settings)).settings;
    expect(settings.halfLifeDays).toBe(14);
    expect(settings.groupLimits).toEqual([{ group: "Engagement", min: null, max: 40 }]);
    expect(settings.grades.map((g) => g.name)).toEqual(["B", "A"]);
    expect(settings.values["notify emails"]).toBe("sales@example.com, vp@example.com");
    expect(settings.values["notify mode"]).toBe("each");
    expect(settings.values["re-arm margin"]).toBe(8);
    const leads = runtime.values(TAB.leads);
    const engagement = findColumn(leads[0], "Engagement Score");
    expect(Math.max(...leads.slice(1).map((r) => Number(r[engagement])))).toBeLessThanOrEqual(40);
  });

  it("looks up leads by name or email and explains one, with names as data", () => {
    const { script } = scored();
    const matches = script.call("lookupLeads", "onerror") as { key: string; name: string }[];
    expectJson(matches);
    expect(matches.some((m) => m.name.includes(XSS_NAME))).toBe(true);
    const explanation = script.call("explainLead", matches[0].key) as {
      key: string;
      rules: unknown[];
      asOf: string;
    };
    expectJson(explanation);
    expect(explanation.key).toBe(matches[0].key);
    expect(typeof explanation.asOf).toBe("string");
    expect(() => script.call("explainLead", "nobody@nowhere.test")).toThrow(/No lead with Email/);
  });

  it("setSchedule installs exactly one trigger and removes it", () => {
    const { runtime, script } = scored();
    script.call("setSchedule", { kind: "everyHours", hours: 4 });
    script.call("setSchedule", { kind: "daily", atHour: 7 });
    expect(runtime.triggers.list.filter((t) => t.handler === "scheduledRun")).toHaveLength(1);
    const state = script.call("getSidebarState") as { schedule: unknown };
    expect(state.schedule).toEqual({ kind: "daily", atHour: 7 });
    expect(() => script.call("setSchedule", { kind: "everyHours", hours: 3 })).toThrow(
      /N = 1, 2, 4, 6, 8, 12/,
    );
    script.call("setSchedule", null);
    expect(runtime.triggers.list.filter((t) => t.handler === "scheduledRun")).toHaveLength(0);
  });

  it("selectCell activates the offending cell", () => {
    const { runtime, script } = scored();
    script.call("selectCell", TAB.matrix, 5, "Points");
    const range = runtime.peek(() => runtime.spreadsheet.getActiveRange()!);
    expect(runtime.peek(() => range.getSheet().getName())).toBe(TAB.matrix);
    expect(runtime.peek(() => range.getA1Notation())).toBe(`${String.fromCharCode(65 + 8)}5`);
  });
});
