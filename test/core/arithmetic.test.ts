import { describe, expect, it } from "vitest";
import type { Grid } from "../../src/core/index";
import { decayWeight, outputRow, roundHalfAwayFromZero, roundTo } from "../../src/core/index";
import { AS_OF, DAY, daysAgo, matrix, OPEN_SETTINGS, score, settingsKV } from "./helpers";

const leads: Grid = [
  ["Email", "Title"],
  ["ann@acme.com", "VP"],
];
const log = (...rows: [number, string, string?][]): Grid => [
  ["Timestamp", "Email", "Event", "Detail"],
  ...rows.map(([d, ev, detail]) => [daysAgo(d), "ann@acme.com", ev, detail ?? ""]),
];

describe("rounding", () => {
  it("rounds half away from zero", () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(2.49)).toBe(2);
    expect(roundHalfAwayFromZero(-2.49)).toBe(-2);
    expect(roundHalfAwayFromZero(0.5)).toBe(1);
    expect(roundHalfAwayFromZero(-0.4)).toBe(0);
    expect(Object.is(roundHalfAwayFromZero(-0.4), -0)).toBe(false);
    expect(roundHalfAwayFromZero(0.1 + 0.2 + 2.2)).toBe(3); // 2.5000000000000004
    expect(roundHalfAwayFromZero(2.4999999999999996)).toBe(3); // float noise counts as .5
    expect(roundTo(1.25, 1)).toBe(1.3);
    expect(roundTo(-1.25, 1)).toBe(-1.3);
  });
  it("the score is the rounded sum of group totals", () => {
    const run = score({
      leads,
      matrix: matrix(
        { group: "Fit", field: "Title", op: "=", value: "VP", points: 1.25 },
        { group: "Other", field: "Title", op: "=", value: "VP", points: 1.25 },
      ),
      settings: OPEN_SETTINGS,
    });
    expect(run.leads[0].score).toBe(3); // 2.5 → 3
    const neg = score({
      leads,
      matrix: matrix({ field: "Title", op: "=", value: "VP", points: -2.5 }),
      settings: OPEN_SETTINGS,
    });
    expect(neg.leads[0].score).toBe(-3);
  });
});

describe("decay", () => {
  it("weight = 0.5^(age / half-life); none when half-life is null or 0", () => {
    expect(decayWeight(0, 30)).toBe(1);
    expect(decayWeight(30, 30)).toBeCloseTo(0.5, 12);
    expect(decayWeight(60, 30)).toBeCloseTo(0.25, 12);
    expect(decayWeight(45, 30)).toBeCloseTo(0.5 ** 1.5, 12);
    expect(decayWeight(100, null)).toBe(1);
    expect(decayWeight(100, 0)).toBe(1);
  });
  it("uses the rule's half-life, else the Settings default; 0 turns it off", () => {
    const acts = log([10, "Demo Request"], [20, "Demo Request"]);
    const scored = (half: string | number, settings: Grid) =>
      score({
        leads,
        activities: acts,
        matrix: matrix({ event: "Demo Request", points: 20, half }),
        settings,
      });
    const run = (half: string | number, settings: Grid) => scored(half, settings).leads[0];
    const expected = (hl: number) => 20 * (0.5 ** (10 / hl) + 0.5 ** (20 / hl));
    const withDefault = settingsKV({ "Score ceiling": "none", "Half-life days": 10 });
    expect(run(5, withDefault).groups[0].total).toBeCloseTo(expected(5), 10);
    expect(run("", withDefault).groups[0].total).toBeCloseTo(expected(10), 10);
    expect(run(0, withDefault).groups[0].total).toBe(40);
    expect(run("", OPEN_SETTINGS).groups[0].total).toBe(40);
    const decayed = scored(5, withDefault);
    const c = decayed.contributions(decayed.leads[0])[0];
    expect(c.count).toBe(2);
    expect(c.weight).toBeCloseTo((0.5 ** 2 + 0.5 ** 4) / 2, 12);
  });
});

