// Notifications and Score History per model, pure (src/core/notify/models.ts): runs of a matrix with a
// named model (its own tiers from the Settings Tier table's Model column), scored by the engine.
import { describe, expect, it } from "vitest";
import {
  type AlertView,
  advance,
  advanceModels,
  alertSubjects,
  composeEmail,
  type LeadState,
  modelLeads,
  type RunLead,
} from "../../src/core/notify";
import type { CellValue, Grid, ScoreRun } from "../../src/core/types";
import { historyRow } from "../../src/sheets/score-history";
import { matrix, score } from "../core/helpers";

const tierRows = (model: string, tiers: [string, number, boolean][]) =>
  tiers.map(([t, min, notify]): CellValue[] => [t, min, notify, model]);
// Default: a VP scores 70, Hot (notify) from 60. Enterprise: 1,000+ employees score 60, Big (notify) from 50.
const DEFAULT_RULE = { field: "Title", op: "=", value: "VP", points: 70 };
const TIERS: CellValue[][] = [
  ...tierRows("", [
    ["Cold", 0, false],
    ["Hot", 60, true],
  ]),
  ...tierRows("Enterprise", [
    ["Small", 0, false],
    ["Big", 50, true],
  ]),
];
const SETTINGS: Grid = [
  ["Setting", "Value", "", "Tier", "Min Score", "Notify", "Model"],
  ...TIERS.map((t, i) => [i === 0 ? "Lead key" : "", i === 0 ? "Email" : "", "", ...t]),
];

/** Leads as [email, title, employees], scored by the engine with model Enterprise (or the default model alone). */
function run(rows: [string, string, number][], models = true): ScoreRun {
  const leads: Grid = [["Email", "Title", "Employees"], ...rows.map((r) => r as CellValue[])];
  const rules = models
    ? [
        { ...DEFAULT_RULE, model: "" },
        { field: "Employees", op: ">=", value: 1000, points: 60, model: "Enterprise" },
      ]
    : [DEFAULT_RULE];
  return score({ leads, matrix: matrix(...rules), settings: SETTINGS });
}

const runLeads = (r: ScoreRun): RunLead[] =>
  r.leads.map((l) => ({
    key: l.key,
    name: l.key,
    score: l.score,
    tier: l.tier,
    reasons: l.reasons,
    sheetRow: l.sheetRow,
  }));
const NOW = (i: number) => new Date(Date.UTC(2024, 5, 3 + i, 8)).toISOString();

/** Feeds each run through advanceModels; returns what each announced and the states after the last. */
function series(runs: ScoreRun[], start: Map<string, LeadState> | null = null) {
  let previous = start;
  const announced: string[][] = [];
  const baselines: string[][] = [];
  const changes: ReturnType<typeof advanceModels>["changes"][] = [];
  runs.forEach((r, i) => {
    const step = advanceModels({ previous, models: modelLeads(r, runLeads(r)), margin: 5, now: NOW(i) });
    announced.push(step.announced);
    baselines.push(step.baselines);
    changes.push(step.changes);
    previous = new Map(step.states.map((s) => [s.key, s]));
  });
  return { announced, baselines, changes, states: previous! };
}

const QUIET: [string, string, number][] = [
  ["a@x.com", "Analyst", 10],
  ["b@x.com", "Analyst", 10],
];

