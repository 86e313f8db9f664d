// Invariants on random small workbooks, plus agreement with a naive reference scorer written from the spec.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellValue, Grid, ScoreRun, WorkbookInput } from "../../src/core/index";
import { formatReasons } from "../../src/core/index";
import { AS_OF, DAY, matrix, type RuleSpec, score } from "./helpers";
import { activityRule, leadRule, workbook } from "./workbook-arbitrary";

type Summary = Record<string, { score: number; tier: string; grade: string; groups: Record<string, number> }>;
function summary(run: ScoreRun): Summary {
  const out: Summary = {};
  for (const l of run.leads) {
    out[l.key.toLowerCase()] = {
      score: l.score,
      tier: l.tier,
      grade: l.grade,
      groups: Object.fromEntries(l.groups.map((g) => [g.group.toLowerCase(), g.total])),
    };
  }
  return out;
}
function expectSameSummary(a: Summary, b: Summary) {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const k of Object.keys(a)) {
    expect(a[k].score).toBe(b[k].score);
    expect(a[k].tier).toBe(b[k].tier);
    expect(a[k].grade).toBe(b[k].grade);
    expect(Object.keys(a[k].groups).sort()).toEqual(Object.keys(b[k].groups).sort());
    for (const g of Object.keys(a[k].groups)) expect(a[k].groups[g]).toBeCloseTo(b[k].groups[g], 9);
  }
}
function shuffle<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
const withBody = (g: Grid, body: Grid): Grid => [g[0], ...body];

/** Naive scorer straight from the spec text, for the subset of rules generated above. */
function reference(input: WorkbookInput, rules: RuleSpec[]): Record<string, number> {
  const sv = (name: string) => input.settings!.find((r) => r[0] === name)?.[1];
  const bound = (v: CellValue, d: number | null) => (v === "" ? d : v === "none" ? null : Number(v));
  const floor = bound(sv("Score floor")!, 0);
  const ceiling = bound(sv("Score ceiling")!, 100);
  const defaultHalf = sv("Half-life days") === "" ? 0 : Number(sv("Half-life days"));
  const extra = input.settings![1];
  const num = (v: CellValue) => (v === "" ? Number.NaN : Number(String(v).replace(/,/g, "")));
  const out: Record<string, number> = {};
  for (const lead of input.leads.slice(1)) {
    const key = String(lead[0]);
    const totals: Record<string, number> = {};
    for (const r of rules) {
      const g = r.group!;
      totals[g] ??= 0;
      if (r.source === "Lead") {
        const cell = r.field === "Title" ? String(lead[1]).toLowerCase() : "";
        const n = num(lead[2]);
        let ok = false;
        if (r.op === "contains") ok = cell !== "" && cell.includes(String(r.value));
        else if (r.op === "=") ok = cell === String(r.value).toLowerCase();
        else if (r.op === ">") ok = n > Number(r.value);
        else if (r.op === "between") {
          const [lo, hi] = String(r.value).split("..").map(Number);
          ok = n >= lo && n <= hi;
        }
        if (ok) totals[g] += Number(r.points);
      } else {
        const acts = input
          .activities!.slice(1)
          .filter((a) => String(a[1]).toLowerCase() === key)
          .map((a) => ({
            age: (AS_OF.getTime() - Date.parse(String(a[0]))) / DAY,
            event: a[2],
            detail: String(a[3]),
          }))
          .filter((a) => a.age >= 0)
          .filter((a) => !r.event || a.event === r.event)
          .filter((a) => !r.value || a.detail.includes(String(r.value)))
          .filter((a) => r.within === "" || a.age <= Number(r.within))
          .sort((a, b) => a.age - b.age)
          .slice(0, r.max === "" ? undefined : Number(r.max));
        const hl = r.half === "" ? defaultHalf : Number(r.half);
        for (const a of acts) totals[g] += Number(r.points) * (hl > 0 ? 0.5 ** (a.age / hl) : 1);
      }
    }
    let sum = 0;
    for (const [g, t] of Object.entries(totals)) {
      let x = t;
      if (g === "Extra") {
        if (extra[4] !== "" && x < Number(extra[4])) x = Number(extra[4]);
        if (extra[5] !== "" && x > Number(extra[5])) x = Number(extra[5]);
      }
      sum += x;
    }
    let s = Math.sign(sum) * Math.floor(Math.abs(sum) + 0.5 + 1e-9);
    if (floor !== null && s < floor) s = floor;
    if (ceiling !== null && s > ceiling) s = ceiling;
    out[key] = s === 0 ? 0 : s;
  }
  return out;
}

