// A shared sheet: form responses and edits that arrive while another run holds the document lock are
// queued durably and done exactly once, by the holder or a follow-up; continuations hold the lock too.
// Overlap is modelled with rt.interleave at chosen service calls of the running execution.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { type Grid, TAB } from "../../src/core/types";
import type { InterleaveStep, LocalRuntime } from "../../src/local/gas";
import { a1Of } from "../../src/local/gas/spreadsheet/a1";
import { demoTabs, engineOutputs, inputOf, loadAddon, plain, sheetOutputs } from "./helpers";

const RESPONSES = "Form Responses 1";
const PENDING = "leadscore.pending.";

const pendingKeys = (rt: LocalRuntime) =>
  [...rt.properties.document.keys()].filter((k) => k.startsWith(PENDING));
const triggersOf = (rt: LocalRuntime, handler: string) =>
  rt.triggers.list.filter((t) => t.handler === handler);

function column(grid: Grid, header: string): number {
  const c = findColumn(grid[0], header);
  expect(c, header).toBeGreaterThanOrEqual(0);
  return c;
}

function expectScored(rt: LocalRuntime, asOf: Date, rows?: number[]) {
  const leads = rt.values(TAB.leads);
  const want = engineOutputs(inputOf(rt.tabs()), asOf);
  const got = sheetOutputs(leads, ["Score", "Tier"]);
  for (const row of rows ?? [...want.keys()]) {
    const w = want.get(row)!;
    expect([plain(got.get(row)?.Score), got.get(row)?.Tier], `row ${row}`).toEqual([plain(w.Score), w.Tier]);
  }
}

describe("50 form responses and edits while a full rescore of 10,000 leads holds the lock", () => {
  it("all end up as leads and activities exactly once, and scored", () => {
    const tabs = demoTabs({ leads: 10_000, activitiesPerLead: 2, mess: false });
    tabs.push({ name: RESPONSES, values: [["Timestamp", "Email Address", "Job Title"]] });
    const { runtime: rt, script } = loadAddon(tabs);
    script.call("menuToggleAutoScoring");
    const asOf = rt.clock.date();
    const before = rt.values(TAB.leads);
    const email = column(before, "Email");
    const title = column(before, "Job Title");

    // 30 new leads, 10 responses from existing leads, 10 edits of Job Title, at three points of the run.
    const existing = Array.from({ length: 10 }, (_, i) => 2 + i * 997);
    const edited = Array.from({ length: 10 }, (_, i) => 5 + i * 991);
    const points = [
      { after: "Lock.tryLock" },
      { after: "Range.getValues", nth: 2 },
      { before: "Range.setValues", nth: 1 },
    ];
    const steps: InterleaveStep[] = Array.from({ length: 50 }, (_, i) => ({
      at: points[i % points.length],
      clock: "parallel", // they arrive while it runs: the full run is not charged for their 30 s waits
      run: () =>
        i < 40
          ? rt.fireFormSubmit(
              {
                "Email Address":
                  i < 30 ? `new.${i}@form.example` : String(before[existing[i - 30] - 1][email]),
                "Job Title": "Chief Executive Officer",
              },
              undefined,
              { sheet: RESPONSES },
            )
          : rt.edit(a1Of(edited[i - 40], title + 1), "VP of Sales"),
    }));
    const { steps: outcomes } = rt.interleave(() => script.call("menuScoreAll"), steps);
    expect(outcomes.filter((o) => o.error !== undefined)).toEqual([]);
    // The form and edit runs found the lock busy and queued; the full run did their work before it let go.
    expect(pendingKeys(rt)).toEqual([]);

    const leads = rt.values(TAB.leads);
    const count = (e: string) => leads.filter((r) => r[email] === e).length;
    for (let i = 0; i < 30; i++) expect(count(`new.${i}@form.example`), `new.${i}`).toBe(1);
    expect(leads).toHaveLength(before.length + 30);
    for (const r of existing) expect(leads[r - 1][title]).toBe("Chief Executive Officer");
    for (const r of edited) expect(leads[r - 1][title]).toBe("VP of Sales");

    const activities = rt.values(TAB.activities);
    const [event, detail] = [column(activities, "Event"), column(activities, "Detail")];
    const submits = activities.filter((r) => r[event] === "Form Submit").map((r) => String(r[detail]));
    expect(submits.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `${RESPONSES} row ${i + 2}`).sort());
    expectScored(rt, asOf);

    // The follow-up the queued runs asked for finds nothing left: nothing is done twice.
    expect(triggersOf(rt, "debouncedRescore")).toHaveLength(1);
    const snapshot = JSON.stringify([rt.values(TAB.leads).length, rt.values(TAB.activities).length]);
    rt.advanceAndRun(5 * 60_000);
    expect(triggersOf(rt, "debouncedRescore")).toHaveLength(0);
    expect(JSON.stringify([rt.values(TAB.leads).length, rt.values(TAB.activities).length])).toBe(snapshot);
  }, 120_000);
});

