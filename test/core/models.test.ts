// Models (Scoring Matrix `Model`): the worked example of docs/scoring.md, per-model tiers, Only If scoping,
// and the problems a Model column can have.
import { describe, expect, it } from "vitest";
import { explainLead } from "../../src/core/explanation";
import { explanationHtml } from "../../src/core/explanation-html";
import { detailRows, scoreColumn } from "../../src/core/formulas";
import type { Grid } from "../../src/core/index";
import { outputRow, validateWorkbook } from "../../src/core/index";
import { AS_OF, daysAgo, FIT_RULES, matrix, type RuleSpec, score } from "./helpers";

const RULES: RuleSpec[] = [
  ...FIT_RULES,
  {
    group: "Engagement",
    rule: "Pricing visits",
    event: "Page View",
    field: "Detail",
    op: "contains",
    value: "/pricing",
    points: 10,
    max: 3,
  },
  {
    group: "Fit",
    rule: "Engineer",
    field: "Job Title",
    op: "contains",
    value: "engineer",
    points: 20,
    model: "Product",
  },
  {
    group: "Engagement",
    rule: "Docs visits",
    event: "Page View",
    field: "Detail",
    op: "contains",
    value: "/docs",
    points: 15,
    onlyIf: "Engineer",
    model: "Product",
  },
  { group: "Engagement", rule: "Trial", event: "Trial Started", points: 30, model: " product " },
];
const SETTINGS: Grid = [
  ["Setting", "Value", "", "Tier", "Min Score", "Notify", "Model"],
  ["Half-life days", "none", "", "Cold", 0, false, ""],
  ["", "", "", "Warm", 31, false, ""],
  ["", "", "", "Hot", 61, false, ""],
  ["", "", "", "Sales-ready", 86, true, ""],
  ["", "", "", "Explorer", 0, false, "Product"],
  ["", "", "", "Active", 40, false, "product"],
  ["", "", "", "PQL", 70, true, "Product"],
];
const LEADS: Grid = [
  ["Email", "Job Title", "Industry"],
  ["ann@acme.com", "VP Marketing", "Software"],
  ["bob@acme.com", "Engineer", "Retail"],
];
const LOG: Grid = [
  ["Timestamp", "Email", "Event", "Detail"],
  [daysAgo(1), "ann@acme.com", "Page View", "/pricing"],
  [daysAgo(5), "ann@acme.com", "Page View", "/pricing"],
  [daysAgo(2), "bob@acme.com", "Page View", "/docs"],
  [daysAgo(3), "bob@acme.com", "Trial Started", ""],
  [daysAgo(4), "bob@acme.com", "Page View", "/pricing"],
];
const example = (rules = RULES, settings: Grid = SETTINGS) =>
  score({ leads: LEADS, matrix: matrix(...rules), activities: LOG, settings });
const errors = (run: { problems: { severity: string }[] }) =>
  run.problems.filter((p) => p.severity === "error");

