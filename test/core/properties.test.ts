// Invariants on random small workbooks, plus agreement with a naive reference scorer written from the spec.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellValue, Grid, ScoreRun, WorkbookInput } from "../../src/core/index";
import { formatReasons, outputRow } from "../../src/core/index";
import { AS_OF, DAY, matrix, type RuleSpec, score } from "./helpers";
import { activityRule, leadRule, workbook, workbookWith } from "./workbook-arbitrary";

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

interface RefLead {
  score: number;
  /** Group totals after caps, by group as generated. */
  groups: Record<string, number>;
  priority: string;
}

/**
 * Naive scorer straight from the spec text (docs/scoring.md), for the rules the generator makes: Only If,
 * resets, frequency bands and Priority included.
 */
function reference(input: WorkbookInput, rules: RuleSpec[]): Record<string, RefLead> {
  const sv = (name: string) => input.settings!.find((r) => r[0] === name)?.[1];
  const bound = (v: CellValue, d: number | null) => (v === "" ? d : v === "none" ? null : Number(v));
  const floor = bound(sv("Score floor")!, 0);
  const ceiling = bound(sv("Score ceiling")!, 100);
  const defaultHalf = sv("Half-life days") === "" ? 0 : Number(sv("Half-life days"));
  const extra = input.settings![1];
  const bandCol = input.settings![0].indexOf("Engagement Band");
  const bands =
    bandCol < 0
      ? []
      : input
          .settings!.slice(1)
          .filter((r) => r[bandCol] !== "")
          .map((r) => ({ name: String(r[bandCol]), min: Number(r[bandCol + 1]) }))
          .sort((a, b) => a.min - b.min);
  const num = (v: CellValue) => (v === "" ? Number.NaN : Number(String(v).replace(/,/g, "")));
  const isReset = (r: RuleSpec) => String(r.points).toLowerCase() === "reset";
  /** "1-2: 5, 3+: 10" → the points for a count. */
  const bandPoints = (cell: string, n: number) => {
    for (const part of cell.split(/[,;]/)) {
      const [counts, pts] = part.split(":");
      const [lo, hi] = counts.includes("+")
        ? [Number(counts.replace("+", "")), Infinity]
        : counts.includes("-")
          ? counts.split("-").map(Number)
          : [Number(counts), Number(counts)];
      if (n >= lo && n <= hi) return Number(pts);
    }
    return 0;
  };
  const out: Record<string, RefLead> = {};
  for (const lead of input.leads.slice(1)) {
    const key = String(lead[0]);
    const acts = input
      .activities!.slice(1)
      .filter((a) => String(a[1]).toLowerCase() === key)
      .map((a) => ({
        ts: Date.parse(String(a[0])),
        age: (AS_OF.getTime() - Date.parse(String(a[0]))) / DAY,
        event: a[2],
        detail: String(a[3]),
      }))
      .filter((a) => a.age >= 0);
    const matching = (r: RuleSpec) =>
      acts
        .filter((a) => !r.event || a.event === r.event)
        .filter((a) => !r.value || a.detail.includes(String(r.value)))
        .filter((a) => r.within === "" || a.age <= Number(r.within));
    // A reset erases the group's activities strictly before its newest matching activity.
    const cutoff: Record<string, number> = {};
    for (const r of rules) {
      if (r.source !== "Lead" && isReset(r)) {
        for (const a of matching(r)) cutoff[r.group!] = Math.max(cutoff[r.group!] ?? -Infinity, a.ts);
      }
    }
    const own: boolean[] = [];
    const value: number[] = [];
    for (const r of rules) {
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
        own.push(ok);
        value.push(ok ? Number(r.points) : 0);
      } else {
        const counted = matching(r)
          .filter((a) => a.ts >= (cutoff[r.group!] ?? -Infinity))
          .sort((a, b) => a.age - b.age)
          .slice(0, r.max === "" ? undefined : Number(r.max));
        const hl = r.half === "" ? defaultHalf : Number(r.half);
        own.push(counted.length > 0);
        if (isReset(r)) value.push(0);
        else if (String(r.points).includes(":")) value.push(bandPoints(String(r.points), counted.length));
        else
          value.push(counted.reduce((s, a) => s + Number(r.points) * (hl > 0 ? 0.5 ** (a.age / hl) : 1), 0));
      }
    }
    // A rule counts when it matches and every Only If term holds, recursively.
    const counts = (i: number): boolean =>
      own[i] &&
      String(rules[i].onlyIf ?? "")
        .split(",")
        .filter((t) => t.trim() !== "")
        .every((t) => {
          const neg = /^\s*not\s/i.test(t);
          const label = t
            .replace(/^\s*not\s/i, "")
            .trim()
            .toLowerCase();
          const j = rules.findIndex((r) => r.rule?.toLowerCase() === label);
          return counts(j) !== neg;
        });
    const totals: Record<string, number> = {};
    rules.forEach((r, i) => {
      totals[r.group!] = (totals[r.group!] ?? 0) + (counts(i) ? value[i] : 0);
    });
    let sum = 0;
    let engagement = 0;
    for (const [g, t] of Object.entries(totals)) {
      let x = t;
      if (g === "Extra") {
        if (extra[4] !== "" && x < Number(extra[4])) x = Number(extra[4]);
        if (extra[5] !== "" && x > Number(extra[5])) x = Number(extra[5]);
      }
      totals[g] = x;
      sum += x;
      if (g !== "Fit") engagement += x;
    }
    let s = Math.sign(sum) * Math.floor(Math.abs(sum) + 0.5 + 1e-9);
    if (floor !== null && s < floor) s = floor;
    if (ceiling !== null && s > ceiling) s = ceiling;
    const fit = totals.Fit;
    const grade =
      fit === undefined ? "" : fit >= 40 ? "A" : fit >= 30 ? "B" : fit >= 20 ? "C" : fit >= 10 ? "D" : "F";
    const band = [...bands].reverse().find((b) => b.min <= engagement) ?? bands[0];
    out[key] = {
      score: s === 0 ? 0 : s,
      groups: totals,
      priority: bands.length && grade ? grade + band.name : "",
    };
  }
  return out;
}