describe("a debounced rescore that meets a busy lock", () => {
  it("keeps its work and its follow-up, and rescores once the lock is free", () => {
    const { runtime: rt, script } = loadAddon(demoTabs({ leads: 300, mess: false }));
    script.call("menuToggleAutoScoring");
    script.call("menuScoreAll");
    const matrix = rt.values(TAB.matrix);
    const points = column(matrix, "Points");
    const rule = matrix.findIndex((r, i) => i > 0 && typeof r[points] === "number" && r[points] !== 0);
    rt.edit(`'${TAB.matrix}'!${a1Of(rule + 1, points + 1)}`, 40);
    expect(pendingKeys(rt)).toHaveLength(1);

    rt.holdLock("document"); // another run writes for minutes
    rt.advanceAndRun(31_000);
    const busy = rt.runs.filter((r) => r.handler === "debouncedRescore");
    expect(busy).toHaveLength(1);
    expect(busy[0].error).toBeUndefined();
    expect(pendingKeys(rt)).toHaveLength(1); // the rescore is still owed…
    expect(triggersOf(rt, "debouncedRescore")).toHaveLength(1); // …and a new follow-up will do it
    expect(triggersOf(rt, "debouncedRescore")[0].uid).not.toBe(busy[0].triggerUid);

    rt.releaseLock("document");
    rt.advanceAndRun(5 * 60_000);
    const runs = rt.runs.filter((r) => r.handler === "debouncedRescore");
    expect(runs).toHaveLength(2);
    expect(pendingKeys(rt)).toEqual([]);
    expect(triggersOf(rt, "debouncedRescore")).toHaveLength(0);
    expectScored(rt, runs[1].at);
  });
});

describe("a checkpoint continuation racing an edit", () => {
  it("holds the lock while it writes, and the edit that came meanwhile is queued and rescored once", () => {
    const tabs = demoTabs({ leads: 12_000, activitiesPerLead: 1, mess: false });
    // Slow services, as in sheet-actions.test.ts: the first run stops at a checkpoint.
    const cost = (name: string) =>
      name === "Range.getValues" ? 40_000 : name === "Range.setValues" ? 30_000 : 0;
    const { runtime: rt, script } = loadAddon(tabs, { callCostMs: cost });
    script.call("menuToggleAutoScoring");
    const asOf = rt.clock.date();
    script.call("menuScoreAll");
    expect(triggersOf(rt, "continueScoring")).toHaveLength(1);
    const leads = rt.values(TAB.leads);
    const [title, score, scoredAt] = [
      column(leads, "Job Title"),
      column(leads, "Score"),
      column(leads, "Scored At"),
    ];
    const row = 3; // written by the first run
    const firstScore = leads[row - 1][score];
    expect(firstScore).not.toBe("");

    const { steps } = rt.interleave(
      () => rt.advanceAndRun(61_000),
      [
        {
          at: { after: "Lock.tryLock" },
          run: () => rt.edit(a1Of(row, title + 1), "Chief Executive Officer", { throwOnError: false }),
          clock: "parallel",
        },
        { at: { before: "Range.setValues" }, run: () => rt.locks.isHeld("document") },
      ],
    );
    expect(steps[0].error).toBeUndefined();
    expect(steps[1].result).toBe(true); // continueScoring writes under the document lock
    const editRuns = rt.runs.filter((r) => r.handler === "onEditAutoScore");
    expect(editRuns.at(-1)?.error).toBeUndefined(); // it queued instead of failing

    // Past 3 of its 6 minutes the continuation leaves the queue to the follow-up it asks for.
    const owed = () => triggersOf(rt, "continueScoring").length + triggersOf(rt, "debouncedRescore").length;
    for (let i = 0; i < 8 && owed() > 0; i++) rt.advanceAndRun(61_000);
    expect(owed()).toBe(0);
    expect(pendingKeys(rt)).toEqual([]);
    const after = rt.values(TAB.leads);
    // The edited lead was rescored after the edit, at its own time; it scores as the engine says then.
    const rescoredAt = after[row - 1][scoredAt] as Date;
    expect(rescoredAt.getTime()).toBeGreaterThan(asOf.getTime());
    expect(after[row - 1][score]).not.toBe(firstScore);
    expectScored(rt, rescoredAt, [row]);
    // The other leads are as one full run at the first run's time.
    const want = engineOutputs(inputOf(rt.tabs()), asOf);
    for (const r of [2, 4, 6_000, 12_001]) expect(after[r - 1][score], `row ${r}`).toBe(want.get(r)!.Score);
  }, 120_000);
});