describe("notifications per model", () => {
  it("a lead entering a notify tier of each model is announced once per model", () => {
    const both = run([
      ["a@x.com", "VP", 5000],
      ["b@x.com", "Analyst", 10],
    ]);
    const { announced } = series([
      run(QUIET),
      both,
      both,
      run([
        ["a@x.com", "VP", 5000],
        ["b@x.com", "Analyst", 2000],
      ]),
    ]);
    expect(announced).toEqual([[], ["a@x.com", "enterprise » a@x.com"], [], ["enterprise » b@x.com"]]);
  });

  it("re-arms per model: falling out of one model's tier leaves the other's marker alone", () => {
    const hot = run([
      ["a@x.com", "VP", 5000],
      ["b@x.com", "Analyst", 10],
    ]);
    const smaller = run([
      ["a@x.com", "VP", 10],
      ["b@x.com", "Analyst", 10],
    ]);
    const { announced } = series([run(QUIET), hot, smaller, hot]);
    expect(announced).toEqual([[], ["a@x.com", "enterprise » a@x.com"], [], ["enterprise » a@x.com"]]);
  });

  it("the default model's states are exactly advance()'s, first; a model's rows have their own keys", () => {
    const runs = [
      run(QUIET),
      run([
        ["a@x.com", "VP", 5000],
        ["b@x.com", "Analyst", 10],
      ]),
    ];
    const withModels = series(runs).states;
    let plain: Map<string, LeadState> | null = null;
    runs.forEach((r, i) => {
      const step = advance({
        previous: plain,
        leads: runLeads(r),
        tiers: r.settings.tiers,
        margin: 5,
        now: NOW(i),
      });
      plain = new Map(step.states.map((s) => [s.key, s]));
    });
    expect([...withModels.values()].slice(0, 2)).toEqual([...plain!.values()]);
    expect([...withModels.keys()]).toEqual([
      "a@x.com",
      "b@x.com",
      "enterprise » a@x.com",
      "enterprise » b@x.com",
    ]);
    expect(withModels.get("enterprise » a@x.com")).toMatchObject({
      tier: "Big",
      score: 60,
      pending: { tier: "Big" },
    });
  });

  it("a model added later takes its own baseline: leads already in its notify tier are not announced", () => {
    const before = series([run(QUIET, false)]).states;
    const hot: [string, string, number][] = [
      ["a@x.com", "Analyst", 5000],
      ["b@x.com", "Analyst", 10],
    ];
    const { announced, baselines } = series(
      [
        run(hot),
        run([
          ["a@x.com", "Analyst", 5000],
          ["b@x.com", "Analyst", 5000],
        ]),
      ],
      before,
    );
    expect(announced).toEqual([[], ["enterprise » b@x.com"]]);
    expect(baselines).toEqual([["Enterprise"], []]);
  });

  it("a model removed from the matrix leaves no state rows (its undelivered alerts go with it)", () => {
    const hot = run([
      ["a@x.com", "VP", 5000],
      ["b@x.com", "Analyst", 10],
    ]);
    const { states } = series([run(QUIET), hot, run(QUIET, false)]);
    expect([...states.keys()]).toEqual(["a@x.com", "b@x.com"]);
  });

  it("Score History rows carry the model; the default's columns keep their meaning", () => {
    const { changes } = series([
      run(QUIET),
      run([
        ["a@x.com", "VP", 5000],
        ["b@x.com", "Analyst", 10],
      ]),
    ]);
    const at = new Date(NOW(1));
    const rows = changes[1].map((c) => historyRow(at, c, true));
    expect(rows.map((r) => [r[1], r[2], r[3], r[4], r[5], r[7]])).toEqual([
      ["'a@x.com", "'Cold", "'Hot", 0, 70, ""],
      ["'a@x.com", "'Small", "'Big", 0, 60, "'Enterprise"],
    ]);
    expect(historyRow(at, changes[1][0])).toEqual(rows[0].slice(0, 7));
  });

  it("an alert's subject is the model's lead; its email names the model", () => {
    const r = run([
      ["a@x.com", "VP", 5000],
      ["b@x.com", "Analyst", 10],
    ]);
    const subjects = alertSubjects(r);
    expect(subjects.get("a@x.com")!.lead.score).toBe(70);
    expect(subjects.get("enterprise » a@x.com")!.lead.score).toBe(60);
    expect(subjects.get("enterprise » a@x.com")!.run.model).toBe("Enterprise");
    const view = (model: string, score: number, tier: string): AlertView => ({
      key: "a@x.com",
      name: "Ann",
      model,
      role: "",
      score,
      tier,
      enteredTier: tier,
      enteredAt: "2024-06-04 08:00",
      reasons: [],
      nextTier: null,
      activities: [],
      link: "https://x/#gid=0&range=A2",
    });
    const ctx = { spreadsheetName: "Book", timeZone: "UTC" };
    expect(composeEmail([view("", 70, "Hot")], ctx).subject).toBe("Leadscore: Ann reached Hot (score 70)");
    const m = composeEmail([view("Enterprise", 60, "Big")], ctx);
    expect(m.subject).toBe("Leadscore: Ann reached Big (Enterprise model, score 60)");
    expect(m.body).toContain("Enterprise model · Score 60 · Big");
    expect(composeEmail([view("Enterprise", 60, "Big"), view("Enterprise", 55, "Big")], ctx).subject).toBe(
      "Leadscore: 2 leads reached Big (Enterprise model)",
    );
  });
});