function expectReference(run: ScoreRun, ref: Record<string, RefLead>) {
  for (const l of run.leads) {
    const want = ref[l.key];
    expect(l.score).toBe(want.score);
    expect(l.priority).toBe(want.priority);
    for (const g of l.groups) expect(g.total).toBeCloseTo(want.groups[g.group], 9);
    expect(l.reasons).toBe(formatReasons(run.contributions(l)));
  }
}

/** The tier of a score from the generated Tier table's rows for `model` ("" = default), as docs/scoring.md says. */
function referenceTier(input: WorkbookInput, model: string, score: number): string {
  const col = input.settings![0].indexOf("Tier");
  const rows = col < 0 ? [] : input.settings!.slice(1).filter((r) => r[col] !== "");
  const own = rows.filter(
    (r) =>
      String(r[col + 3])
        .trim()
        .toLowerCase() === model,
  );
  const mine = own.length > 0 ? own : rows.filter((r) => String(r[col + 3]).trim() === "");
  const tiers = (
    mine.length > 0
      ? mine.map((r) => ({ name: String(r[col]), min: Number(r[col + 1]) }))
      : [
          { name: "Cold", min: 0 },
          { name: "Warm", min: 31 },
          { name: "Hot", min: 61 },
          { name: "Sales-ready", min: 86 },
        ]
  ).sort((a, b) => a.min - b.min);
  return ([...tiers].reverse().find((t) => t.min <= score) ?? tiers[0]).name;
}

describe("properties", () => {
  it("agrees with a naive reference scorer", () => {
    fc.assert(
      fc.property(workbook, ({ input, rules }) => {
        expectReference(score(input), reference(input, rules));
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with the reference scorer on Only If, resets, frequency bands and Priority", () => {
    fc.assert(
      fc.property(workbookWith({ ruleFeatures: true }), ({ input, rules }) => {
        const run = score(input);
        expect(run.problems.filter((p) => p.tab === "Scoring Matrix" && p.severity === "error")).toEqual([]);
        expect(run.outputHeaders.includes("Priority")).toBe(input.settings![0].includes("Engagement Band"));
        expectReference(run, reference(input, rules));
      }),
      { numRuns: 300 },
    );
  });

  it("scores each model, and writes its columns, as the reference scores that model's rules alone", () => {
    fc.assert(
      fc.property(workbookWith({ ruleFeatures: true, models: true }), ({ input, rules, modelRules }) => {
        const run = score(input);
        expect(run.problems.filter((p) => p.tab === "Scoring Matrix" && p.severity === "error")).toEqual([]);
        expectReference(run, reference(input, rules));
        expect(run.models.map((m) => m.model.toLowerCase())).toEqual(["p"]);
        const [model] = run.models;
        const ref = reference(input, modelRules);
        expectReference(model, ref);
        const at = (h: string) => run.outputHeaders.indexOf(`${model.model} ${h}`);
        run.leads.forEach((lead, i) => {
          const row = outputRow(run, lead);
          const want = ref[lead.key];
          expect(lead.tier).toBe(referenceTier(input, "", lead.score));
          expect(row[at("Score")]).toBe(want.score);
          expect(row[at("Tier")]).toBe(referenceTier(input, "p", want.score));
          expect(row[at("Top Reasons")]).toBe(formatReasons(model.contributions(model.leads[i])));
        });
      }),
      { numRuns: 100 },
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
