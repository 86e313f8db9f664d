// Only If, resets, frequency bands and Priority: the worked example of docs/scoring.md, and every problem
// the matrix and Settings can have with them.
import { describe, expect, it } from "vitest";
import { explainLead } from "../../src/core/explanation";
import { detailRows } from "../../src/core/formulas";
import type { CellValue, Grid } from "../../src/core/index";
import { AS_OF, daysAgo, FIT_RULES, matrix, type RuleSpec, score } from "./helpers";

const RULES: RuleSpec[] = [
  ...FIT_RULES,
  { group: "Fit", rule: "Student", field: "Job Title", op: "contains", value: "student", points: 0 },
  {
    group: "Engagement",
    rule: "Pricing visits",
    event: "Page View",
    field: "Detail",
    op: "contains",
    value: "/pricing",
    points: "1-2: 5, 3+: 15",
  },
  {
    group: "Engagement",
    rule: "Exec on pricing",
    event: "Page View",
    field: "Detail",
    op: "contains",
    value: "/pricing",
    points: 10,
    max: 1,
    onlyIf: "Decision maker, not Student",
  },
  { group: "Engagement", rule: "Webinar", event: "Webinar Attended", points: 20 },
  { group: "Engagement", rule: "Unsubscribed", event: "Unsubscribe", points: "reset" },
];
const SETTINGS: Grid = [
  ["Setting", "Value", "", "Engagement Band", "Min Points"],
  ["Half-life days", "", "", 1, 40],
  ["", "", "", 2, 20],
  ["", "", "", 3, 0],
];
const LEADS: Grid = [
  ["Email", "Job Title", "Industry"],
  ["ann@acme.com", "VP Marketing", "Software"],
  ["bob@acme.com", "Student", "Software"],
];
const ACTIVITY: [string, number, string, string?][] = [
  ["ann@acme.com", 1, "Page View", "/pricing"],
  ["ann@acme.com", 12, "Page View", "/pricing"],
  ["ann@acme.com", 22, "Unsubscribe"],
  ["ann@acme.com", 27, "Page View", "/pricing"],
  ["ann@acme.com", 31, "Webinar Attended"],
  ["bob@acme.com", 1, "Page View", "/pricing"],
  ["bob@acme.com", 2, "Page View", "/pricing"],
  ["bob@acme.com", 3, "Page View", "/pricing"],
];
const log = (rows: typeof ACTIVITY): Grid => [
  ["Timestamp", "Email", "Event", "Detail"],
  ...rows.map(([who, d, ev, detail]) => [daysAgo(d), who, ev, detail ?? ""]),
];
const example = (activity = ACTIVITY, rules = RULES, settings = SETTINGS) =>
  score({ leads: LEADS, matrix: matrix(...rules), activities: log(activity), settings });