describe("activity rules", () => {
  it("count at most Max Count matching activities, newest first", () => {
    const acts = log(
      [1, "Page View", "/pricing"],
      [50, "Page View", "/pricing"],
      [3, "Page View", "/pricing"],
    );
    const run = score({
      leads,
      activities: acts,
      matrix: matrix({
        event: "page view",
        field: "Detail",
        op: "contains",
        value: "pricing",
        points: 10,
        max: 2,
        half: 10,
      }),
      settings: OPEN_SETTINGS,
    });
    // the two newest: 1 and 3 days old
    expect(run.leads[0].groups[0].total).toBeCloseTo(10 * (0.5 ** 0.1 + 0.5 ** 0.3), 10);
    expect(run.contributions(run.leads[0])[0].count).toBe(2);
  });
  it("Within Days keeps activities at most that many days old (inclusive)", () => {
    const acts = log([30, "Email Click"], [31, "Email Click"], [5, "Email Click"]);
    const run = score({
      leads,
      activities: acts,
      matrix: matrix({ event: "Email Click", points: 3, within: 30 }),
      settings: OPEN_SETTINGS,
    });
    expect(run.leads[0].score).toBe(6);
  });
  it("Max Count applies after the condition and Within Days", () => {
    const acts = log([1, "Page View", "/blog"], [2, "Page View", "/pricing"], [40, "Page View", "/pricing"]);
    const run = score({
      leads,
      activities: acts,
      matrix: matrix({ event: "Page View", field: "Detail", op: "=", value: "/pricing", points: 5, max: 1 }),
      settings: OPEN_SETTINGS,
    });
    expect(run.leads[0].score).toBe(5);
  });
  it("ignores activities after the as-of time, and blank Event matches any event", () => {
    const acts: Grid = [
      ["Timestamp", "Email", "Event", "Detail"],
      [new Date(AS_OF.getTime() + DAY).toISOString(), "ann@acme.com", "Demo Request", ""],
      [daysAgo(0), "ann@acme.com", "Demo Request", ""],
      [daysAgo(2), "ANN@acme.com ", "Webinar Attended", ""],
    ];
    const run = score({
      leads,
      activities: acts,
      matrix: matrix({ source: "Activity", points: 1 }),
      settings: OPEN_SETTINGS,
    });
    expect(run.leads[0].score).toBe(2);
  });
  it("accepts Sheets dates, date-only text in the zone and ISO offsets", () => {
    const acts: Grid = [
      ["Timestamp", "Email", "Event", "Detail"],
      [new Date("2024-05-31T12:00:00Z"), "ann@acme.com", "Demo Request", ""], // 0.5 day
      ["2024-05-31", "ann@acme.com", "Demo Request", ""], // midnight New York = 04:00Z → 20h = 5/6 day
      ["2024-05-30T20:00:00-04:00", "ann@acme.com", "Demo Request", ""], // 2024-05-31T00:00Z → 1 day
    ];
    const run = score(
      {
        leads,
        activities: acts,
        matrix: matrix({ event: "Demo Request", points: 10, half: 1 }),
        settings: OPEN_SETTINGS,
      },
      { timeZone: "America/New_York" },
    );
    expect(run.leads[0].groups[0].total).toBeCloseTo(10 * (0.5 ** 0.5 + 0.5 ** (20 / 24) + 0.5 ** 1), 9);
  });
  it("uses a per-lead as-of time when given", () => {
    const acts = log([10, "Demo Request"], [1, "Demo Request"]);
    const run = score(
      {
        leads,
        activities: acts,
        matrix: matrix({ event: "Demo Request", points: 10 }),
        settings: OPEN_SETTINGS,
      },
      { asOfForLead: () => new Date(AS_OF.getTime() - 5 * DAY) },
    );
    expect(run.leads[0].score).toBe(10);
    expect(run.leads[0].asOf.getTime()).toBe(AS_OF.getTime() - 5 * DAY);
  });
});

describe("derived fields", () => {
  const acts = log([3, "Page View"], [10, "Email Open"], [-1, "Email Open"]);
  const leads2: Grid = [
    ["Email", "Created"],
    ["ann@Acme.COM", "2024-05-22"],
  ];
  const one = (field: string, op: string, value: string | number) =>
    score({
      leads: leads2,
      activities: acts,
      matrix: matrix({ field, op, value, points: 1 }),
      settings: OPEN_SETTINGS,
    }).leads[0].score;
  it("Email Domain is the lower-cased text after the last @", () => {
    expect(one("Email Domain", "=", "acme.com")).toBe(1);
    expect(one("email domain", "ends with", ".COM")).toBe(1);
  });
  it("Days Since Last Activity, Activity Count and Days Since Created use the as-of time", () => {
    expect(one("Days Since Last Activity", "=", 3)).toBe(1);
    expect(one("Activity Count", "=", 2)).toBe(1);
    expect(one("Days Since Created", "=", 10)).toBe(1);
  });
  it("Days Since Last Activity is blank without activities", () => {
    const run = score({
      leads: leads2,
      matrix: matrix({ field: "Days Since Last Activity", op: "is blank", points: 1 }),
      settings: OPEN_SETTINGS,
    });
    expect(run.leads[0].score).toBe(1);
  });
});

describe("caps, floor and ceiling", () => {
  const rules = matrix(
    { group: "Fit", field: "Title", op: "=", value: "VP", points: 30 },
    { group: "Fit", field: "Title", op: "contains", value: "v", points: 30 },
    { group: "Engagement", field: "Title", op: "is not blank", points: -20 },
  );
  const limits = (rows: (string | number)[][], kv: (string | number)[][] = []): Grid => {
    const n = Math.max(rows.length, kv.length);
    const g: Grid = [["Setting", "Value", "", "Group", "Min", "Max"]];
    for (let i = 0; i < n; i++) g.push([...(kv[i] ?? ["", ""]), "", ...(rows[i] ?? ["", "", ""])]);
    return g;
  };
  it("clamps each group to its Min/Max and reports which cap applied", () => {
    const run = score({
      leads,
      matrix: rules,
      settings: limits(
        [
          ["fit", "", 50],
          ["Engagement", -5, ""],
        ],
        [["Score floor", "none"]],
      ),
    });
    const l = run.leads[0];
    expect(l.groups).toEqual([
      { group: "Fit", raw: 60, total: 50, capped: "max" },
      { group: "Engagement", raw: -20, total: -5, capped: "min" },
    ]);
    expect(l.score).toBe(45);
    expect(outputRow(run, l).slice(3, 5)).toEqual([50, -5]);
  });
  it("clamps the score to the floor and ceiling; none turns them off", () => {
    const dflt = score({ leads, matrix: matrix({ field: "Title", op: "=", value: "VP", points: 150 }) });
    expect(dflt.leads[0].score).toBe(100);
    expect(dflt.leads[0].clamped).toBe("ceiling");
    const negative = score({ leads, matrix: matrix({ field: "Title", op: "=", value: "VP", points: -7 }) });
    expect(negative.leads[0].score).toBe(0);
    const open = score({
      leads,
      matrix: matrix({ field: "Title", op: "=", value: "VP", points: -7 }),
      settings: OPEN_SETTINGS,
    });
    expect(open.leads[0].score).toBe(-7);
    const custom = score({
      leads,
      matrix: matrix({ field: "Title", op: "=", value: "VP", points: 150 }),
      settings: settingsKV({ "Score floor": -10, "Score ceiling": 120 }),
    });
    expect(custom.leads[0].score).toBe(120);
  });
});