describe("the worked example", () => {
  it("writes the default columns, then each model's", () => {
    const run = example();
    expect(run.problems).toEqual([]);
    expect(run.outputHeaders).toEqual([
      "Score",
      "Tier",
      "Grade",
      "Fit Score",
      "Engagement Score",
      "Top Reasons",
      "Scored At",
      "Product Score",
      "Product Tier",
      "Product Grade",
      "Product Top Reasons",
    ]);
    expect(run.leads.map((l) => outputRow(run, l))).toEqual([
      [
        45,
        "Warm",
        "C",
        25,
        20,
        "Pricing visits +20; Decision maker +15; Target industry +10",
        AS_OF,
        0,
        "Explorer",
        "F",
        "",
      ],
      [
        10,
        "Cold",
        "F",
        0,
        10,
        "Pricing visits +10",
        AS_OF,
        65,
        "Active",
        "C",
        "Trial +30; Engineer +20; Docs visits +15",
      ],
    ]);
  });

  it("gives each model a full run with its own tiers, aligned with the default run's leads", () => {
    const run = example();
    expect(run.models.map((m) => [m.model, m.groupNames, m.settings.tiers.map((t) => t.name)])).toEqual([
      ["Product", ["Fit", "Engagement"], ["Explorer", "Active", "PQL"]],
    ]);
    const [product] = run.models;
    expect(product.models).toEqual([]);
    expect(product.leads.map((l) => l.sheetRow)).toEqual(run.leads.map((l) => l.sheetRow));
    expect(product.leads[1].nextTier).toEqual({ name: "PQL", pointsNeeded: 5 });
    expect(product.contributions(product.leads[1]).map((c) => c.label)).toEqual([
      "Engineer",
      "Docs visits",
      "Trial",
    ]);
    expect(product.conditions(product.leads[1]).onlyIf).toMatchObject([
      { label: "Docs visits", counted: true },
    ]);
    expect(outputRow(product, product.leads[1])).toEqual([
      65,
      "Active",
      "C",
      "Trial +30; Engineer +20; Docs visits +15",
    ]);
  });

  it("a model without Tier rows of its own uses the default tiers", () => {
    const run = example(RULES, SETTINGS.map((r) => r.slice(0, 6)).slice(0, 5));
    expect(run.models[0].settings.tiers.map((t) => t.name)).toEqual(["Cold", "Warm", "Hot", "Sales-ready"]);
    expect(run.models[0].leads[1].tier).toBe("Hot");
  });

  it("a workbook without a Model column writes only the default columns", () => {
    const run = example(RULES.filter((r) => r.model === undefined).map(({ onlyIf: _, ...r }) => r));
    expect(run.models).toEqual([]);
    expect(run.outputHeaders).toEqual([
      "Score",
      "Tier",
      "Grade",
      "Fit Score",
      "Engagement Score",
      "Top Reasons",
      "Scored At",
    ]);
  });

  it("a model with no rule in the grade group has no Grade column; Priority follows the grade", () => {
    const rules = RULES.map((r) => (r.rule === "Engineer" ? { ...r, group: "Persona" } : r));
    const bands: Grid = [
      ["Setting", "Value", "", "Engagement Band", "Min Points"],
      ["Half-life days", "none", "", 1, 40],
      ["", "", "", 2, 0],
    ];
    const run = example(rules, bands);
    expect(run.outputHeaders.slice(8)).toEqual(["Product Score", "Product Tier", "Product Top Reasons"]);
    expect(run.models[0].leads.map((l) => [l.grade, l.priority])).toEqual([
      ["", ""],
      ["", ""],
    ]);
    const graded = example(RULES, bands);
    expect(graded.outputHeaders.slice(8)).toEqual([
      "Product Score",
      "Product Tier",
      "Product Grade",
      "Product Priority",
      "Product Top Reasons",
    ]);
    expect(outputRow(graded, graded.leads[1]).slice(8)).toEqual([
      65,
      "Hot",
      "C",
      "C1",
      "Trial +30; Engineer +20; Docs visits +15",
    ]);
  });

  it("the explanation shows every model's score, tier and reasons", () => {
    const run = example();
    const x = explainLead(run, run.leads[1], LEADS);
    expect(x.models).toEqual([
      expect.objectContaining({
        model: "Product",
        score: 65,
        tier: "Active",
        grade: "C",
        reasons: "Trial +30; Engineer +20; Docs visits +15",
      }),
    ]);
    expect(x.models?.[0].rules.map((r) => r.label)).toEqual(["Engineer", "Docs visits", "Trial"]);
    expect(explanationHtml(x)).toContain('<td>Product</td><td class="n">65</td><td>Active</td>');
    expect(explainLead(example(RULES.slice(0, 3)), run.leads[1], LEADS).models).toBeUndefined();
  });
});