describe("the worked example", () => {
  it("scores Ann: the reset erases the older visit and the webinar; bands and Only If apply", () => {
    const run = example();
    expect(run.problems).toEqual([]);
    expect(run.outputHeaders).toEqual([
      "Score",
      "Tier",
      "Grade",
      "Priority",
      "Fit Score",
      "Engagement Score",
      "Top Reasons",
      "Scored At",
    ]);
    const ann = run.leads[0];
    expect(ann.groups.map((g) => g.total)).toEqual([25, 15]);
    expect([ann.score, ann.tier, ann.grade, ann.priority]).toEqual([40, "Warm", "C", "C3"]);
    expect(ann.reasons).toBe("Decision maker +15; Target industry +10; Exec on pricing +10");
    const pricing = run.contributions(ann).find((c) => c.label === "Pricing visits");
    expect(pricing).toMatchObject({ points: 5, count: 2, value: 5 });
    expect(run.conditions(ann)).toEqual({
      onlyIf: [
        {
          ruleRow: 6,
          label: "Exec on pricing",
          group: "Engagement",
          counted: true,
          terms: [
            { label: "Decision maker", negate: false, held: true },
            { label: "Student", negate: true, held: true },
          ],
        },
      ],
      resets: [
        { ruleRow: 8, label: "Unsubscribed", group: "Engagement", at: new Date(daysAgo(22)), erased: 2 },
      ],
    });
  });

  it("without the unsubscribe, every visit and the webinar count", () => {
    const ann = example(ACTIVITY.filter((a) => a[2] !== "Unsubscribe")).leads[0];
    expect(ann.groups.map((g) => g.total)).toEqual([25, 45]);
    expect([ann.score, ann.tier, ann.priority]).toEqual([70, "Hot", "C1"]);
  });

  it("a student's visits do not count for Exec on pricing, and the explanation says which term failed", () => {
    const run = example();
    const bob = run.leads[1];
    expect(bob.groups.map((g) => g.total)).toEqual([10, 15]);
    expect(bob.priority).toBe("D3");
    const why = explainLead(run, bob, LEADS);
    expect(why.onlyIf).toEqual([
      {
        ruleRow: 6,
        label: "Exec on pricing",
        group: "Engagement",
        counted: false,
        terms: [
          { label: "Decision maker", negate: false, held: false },
          { label: "Student", negate: true, held: false },
        ],
      },
    ]);
    expect(why.resets).toEqual([]);
  });

  it("an activity at the reset's own time is kept, and a reset only touches its own group", () => {
    const rules: RuleSpec[] = [
      { group: "Engagement", rule: "Visits", event: "Page View", points: 1 },
      { group: "Other", rule: "Other visits", event: "Page View", points: 2 },
      { group: "Engagement", rule: "Unsubscribed", event: "Unsubscribe", points: "reset" },
    ];
    const run = example(
      [
        ["ann@acme.com", 5, "Page View", "/x"],
        ["ann@acme.com", 5, "Unsubscribe"],
        ["ann@acme.com", 6, "Page View", "/y"],
      ],
      rules,
      [["Setting"], ["Half-life days"]],
    );
    expect(run.leads[0].groups.map((g) => [g.group, g.total])).toEqual([
      ["Engagement", 1],
      ["Other", 4],
    ]);
    expect(run.outputHeaders).not.toContain("Priority");
  });
});

