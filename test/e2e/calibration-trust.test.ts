// Calibration you can trust, through the built dist/Code.js: the apply preview (tier counts before/after,
// both AUCs on the same leads, a plain "not better" verdict), Restore removing the output columns a
// suggestion added but never a user's column, the Baseline rule shown plainly, and no CLI wording.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ApplyPreview, SuggestSummary } from "../../src/contract";
import { MATRIX_COLUMNS, scoreWorkbook } from "../../src/core";
import { calibrate } from "../../src/core/calibration";
import { findColumn } from "../../src/core/headers";
import { type CellValue, type Grid, TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import type { TabValues } from "../../src/local/gas";
import { matrixRows } from "../../src/sheets/matrix-tab";
import { demoTabs, inputOf, loadAddon } from "./helpers";

const SUGGESTED = "Suggested Matrix";
const options = { asOf: DEFAULT_END, timeZone: "UTC" };

function tierCounts(tabs: TabValues[], matrix: Grid): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of scoreWorkbook({ ...inputOf(tabs), matrix }, options).leads) {
    counts.set(l.tier, (counts.get(l.tier) ?? 0) + 1);
  }
  return counts;
}

const asMatrix = (tab: Grid): Grid => [[...MATRIX_COLUMNS], ...matrixRows(tab)];

/** A1 address of a cell on a tab (columns up to Z are enough for these tabs). */
const a1 = (tab: string, row: number, col0: number) => `'${tab}'!${String.fromCharCode(65 + col0)}${row}`;