describe("properties", () => {
  it("agrees with a naive reference scorer", () => {
    fc.assert(
      fc.property(workbook, ({ input, rules }) => {
        const run = score(input);
        const ref = reference(input, rules);
        for (const l of run.leads) {
          expect(l.score).toBe(ref[l.key]);
          expect(l.reasons).toBe(formatReasons(run.contributions(l)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a rule with 0 points changes nothing", () => {
    fc.assert(
      fc.property(workbook, fc.oneof(leadRule, activityRule), fc.nat(), ({ input, rules }, extra, at) => {
        const groups = new Set(rules.map((r) => r.group));
        fc.pre(groups.has(extra.group));
        const body = input.matrix.slice(1);
        body.splice(at % (body.length + 1), 0, matrix({ ...extra, points: 0 })[1]);
        expectSameSummary(
          summary(score(input)),
          summary(score({ ...input, matrix: withBody(input.matrix, body) })),
        );
      }),
    );
  });

  it("clamps hold for groups and the score", () => {
    fc.assert(
      fc.property(workbook, ({ input }) => {
        const run = score(input);
        const { scoreFloor, scoreCeiling, groupLimits } = run.settings;
        for (const l of run.leads) {
          if (scoreFloor !== null) expect(l.score).toBeGreaterThanOrEqual(scoreFloor);
          if (scoreCeiling !== null) expect(l.score).toBeLessThanOrEqual(scoreCeiling);
          expect(Number.isInteger(l.score)).toBe(true);
          for (const g of l.groups) {
            const lim = groupLimits.find((x) => x.group.toLowerCase() === g.group.toLowerCase());
            if (lim?.min != null) expect(g.total).toBeGreaterThanOrEqual(lim.min);
            if (lim?.max != null) expect(g.total).toBeLessThanOrEqual(lim.max);
          }
        }
      }),
    );
  });

  it("scores are monotone in a positive rule's points", () => {
    fc.assert(
      fc.property(workbook, fc.nat(), fc.integer({ min: 1, max: 40 }), ({ input }, pick, delta) => {
        const body = input.matrix.slice(1);
        const positive = body.map((r, i) => [r, i] as const).filter(([r]) => Number(r[8]) > 0);
        fc.pre(positive.length > 0);
        const [row, i] = positive[pick % positive.length];
        const bigger = [...body];
        bigger[i] = [...row];
        bigger[i][8] = Number(row[8]) + delta;
        const before = summary(score(input));
        const after = summary(score({ ...input, matrix: withBody(input.matrix, bigger) }));
        for (const k of Object.keys(before)) expect(after[k].score).toBeGreaterThanOrEqual(before[k].score);
      }),
    );
  });

  it("reordering the rows of any tab changes nothing", () => {
    fc.assert(
      fc.property(workbook, fc.integer(), ({ input }, seed) => {
        const base = summary(score(input));
        for (const tab of ["leads", "activities", "matrix", "settings"] as const) {
          const g = input[tab]!;
          const shuffled = { ...input, [tab]: withBody(g, shuffle(g.slice(1), seed)) };
          expectSameSummary(summary(score(shuffled)), base);
        }
      }),
    );
  });
});