describe("frequency bands", () => {
  const visits = (points: CellValue, n: number, extra: Partial<RuleSpec> = {}) => {
    const rows: typeof ACTIVITY = Array.from({ length: n }, (_, i) => [
      "ann@acme.com",
      i + 1,
      "Page View",
      "/",
    ]);
    return example(
      rows,
      [{ group: "Engagement", rule: "Visits", event: "Page View", points, ...extra }],
      [
        ["Setting", "Value"],
        ["Half-life days", 7],
      ],
    );
  };
  it("give the points of the band the count falls in, undecayed, and 0 outside every band", () => {
    const at = (n: number) => visits("1-3: 5, 4+: 10", n).leads[0].groups[0]?.total ?? 0;
    expect([at(0), at(1), at(3), at(4), at(9)]).toEqual([0, 5, 5, 10, 10]);
    expect(visits("2: 8; 5-6: -3", 1).leads[0].score).toBe(0);
    expect(visits("2: 8; 5-6: -3", 2).leads[0].score).toBe(8);
  });
  it("count at most Max Count activities", () => {
    expect(visits("1-3: 5, 4+: 10", 6, { max: 3 }).leads[0].score).toBe(5);
  });
  it.each([
    ["1-3: 5, 3+: 10", "overlap at 3"],
    ["0-2: 5", "not a count range of 1 or more"],
    ["3-1: 5", "not a count range of 1 or more"],
    ["1-3: five", '"five" is not a number'],
    ["1-3 5", "is not a number"],
    ["many: 5", "is not a band"],
    ["1+: 1e10", "beyond"],
  ])("report %s on the Points cell and skip the rule", (points, message) => {
    const run = visits(points, 2);
    const p = run.problems.find((x) => x.column === "Points");
    expect(p?.message).toContain(message);
    expect(p?.row).toBe(2);
    expect(run.leads[0].score).toBe(0);
  });
  it("and resets are for activity rules; decay is ignored on them with a warning", () => {
    const run = example(ACTIVITY, [
      { group: "Fit", rule: "Lead band", field: "Job Title", op: "is not blank", points: "1-2: 5" },
      { group: "Fit", rule: "Lead reset", field: "Job Title", op: "is not blank", points: "reset" },
      { group: "Engagement", rule: "Decayed band", event: "Page View", points: "1+: 5", half: 3 },
    ]);
    const messages = run.problems.map((p) => `${p.row} ${p.column} ${p.severity}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^2 Points error: Points "1-2: 5" is for Activity rules/),
      expect.stringMatching(/^3 Points error: Points "reset" is for Activity rules/),
      "4 Half-life Days warning: Half-life Days is ignored for a banded rule: it gives its band's points, not decayed.",
    ]);
  });
});

describe("Only If problems", () => {
  const only = (rules: RuleSpec[]) => example(ACTIVITY, rules, [["Setting"]]);
  const lead = (rule: string, onlyIf = "", extra: Partial<RuleSpec> = {}): RuleSpec => ({
    group: "Fit",
    rule,
    field: "Job Title",
    op: "is not blank",
    points: 1,
    onlyIf,
    ...extra,
  });
  const report = (run: ReturnType<typeof only>) =>
    run.problems.map((p) => `${p.row} ${p.column} ${p.severity}: ${p.message}`);

  it("labels match trimmed and case-insensitively; several rules with one label: any of them", () => {
    const run = only([
      lead("A", "  b ,NOT c"),
      lead("B", "", { op: "contains", value: "zzz" }),
      lead("B", "", { op: "contains", value: "vp" }),
      lead("C", "", { op: "contains", value: "student" }),
    ]);
    expect(run.problems).toEqual([]);
    // Ann: B (second row) matches, C does not → A counts. Bob: no B.
    expect(run.leads.map((l) => l.score)).toEqual([2, 1]);
  });

  it("an unknown label skips the rule with a did-you-mean; the others still score", () => {
    const run = only([lead("Decision maker"), lead("Exec", "Decision makr")]);
    expect(report(run)).toEqual([
      '3 Only If error: Only If names "Decision makr", but no rule has that label. The rule is skipped.',
    ]);
    expect(run.problems[0].fix).toContain('Did you mean "Decision maker"?');
    expect(run.leads[0].score).toBe(1);
  });

  it("a loop skips every rule on it, and the rules depending on them", () => {
    const run = only([lead("A", "B"), lead("B", "not C"), lead("C", "A"), lead("D", "C"), lead("E")]);
    expect(report(run)).toEqual([
      "2 Only If error: Only If makes a loop: A (row 2) → B (row 3) → C (row 4) → A (row 2). The rule is skipped.",
      "3 Only If error: Only If makes a loop: A (row 2) → B (row 3) → C (row 4) → A (row 2). The rule is skipped.",
      "4 Only If error: Only If makes a loop: A (row 2) → B (row 3) → C (row 4) → A (row 2). The rule is skipped.",
      '5 Only If error: Only If names "C" (row 4), which is skipped. The rule is skipped.',
    ]);
    expect(run.leads[0].score).toBe(1);
  });

  it("a rule naming itself is a loop", () => {
    expect(report(only([lead("A", "a"), lead("B")]))[0]).toBe(
      "2 Only If error: Only If makes a loop: A (row 2) → A (row 2). The rule is skipped.",
    );
  });

  it("a switched-off rule never matches (a warning); a broken one skips the rules naming it", () => {
    const run = only([
      lead("Off", "", { active: false }),
      lead("Broken", "", { op: "like" }),
      lead("Needs off", "Off"),
      lead("Not off", "not Off"),
      lead("Needs broken", "Broken"),
    ]);
    expect(report(run)).toEqual([
      '3 Operator error: Unknown operator "like". The rule is skipped.',
      '4 Only If warning: Only If names "Off" (row 2), which is switched off, so it never matches and this rule never counts.',
      '5 Only If warning: Only If names "Off" (row 2), which is switched off, so it never matches and this condition always holds.',
      '6 Only If error: Only If names "Broken", the rule on row 3, which has a problem. The rule is skipped.',
    ]);
    expect(run.leads[0].score).toBe(1);
  });

  it("a reset rule takes no Only If", () => {
    const run = only([
      lead("A"),
      { group: "Engagement", rule: "Unsub", event: "Unsubscribe", points: "reset", onlyIf: "A" },
    ]);
    expect(report(run)).toEqual([
      "3 Only If error: A reset rule cannot have Only If: it erases its group's earlier activities whatever else matches. The rule is skipped.",
    ]);
  });

  it("an activity rule matches when one of its activities is counted, even at 0 points", () => {
    const run = only([
      { group: "Engagement", rule: "Webinar", event: "Webinar Attended", points: 0, within: 30 },
      lead("Webinar fan", "Webinar"),
      lead("No webinar", "not webinar"),
    ]);
    // Ann's webinar is 31 days old: outside Within Days, so not counted.
    expect(run.leads.map((l) => l.score)).toEqual([1, 1]);
    const wider = only([
      { group: "Engagement", rule: "Webinar", event: "Webinar Attended", points: 0 },
      lead("Webinar fan", "Webinar"),
      lead("No webinar", "not webinar"),
    ]);
    expect(wider.leads.map((l) => l.score)).toEqual([1, 1]);
    expect(wider.contributions(wider.leads[0]).map((c) => c.label)).toEqual(["Webinar fan"]);
  });
});

describe("Priority", () => {
  const run = (bands: [CellValue, CellValue][], extra: Grid[number] = ["Grade group", "Fit"]) =>
    example(ACTIVITY, RULES, [
      ["Setting", "Value", "", "Engagement Band", "Min Points"],
      [...extra, "", ...(bands[0] ?? ["", ""])],
      ...bands.slice(1).map((b) => ["", "", "", ...b]),
    ]);
  it("below every band is the lowest band; blank when the lead has no grade", () => {
    expect(
      run([
        ["Hot", 30],
        ["Cool", 20],
      ]).leads.map((l) => l.priority),
    ).toEqual(["CCool", "DCool"]);
    expect(run([["1", 40]], ["Grade group", "none"]).leads.map((l) => l.priority)).toEqual(["", ""]);
  });
  it("skips a band without a number, or with a repeated name or minimum, naming the row", () => {
    const r = run([
      [1, 40],
      [2, "lots"],
      [1, 20],
      [3, 40],
      [4, 0],
    ]);
    expect(r.problems.map((p) => `${p.row} ${p.column}: ${p.message}`)).toEqual([
      '3 Min Points: Engagement band 2 has no numeric Min Points ("lots"); the engagement band is skipped.',
      "4 Engagement Band: Engagement band 1 is also on row 2; this row is skipped.",
      "5 Min Points: Engagement band 3 has the same Min Points (40) as 1 on row 2, so no engagement total could ever give it; this row is skipped.",
    ]);
    expect(r.leads.map((l) => l.priority)).toEqual(["C4", "D4"]);
  });
});

describe("LEADSCORE_DETAIL", () => {
  it("returns Priority after Grade when the Settings range holds the Engagement Band table", () => {
    const args = [LEADS, log(ACTIVITY), matrix(...RULES), SETTINGS, AS_OF.toISOString()];
    const context = { timeZone: "UTC", lists: () => undefined, now: AS_OF };
    const rows = detailRows(args, context);
    expect(rows[0].slice(0, 4)).toEqual(["Score", "Tier", "Grade", "Priority"]);
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
      [40, "Warm", "C", "C3"],
      [25, "Cold", "D", "D3"],
    ]);
    // A matrix range that leaves the Only If column out scores Exec on pricing for everyone.
    const narrow = matrix(...RULES).map((r) => r.slice(0, 12));
    expect(detailRows([LEADS, log(ACTIVITY), narrow, SETTINGS, AS_OF.toISOString()], context)[2][0]).toBe(35);
  });
});