describe("the apply preview", () => {
  const tabs = demoTabs({ secondModel: false });
  const { runtime, script } = loadAddon(tabs);
  const starter = inputOf(tabs).matrix!;
  const summary = script.call("suggestPoints", {}) as SuggestSummary;
  const preview = script.call("previewSuggestedMatrix") as ApplyPreview;
  const suggested = runtime.values(SUGGESTED);

  it("counts each tier now and with the suggestion, scored as the engine scores them", () => {
    const before = tierCounts(tabs, starter);
    const after = tierCounts(tabs, asMatrix(suggested));
    expect(preview.tiers.map((t) => t.tier)).toEqual(expect.arrayContaining(["Cold", "Warm", "Hot"]));
    for (const t of preview.tiers) {
      expect(t.before, t.tier).toBe(before.get(t.tier) ?? 0);
      expect(t.after, t.tier).toBe(after.get(t.tier) ?? 0);
    }
    const total = (k: "before" | "after") => preview.tiers.reduce((s, t) => s + t[k], 0);
    expect(total("before")).toBe(inputOf(tabs).leads.length - 1);
    expect(total("after")).toBe(total("before"));
    expect(preview.tiers.some((t) => t.before !== t.after)).toBe(true);
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
  });

  it("gives the fit's held-out AUCs, says so, and the verdict that follows from them", () => {
    expect(preview.aucCurrent).toBe(summary.aucCurrent);
    expect(preview.aucSuggested).toBe(summary.aucSuggested);
    expect(preview.measuredOn).toMatch(/^\d+ held-out leads, measured when the points were suggested$/);
    const better = Math.round(summary.aucSuggested * 1000) > Math.round(summary.aucCurrent! * 1000);
    expect(preview.better).toBe(better);
    expect(preview.verdict).toMatch(better ? /ranks leads better/ : /is not better/);
    expect(preview.verdict).toContain(summary.aucSuggested.toFixed(3));
  });

  it("shows the Baseline rule plainly: its label, the tab's summary and the preview name its points", () => {
    const h = suggested[0];
    const baseline = suggested.slice(1).filter((r) => r[h.indexOf("Group")] === "Baseline");
    expect(baseline).toHaveLength(1);
    expect(baseline[0][h.indexOf("Rule")]).toBe("Starting points (every lead)");
    const points = Number(baseline[0][h.indexOf("Points")]);
    expect(preview.baselinePoints).toBe(points);
    const col = h.indexOf("Summary");
    const line = suggested.find((r) => r[col] === "Starting points");
    expect(String(line?.[col + 1])).toContain(`Every lead gets ${points} from the Baseline rule`);
  });

  it("applies nothing: the Scoring Matrix and the scores are unchanged", () => {
    expect(runtime.values(TAB.matrix)).toEqual(starter);
    expect(findColumn(runtime.values(TAB.leads)[0], "Baseline Score")).toBe(-1);
  });

  it("measures an edited suggestion anew on every labelled lead, and says plainly it is not better", () => {
    // Reverse the suggestion's points: it now ranks the leads backwards.
    const h = suggested[0];
    const pointsCol = h.indexOf("Points");
    suggested.forEach((r, i) => {
      if (i > 0 && typeof r[pointsCol] === "number")
        runtime.edit(a1(SUGGESTED, i + 1, pointsCol), -r[pointsCol]);
    });
    const edited = script.call("previewSuggestedMatrix") as ApplyPreview;
    const matrix = asMatrix(runtime.values(SUGGESTED));
    const current = calibrate(inputOf(tabs), options);
    const reversed = calibrate({ ...inputOf(tabs), matrix }, options);
    expect(edited.aucCurrent).toBe(current.auc);
    expect(edited.aucSuggested).toBe(reversed.auc);
    expect(edited.aucSuggested!).toBeLessThan(edited.aucCurrent!);
    expect(edited.measuredOn).toBe(
      `all ${current.leads_labelled} labelled leads, now (a matrix changed since Suggest points)`,
    );
    expect(edited.better).toBe(false);
    expect(edited.verdict).toMatch(/^The suggestion is not better than the current matrix \(AUC 0\.\d{3} vs/);
  });
});

describe("a suggestion that cannot beat a (leaky) current matrix", () => {
  // The current matrix scores on the conversion date: near-perfect ranking the fit (which never uses it)
  // cannot match.
  const leaky: CellValue[][] = [
    [...MATRIX_COLUMNS],
    [true, "Fit", "Has converted", "Lead", "", "Converted At", "is not blank", "", 50, "", "", ""],
  ];
  const tabs = demoTabs({ leads: 800 }).map((t) =>
    t.name === TAB.matrix ? { name: t.name, values: leaky } : t,
  );
  const { script } = loadAddon(tabs);

  it("says so from the fit's own held-out figures", () => {
    script.call("suggestPoints", {});
    const p = script.call("previewSuggestedMatrix") as ApplyPreview;
    expect(p.measuredOn).toMatch(/held-out leads/);
    expect(p.aucCurrent!).toBeGreaterThan(p.aucSuggested!);
    expect(p.better).toBe(false);
    expect(p.verdict).toContain("not better than the current matrix");
    expect(p.verdict).toContain("Keep the current matrix");
  });
});

describe("Restore removes the output columns a suggestion added", () => {
  // The starter matrix alone (the demo without its second model).
  const leadsHeader = (rt: ReturnType<typeof loadAddon>["runtime"]) => rt.values(TAB.leads)[0].map(String);

  it("deletes Baseline Score after restoring the starter matrix, keeping the user's own column and its cells", () => {
    const { runtime, script } = loadAddon(demoTabs({ secondModel: false, leads: 800 }));
    script.call("scoreAllNow");
    const width = runtime.values(TAB.leads)[0].length;
    // The user's own column, right of the add-on's outputs.
    runtime.edit(a1(TAB.leads, 1, width), "My Notes");
    runtime.edit(a1(TAB.leads, 2, width), "call back in May");
    script.call("suggestPoints", {});
    script.call("applySuggestedMatrix");
    const applied = leadsHeader(runtime);
    expect(applied).toContain("Baseline Score");
    expect(applied.indexOf("Baseline Score")).toBeGreaterThan(applied.indexOf("My Notes"));

    const [saved] = script.call("listMatrixVersions") as { savedAt: string }[];
    script.call("restoreMatrix", saved.savedAt);
    const restored = runtime.values(TAB.leads);
    expect(restored[0].map(String)).not.toContain("Baseline Score");
    const notes = restored[0].indexOf("My Notes");
    expect(notes).toBe(width);
    expect(restored[1][notes]).toBe("call back in May");
    expect(restored[0].length).toBe(width + 1);

    // Restoring the suggestion again brings the column back, and restoring the starter removes it again.
    const versions = script.call("listMatrixVersions") as { savedAt: string }[];
    script.call("restoreMatrix", versions[0].savedAt);
    expect(leadsHeader(runtime)).toContain("Baseline Score");
    const latest = script.call("listMatrixVersions") as { savedAt: string }[];
    script.call("restoreMatrix", latest[0].savedAt);
    expect(leadsHeader(runtime)).not.toContain("Baseline Score");
    expect(leadsHeader(runtime)).toContain("My Notes");
  });

  it("never deletes a user's column of the same name that was there before the suggestion", () => {
    const { runtime, script } = loadAddon(demoTabs({ secondModel: false, leads: 800 }));
    script.call("scoreAllNow");
    const width = runtime.values(TAB.leads)[0].length;
    runtime.edit(a1(TAB.leads, 1, width), "Baseline Score");
    script.call("suggestPoints", {});
    script.call("applySuggestedMatrix");
    const [saved] = script.call("listMatrixVersions") as { savedAt: string }[];
    script.call("restoreMatrix", saved.savedAt);
    const header = leadsHeader(runtime);
    expect(header.indexOf("Baseline Score")).toBe(width);
    expect(header.filter((h) => h === "Baseline Score")).toHaveLength(1);
  });
});

describe("no CLI wording in the sidebar or its messages", () => {
  const sidebar = readFileSync(new URL("../../dist/sidebar.html", import.meta.url), "utf8");
  const { script } = loadAddon(demoTabs());

  it("the sidebar never names a CLI option", () => {
    for (const option of ["--outcome", "--exclude", "--allow-leakage", "--max-rules", "--as-of"]) {
      expect(sidebar).not.toContain(option);
    }
  });

  it("calibration failures reach the sidebar worded for it", () => {
    const messages: string[] = [];
    for (const [name, arg] of [
      ["getCalibration", { outcomeColumn: "Nope" }],
      ["suggestPoints", { outcomeColumn: "Nope" }],
      ["suggestPoints", { outcomeColumn: "Employees" }],
    ] as const) {
      try {
        script.call(name, arg);
      } catch (e) {
        messages.push((e as Error).message);
      }
    }
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(m).not.toMatch(/--[a-z]/);
      expect(m).toMatch(/Outcome column list/);
    }
  });
});