describe("problems", () => {
  const problemsOf = (rules: RuleSpec[], settings: Grid = SETTINGS) =>
    validateWorkbook({ leads: LEADS, matrix: matrix(...rules), activities: LOG, settings }, "UTC");

  it("an Only If label of another model's rule skips the rule, naming both rows", () => {
    const rules = RULES.map((r) => (r.rule === "Docs visits" ? { ...r, onlyIf: "Decision maker" } : r));
    const run = example(rules);
    expect(errors(run)).toEqual([
      expect.objectContaining({
        tab: "Scoring Matrix",
        row: 6,
        column: "Only If",
        message: expect.stringMatching(
          /"Decision maker", the rule on row 2, which is in the default model .*model Product/,
        ),
        fix: expect.stringContaining("Copy row 2 into this model"),
      }),
    ]);
    expect(run.models[0].leads[1].score).toBe(50);
  });

  it("a model whose columns meet another output column is skipped, named", () => {
    const rules: RuleSpec[] = [
      ...RULES,
      { group: "Engagement", rule: "Webinar", event: "Webinar", points: 5, model: "fit" },
    ];
    const found = errors({ problems: problemsOf(rules) });
    expect(found).toEqual([
      expect.objectContaining({
        tab: "Scoring Matrix",
        row: 8,
        column: "Model",
        message: expect.stringContaining(
          'Model fit would write the column "fit Score", which the default model (blank Model) writes already',
        ),
      }),
    ]);
    expect(example(rules).models.map((m) => m.model)).toEqual(["Product"]);
  });

  it("Tier rows of a model no rule has are a warning on their Model cell", () => {
    const settings = SETTINGS.map((r, i) => (i === 5 ? [...r.slice(0, 6), "Prodcut"] : r));
    expect(problemsOf(RULES, settings)).toEqual([
      expect.objectContaining({
        tab: "Settings",
        row: 6,
        column: "Model",
        severity: "warning",
        fix: expect.stringContaining("(Product)"),
      }),
    ]);
  });

  it("tier faults are checked within each model", () => {
    const settings: Grid = [
      ...SETTINGS,
      ["", "", "", "Explorer", 10, false, "PRODUCT"],
      ["", "", "", "Cool", 0, false, "Product"],
    ];
    expect(problemsOf(RULES, settings).map((p) => [p.row, p.column])).toEqual([
      [9, "Tier"],
      [10, "Min Score"],
    ]);
  });

  it("a data problem both models meet is listed once", () => {
    const created = (model: string): RuleSpec => ({
      field: "Days Since Created",
      op: "<",
      value: 30,
      points: 5,
      model,
    });
    const run = example([...RULES, created(""), created("Product")]);
    expect(run.problems.map((p) => [p.tab, p.column])).toEqual([["Leads", "Created"]]);
  });

  it("every rule in a model warns that the default model has none", () => {
    const rules = RULES.filter((r) => r.model !== undefined);
    expect(problemsOf(rules)).toEqual([
      expect.objectContaining({ tab: "Scoring Matrix", column: "Model", severity: "warning" }),
    ]);
  });
});

describe("custom functions", () => {
  const context = { timeZone: "UTC", lists: () => undefined, now: AS_OF };
  const args = [LEADS, LOG, matrix(...RULES), SETTINGS, AS_OF.toISOString(), ""];

  it("LEADSCORE takes an optional model, named in any case", () => {
    expect(scoreColumn(args, context)).toEqual([["Score"], [45], [10]]);
    expect(scoreColumn([...args, " PRODUCT"], context)).toEqual([["Product Score"], [0], [65]]);
    expect(() => scoreColumn([...args, "Sales"], context)).toThrow(/its models are Product/);
  });

  it("LEADSCORE_DETAIL returns every model's columns, without Scored At", () => {
    const rows = detailRows(args, context);
    expect(rows[0]).toEqual(example().outputHeaders.filter((h) => h !== "Scored At"));
    expect(rows[2].slice(6)).toEqual([65, "Active", "C", "Trial +30; Engineer +20; Docs visits +15"]);
  });
});
